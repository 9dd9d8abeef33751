"""Analysts' pages. Plain URL names (no namespace): the API adds its own under ``api/``."""

from django.contrib.auth import views as auth_views
from django.urls import path

from articles.views import (
    actors,
    article_events,
    articles,
    home,
    search,
    sources,
    story,
    threads,
    watchlists,
)

urlpatterns = [
    path("", home.home, name="home"),
    path("threads/", threads.thread_list, name="thread_list"),
    path("threads/<str:key>/", threads.thread_detail, name="thread_detail"),
    path("threads/<str:key>/milestones/", threads.milestone_add, name="milestone_add"),
    path("threads/<str:key>/moves/", story.thread_moves, name="thread_moves"),
    path("threads/<str:key>/story/", story.thread_story_fragment, name="thread_story"),
    path("articles/", articles.article_list, name="article_list"),
    path("articles/facets/", articles.article_facets, name="article_facets"),
    path("articles/<int:pk>/", articles.article_detail, name="article_detail"),
    path("articles/<int:pk>/corrections/", articles.article_correct, name="article_correct"),
    path(
        "articles/<int:pk>/events/",
        article_events.article_event_correct,
        name="article_event_correct",
    ),
    path("search/", search.search, name="search"),
    path("actors/<str:actor_id>/", actors.actor_detail, name="actor_detail"),
    path("watchlists/", watchlists.watchlist_list, name="watchlist_list"),
    path("watchlists/new/", watchlists.watchlist_create, name="watchlist_create"),
    path("watchlists/<int:pk>/", watchlists.watchlist_edit, name="watchlist_edit"),
    path("watchlists/<int:pk>/delete/", watchlists.watchlist_delete, name="watchlist_delete"),
    path("watchlists/feed/<str:token>/", watchlists.watchlist_feed, name="watchlist_feed"),
    path("notifications/", watchlists.notification_list, name="notification_list"),
    path("notifications/read/", watchlists.notifications_read, name="notifications_read"),
    path("notifications/<int:pk>/", watchlists.notification_open, name="notification_open"),
    path("sources/", sources.source_list, name="source_list"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
]
