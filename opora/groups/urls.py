from django.urls import path

from opora.groups import views

app_name = "groups"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", views.new_programme, name="new"),
    path("<int:programme_id>/", views.programme_detail, name="programme"),
    path("<int:programme_id>/edit/", views.edit_programme, name="edit"),
    path("<int:programme_id>/finish/", views.finish_programme, name="finish"),
    path("<int:programme_id>/sessions/new/", views.add_session, name="add_session"),
    path("<int:programme_id>/enrol/", views.enrol, name="enrol"),
    path("<int:programme_id>/certificates/", views.issue_certificates, name="issue_certificates"),
    path("sessions/<int:group_session_id>/", views.session_detail, name="session"),
    path("sessions/<int:group_session_id>/edit/", views.edit_session, name="edit_session"),
    path("sessions/<int:group_session_id>/note/", views.session_note, name="session_note"),
    path("participants/<int:participant_id>/", views.participant_detail, name="participant"),
    path("participants/<int:participant_id>/notes/", views.add_note, name="add_note"),
    path("participants/<int:participant_id>/withdraw/", views.withdraw, name="withdraw"),
    path("participants/<int:participant_id>/certificate/", views.certificate, name="certificate"),
]
