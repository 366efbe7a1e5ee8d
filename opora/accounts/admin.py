from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from opora.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class OporaUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Опора", {"fields": ("is_system_admin",)}))
    list_display = ("username", "first_name", "last_name", "email", "is_active", "is_system_admin")
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "centre", "role", "is_active")
    list_filter = ("centre", "role", "is_active")
    search_fields = ("user__username", "user__last_name")
