from django.urls import path

from opora.audit import views

app_name = "audit"
urlpatterns = [
    path("cases/<int:case_id>/audit/", views.case_log, name="case"),
    path("audit/staff/", views.staff_log, name="staff"),
    path("audit/unusual/", views.unusual, name="unusual"),
]
