from django.urls import path

from opora.centres import views

app_name = "centres"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("indicators/", views.indicators_page, name="indicators"),
    path("profile/edit/", views.edit_profile, name="edit"),
]
