from django.urls import path

from opora.consultations import views

app_name = "consultations"
urlpatterns = [
    path("cases/<int:case_id>/sessions/", views.case_sessions, name="list"),
    path("cases/<int:case_id>/sessions/log/", views.log_session, name="log"),
    path("cases/<int:case_id>/sessions/plan/", views.plan_session, name="plan"),
    path("cases/<int:case_id>/timeline/", views.timeline, name="timeline"),
    path("sessions/<int:session_id>/", views.session_detail, name="detail"),
    path("sessions/<int:session_id>/edit/", views.edit_session, name="edit"),
    path("sessions/<int:session_id>/held/", views.hold_session, name="hold"),
    path("sessions/<int:session_id>/cancel/", views.cancel_session, name="cancel"),
    path("sessions/<int:session_id>/no-show/", views.no_show, name="no_show"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/day/", views.day, name="day"),
]
