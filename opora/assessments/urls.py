from django.urls import path

from opora.assessments import views
from opora.cases import general_views

app_name = "assessments"
urlpatterns = [
    # Needs assessment (ИОП) of a case
    path("cases/<int:case_id>/assessment/", views.detail, name="detail"),
    path("cases/<int:case_id>/assessment/start/", views.start, name="start"),
    path("cases/<int:case_id>/assessment/edit/", views.edit, name="edit"),
    path("cases/<int:case_id>/assessment/team/", views.team, name="team"),
    path("cases/<int:case_id>/assessment/requests/new/", views.add_request, name="add_request"),
    path("cases/<int:case_id>/assessment/requests/reply/", views.reply, name="reply"),
    # General-access consultations (the domain lives in opora/cases/domain/general.py)
    path(
        "consultations/general/new/<int:person_id>/",
        general_views.open_for_person,
        name="general_new",
    ),
    path(
        "consultations/general/<int:case_id>/close/",
        general_views.close,
        name="general_close",
    ),
    path(
        "consultations/general/<int:case_id>/refer/",
        general_views.refer,
        name="general_refer",
    ),
]
