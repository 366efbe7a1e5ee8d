"""Files on the case timeline: when each was attached and, if so, removed. One query.

The title, sender and reason are the event's note at the file's sensitivity: a reader without
that level sees only that a file of this kind and date was attached (opora.core.timeline)."""

from django.urls import reverse

from opora.attachments.models import Attachment
from opora.core.timeline import TimelineEvent


def timeline_events(case) -> list[TimelineEvent]:
    rows = Attachment.objects.filter(case=case).select_related("created_by", "removed_by")
    url = reverse("attachments:case_list", kwargs={"centre": case.centre.slug, "case_id": case.pk})
    events = []
    for attachment in rows:
        events.append(_added(attachment, url))
        if attachment.removed_at:
            events.append(_removed(attachment, url))
    return events


def _added(attachment: Attachment, url: str) -> TimelineEvent:
    sender = f" · от {attachment.sender}" if attachment.sender else ""
    return TimelineEvent(
        at=attachment.created_at,
        kind="attachment.added",
        title=f"Прикачен файл: {attachment.get_kind_display()}",
        detail=f"от {attachment.document_date:%d.%m.%Y}",
        url=url,
        actor=_name(attachment.created_by),
        note=f"{attachment.title}{sender}",
        sensitivity=attachment.sensitivity,
        authors=(attachment.created_by_id,),
        public_detail=f"от {attachment.document_date:%d.%m.%Y}",
    )


def _removed(attachment: Attachment, url: str) -> TimelineEvent:
    return TimelineEvent(
        at=attachment.removed_at,
        kind="attachment.removed",
        title=f"Премахнат файл: {attachment.get_kind_display()}",
        detail=f"от {attachment.document_date:%d.%m.%Y}",
        url=url,
        actor=_name(attachment.removed_by),
        note=f"{attachment.title} · причина: {attachment.removed_reason}",
        sensitivity=attachment.sensitivity,
        authors=(attachment.created_by_id,),
        public_detail=f"от {attachment.document_date:%d.%m.%Y}",
    )


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""
