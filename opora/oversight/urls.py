from django.urls import path

from opora.oversight import views

app_name = "oversight"
# The centre is named by `slug`, not `centre`: CurrentCentreMiddleware resolves staff memberships
# and must stay out of these pages (an official has no membership).
urlpatterns = [
    path("", views.overview, name="overview"),
    path("charts/", views.total_charts, name="charts"),
    path("centres/<slug:slug>/", views.centre_detail, name="centre"),
]
