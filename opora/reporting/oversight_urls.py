from django.urls import path

from opora.reporting import oversight_views as views

# Roll-ups over the centres an official oversees (mounted at /oversight/reports/).
app_name = "rollups"
urlpatterns = [
    path("", views.statistics, name="statistics"),
    path("export/", views.export, name="export"),
    path("download/", views.download, name="download"),
    path("snapshots/", views.snapshots, name="snapshots"),
    path("snapshots/take/", views.take, name="take"),
]
