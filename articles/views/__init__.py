"""Thin function views: parse the request, call a selector or a service, render.

Every page needs a login; writes check the role in ``articles.permissions``.
"""
