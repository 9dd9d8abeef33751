"""API routes, mounted at ``api/`` by the project's urls."""

from django.urls import path

from . import events, views

urlpatterns = [
    path("articles/", views.ArticleList.as_view(), name="api_articles"),
    path("articles/<int:pk>/", views.ArticleDetail.as_view(), name="api_article"),
    path("actors/", views.ActorList.as_view(), name="api_actors"),
    path("topics/", views.TopicList.as_view(), name="api_topics"),
    path("threads/", views.ThreadList.as_view(), name="api_threads"),
    path("threads/<str:key>/", views.ThreadDetail.as_view(), name="api_thread"),
    path("threads/<str:key>/timeline/", views.ThreadTimeline.as_view(), name="api_timeline"),
    path("threads/<str:key>/roles/", events.ThreadRoles.as_view(), name="api_thread_roles"),
    path("events/", events.EventList.as_view(), name="api_events"),
    path("events/export.csv", events.ExportEventsCSV.as_view(), name="export_events_csv"),
    path("events/export.json", events.ExportEventsJSON.as_view(), name="export_events_json"),
    path("thread-states/", events.ThreadStateList.as_view(), name="api_thread_states"),
    path("export.csv", views.ExportCSV.as_view(), name="export_csv"),
    path("export.json", views.ExportJSON.as_view(), name="export_json"),
    path("schema/", views.Schema.as_view(), name="api_schema"),
    path("docs/", views.SwaggerUI.as_view(), name="api_docs"),
    path("docs/assets/<path:path>", views.docs_asset, name="api_docs_asset"),
    path("token/", views.api_token, name="api_token"),
]
