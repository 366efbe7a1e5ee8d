from django.contrib import admin

from opora.oversight.domain.access import grant_oversight, revoke_oversight
from opora.oversight.models import OversightAccess


@admin.register(OversightAccess)
class OversightAccessAdmin(admin.ModelAdmin):
    """Officials of a municipality (or the ASP, blank municipality) who see aggregated figures."""

    list_display = ("user", "municipality", "granted_at")
    search_fields = ("user__username", "user__last_name", "municipality")
    autocomplete_fields = ("user",)

    def save_model(self, request, obj, form, change):
        obj.pk = grant_oversight(obj.user, actor=request.user, municipality=obj.municipality).pk

    def delete_model(self, request, obj):
        revoke_oversight(obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for access in queryset:
            revoke_oversight(access, actor=request.user)
