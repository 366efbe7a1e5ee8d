from django.urls import path

from opora.privacy import views

app_name = "privacy"
urlpatterns = [
    # Encrypted exports: the case list, the one-time download, the manager's export log
    path("export/cases/", views.export_cases, name="export_cases"),
    path("download/", views.download, name="download"),
    path("exports/", views.exports, name="exports"),
    # The data subject's access request (ОРЗД чл. 15)
    path("people/<int:person_id>/", views.person_data, name="person_data"),
    # Retention periods and legal holds
    path("retention/", views.retention, name="retention"),
    path("retention/policies/", views.policies, name="policies"),
    path("retention/holds/add/", views.add_hold, name="add_hold"),
    path("retention/holds/<int:hold_id>/lift/", views.lift_hold, name="lift_hold"),
]
