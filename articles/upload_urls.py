from django.urls import path

from articles.views import retag, upload

urlpatterns = [
    path("", upload.upload, name="upload"),
    path("progress/", upload.progress, name="upload_progress"),
    path("status/", upload.status, name="upload_status"),
    path("batches/<int:pk>/", upload.report, name="batch_report"),
    path("retag/<str:group_id>/", retag.retag_progress, name="retag_progress"),
    path("retag/<str:group_id>/status/", retag.retag_status, name="retag_status"),
]
