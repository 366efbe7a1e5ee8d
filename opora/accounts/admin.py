from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from opora.accounts.domain.two_factor import reset_two_factor_by_administrator
from opora.accounts.models import Membership, User
from opora.core.errors import DomainError

# The apps' secret keys are shown nowhere, not even at /system/: the administrator resets a second
# factor with the action below, and the user sets up a new app at the next sign-in.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class OporaUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Опора", {"fields": ("is_system_admin",)}))
    list_display = ("username", "first_name", "last_name", "email", "is_active", "is_system_admin")
    inlines = [MembershipInline]
    actions = ["reset_two_factor"]

    @admin.action(description="Нулирай двуфакторния вход (загубен телефон)")
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            try:
                reset_two_factor_by_administrator(user, actor=request.user)
            except DomainError as error:
                self.message_user(request, error.message, messages.WARNING)
            else:
                self.message_user(request, f"Двуфакторният вход на {user} е нулиран.")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "centre", "role", "is_active")
    list_filter = ("centre", "role", "is_active")
    search_fields = ("user__username", "user__last_name")
