from django.contrib.auth import views as auth_views
from django.urls import path

from opora.accounts import security_views as views
from opora.accounts.forms import LoginForm

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("code/", views.verify, name="verify"),
    path("two-factor/setup/", views.setup, name="setup"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("security/", views.security, name="security"),
    path("security/recovery-codes/", views.new_recovery_codes, name="new_recovery_codes"),
    path("security/authenticator/", views.reset_authenticator, name="reset_authenticator"),
    path("security/log-out-everywhere/", views.log_out_everywhere, name="log_out_everywhere"),
    path("security/password/", views.change_password, name="change_password"),
]
