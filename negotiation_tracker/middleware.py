"""Arabic first: the interface is Arabic unless the user picked English."""

from __future__ import annotations


class IgnoreBrowserLanguage:
    """Drop the browser's Accept-Language so ``LocaleMiddleware`` falls back to Arabic.

    The product is for analysts of Arabic media: the interface opens in
    Arabic on any browser, and the language switch (a cookie) is the only
    way to English.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
