from django.contrib import admin

from opora.audit.domain import record
from opora.centres.models import Centre, CentreSettings


class CentreSettingsInline(admin.StackedInline):
    model = CentreSettings
    can_delete = False


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    """The system administrator manages centres here; no case content is registered in this admin."""

    list_display = ("name", "municipality", "capacity", "is_active")
    search_fields = ("name", "municipality")
    inlines = [CentreSettingsInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changes = {name: str(form.cleaned_data.get(name)) for name in form.changed_data}
        record(
            actor=request.user,
            action="centre.update" if change else "centre.create",
            obj=obj,
            centre_id=obj.pk,
            changes=changes,
        )
