from django.urls import path

from opora.attachments import views

app_name = "attachments"
urlpatterns = [
    path("cases/<int:case_id>/attachments/", views.case_list, name="case_list"),
    path("cases/<int:case_id>/attachments/new/", views.add_to_case, name="add_to_case"),
    path("people/<int:person_id>/attachments/", views.person_list, name="person_list"),
    path("people/<int:person_id>/attachments/new/", views.add_to_person, name="add_to_person"),
    path("attachments/<int:attachment_id>/file/", views.download, name="download"),
    path("attachments/<int:attachment_id>/edit/", views.edit, name="edit"),
    path("attachments/<int:attachment_id>/remove/", views.remove, name="remove"),
]
