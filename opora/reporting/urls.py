from django.urls import path

from opora.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.statistics, name="statistics"),
    path("export/", views.export, name="export"),
    path("download/", views.download, name="download"),
    # Submitted reports (snapshots): ?snapshot=<id> one of them, &check=1 re-run and compare
    path("snapshots/", views.snapshots, name="snapshots"),
    path("snapshots/take/", views.take, name="take"),
]
