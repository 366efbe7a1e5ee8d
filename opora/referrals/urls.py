from django.urls import path

from opora.referrals import views

app_name = "referrals"
urlpatterns = [
    path("new/", views.new_referral, name="new"),
]
