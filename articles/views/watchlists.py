"""Watchlists (an analyst's own saved filters), the notifications page and the private Atom feeds.

A watchlist or alert of another user answers 404, never 403: its
existence is not for others to learn.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from articles.models import Watchlist
from articles.selectors import alerts as selectors
from articles.services import alerts as alert_service
from articles.services import watchlists as service


def watcher_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A login, then the permission to keep watchlists (analysts and admins have it)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm("articles.add_watchlist"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)


class WatchlistForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    email = forms.ChoiceField(
        label=gettext_lazy("Email"), choices=Watchlist.Email.choices, initial=Watchlist.Email.OFF
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of emails"), choices=settings.LANGUAGES
    )
    query = forms.CharField(required=False, widget=forms.HiddenInput)


def _back(request: HttpRequest, default: str) -> str:
    # A path of this site only: ``redirect()`` would read anything else as a view name.
    target = request.POST.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


@watcher_required
def watchlist_list(request: HttpRequest) -> HttpResponse:
    rows = list(selectors.watchlists_of(request.user))
    for w in rows:
        w.summary = selectors.summary(w)
        w.feed_url = request.build_absolute_uri(reverse("watchlist_feed", args=[w.feed_token]))
    return render(request, "alerts/watchlists.html", {"watchlists": rows})


@require_POST
@watcher_required
def watchlist_create(request: HttpRequest) -> HttpResponse:
    """Save the filter state of the list or thread page as a watchlist (or into one, when editing)."""
    form = WatchlistForm(request.POST)
    target = request.POST.get("watchlist", "")
    if target.isdecimal():  # "save these filters into my watchlist N"
        watchlist = selectors.watchlist_of(request.user, int(target))
        if watchlist is None:
            raise Http404
        try:
            service.update_watchlist(watchlist, query=request.POST.get("query", ""))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Watchlist «%s» updated.") % watchlist.name)
        return redirect("watchlist_list")
    if not form.is_valid():
        messages.error(request, _("A watchlist needs a name."))
        return redirect(_back(request, reverse("article_list")))
    data = form.cleaned_data
    try:
        watchlist = service.create_watchlist(
            request.user,
            name=data["name"],
            query=data["query"],
            email=data["email"],
            language=data["language"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_back(request, reverse("article_list")))
    messages.success(request, _("Watchlist «%s» saved.") % watchlist.name)
    return redirect("watchlist_list")


@watcher_required
def watchlist_edit(request: HttpRequest, pk: int) -> HttpResponse:
    watchlist = selectors.watchlist_of(request.user, pk)
    if watchlist is None:
        raise Http404
    initial = {
        "name": watchlist.name,
        "email": watchlist.email,
        "language": watchlist.language,
        "query": watchlist.query,
    }
    form = WatchlistForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            service.update_watchlist(
                watchlist, name=data["name"], email=data["email"], language=data["language"]
            )
            if request.POST.get("new_token"):
                service.new_token(watchlist)
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, _("Watchlist «%s» updated.") % watchlist.name)
            return redirect("watchlist_list")
    return render(
        request,
        "alerts/watchlist_edit.html",
        {"watchlist": watchlist, "form": form, "summary": selectors.summary(watchlist)},
    )


@require_POST
@watcher_required
def watchlist_delete(request: HttpRequest, pk: int) -> HttpResponse:
    watchlist = selectors.watchlist_of(request.user, pk)
    if watchlist is None:
        raise Http404
    service.delete_watchlist(watchlist)
    messages.success(request, _("Watchlist «%s» deleted.") % watchlist.name)
    return redirect("watchlist_list")


@watcher_required
def notification_list(request: HttpRequest) -> HttpResponse:
    before = request.GET.get("before", "")
    watchlist = request.GET.get("watchlist", "")
    data = selectors.notifications(
        request.user,
        before=int(before) if before.isdecimal() else None,
        watchlist=int(watchlist) if watchlist.isdecimal() else None,
    )
    return render(request, "alerts/notifications.html", data)


@watcher_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one alert read and go to what raised it."""
    alert = selectors.open_alert(request.user, pk)
    if alert is None:
        raise Http404
    alert_service.mark_read(request.user, [alert.pk])
    return redirect(selectors.describe(alert).url)


@require_POST
@watcher_required
def notifications_read(request: HttpRequest) -> HttpResponse:
    alert_service.mark_read(request.user)
    return redirect(_back(request, reverse("notification_list")))


def watchlist_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A watchlist's alerts as Atom, for feed readers; the private token in the URL is the key."""
    watchlist = selectors.watchlist_by_token(token)
    if watchlist is None or not watchlist.owner.is_active:
        raise Http404
    feed = Atom1Feed(
        title=f"{watchlist.name} · {_('Negotiation Tracker')}",
        link=request.build_absolute_uri(reverse("watchlist_list")),
        description="",
        language=watchlist.language,
        feed_url=request.build_absolute_uri(),
    )
    for item in selectors.feed_items(watchlist):
        link = request.build_absolute_uri(item.url)
        feed.add_item(
            title=item.title,
            link=link,
            description=item.text,
            unique_id=f"{link}#alert-{item.id}",
            pubdate=item.when,
            updateddate=item.when,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response
