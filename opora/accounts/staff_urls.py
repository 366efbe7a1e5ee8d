from django.urls import path

from opora.accounts import views

app_name = "staff"
urlpatterns = [
    path("", views.staff_list, name="list"),
    path("add/", views.staff_add, name="add"),
    path("<int:membership_id>/", views.staff_edit, name="edit"),
]
