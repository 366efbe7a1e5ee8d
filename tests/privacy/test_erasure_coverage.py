"""Retention erases every piece of free text a case holds: a model or field added later to any
app that belongs to a case must be listed for erasure or, with its reason, as kept."""

from django.apps import apps
from django.db import models

from opora.privacy.domain.erasure import CASE_TEXT, KEPT_TEXT, PERSON_TEXT

# Apps whose rows are not case content: the audit is append-only, holds and erasures are ours.
NOT_CASE_CONTENT = {"audit", "privacy"}


def _case_owned_models() -> set:
    """Every model of Opora that points to a case, directly or through another such model."""
    owned = {apps.get_model("cases.Case")}
    candidates = [
        m for m in apps.get_models()
        if m.__module__.startswith("opora.") and m._meta.app_label not in NOT_CASE_CONTENT
    ]  # fmt: skip
    grew = True
    while grew:
        grew = False
        for model in candidates:
            if model not in owned and _points_to(model, owned):
                owned.add(model)
                grew = True
    return owned


def _points_to(model, owned) -> bool:
    return any(f.is_relation and f.related_model in owned for f in model._meta.concrete_fields)


def _free_text(model) -> set[str]:
    return {
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.TextField | models.EmailField)
        or (isinstance(f, models.CharField) and not f.choices)
    }


def test_every_free_text_field_of_case_content_is_erased_or_kept_on_purpose():
    missing = {}
    for model in _case_owned_models():
        label = model._meta.label
        listed = set(CASE_TEXT.get(label, ("", ()))[1]) | set(KEPT_TEXT.get(label, ()))
        if gap := _free_text(model) - listed:
            missing[label] = sorted(gap)

    assert missing == {}


def test_every_listed_field_exists_and_is_text():
    wrong = []
    for registry in (CASE_TEXT, PERSON_TEXT):
        for label, (lookup, fields) in registry.items():
            model = apps.get_model(label)
            wrong += [f"{label}.{f}" for f in fields if f not in _free_text(model)]
            model.objects.filter(**{lookup: 1}).query.__str__()  # the lookup resolves
    for label, fields in KEPT_TEXT.items():
        wrong += [f"{label}.{f}" for f in fields if f not in _free_text(apps.get_model(label))]

    assert wrong == []


def test_an_erased_field_is_long_enough_for_the_marker():
    from opora.privacy.domain.erasure import ERASED

    short = [
        f"{label}.{name}"
        for registry in (CASE_TEXT, PERSON_TEXT)
        for label, (_lookup, fields) in registry.items()
        for name in fields
        if (size := apps.get_model(label)._meta.get_field(name).max_length) and size < len(ERASED)
    ]

    assert short == []
