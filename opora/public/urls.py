from django.urls import path

from opora.public import views

app_name = "public"
# The keyword is `slug`, not `centre`: these pages are outside the staff area, so the centre
# middleware (which answers 404 to a signed-in user of another centre) must not resolve it.
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.centre_page, name="centre"),
    path("<slug:slug>/request/", views.request_form, name="request"),
    path("<slug:slug>/request/sent/", views.request_sent, name="request_sent"),
]
