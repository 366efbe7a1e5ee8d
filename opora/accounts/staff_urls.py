from django.urls import path

from opora.accounts import views

app_name = "staff"
urlpatterns = [
    path("", views.staff_list, name="list"),
    path("add/", views.staff_add, name="add"),
    path("<int:membership_id>/", views.staff_edit, name="edit"),
    path(
        "<int:membership_id>/reset-two-factor/",
        views.staff_reset_two_factor,
        name="reset_two_factor",
    ),
]
