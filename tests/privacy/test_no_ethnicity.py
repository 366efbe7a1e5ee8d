"""Ethnicity is not collected (domain-bg.md §7: special-category data no act requires)."""

import re

from django.apps import apps

ETHNICITY = re.compile(r"ethnic|етнос|етническ|народност|\brace\b|\bраса\b|_race\b|^race", re.I)


def test_no_model_of_opora_has_a_field_about_ethnicity():
    found = []
    for model in apps.get_models(include_auto_created=True):
        if not model.__module__.startswith("opora."):
            continue
        for field in model._meta.get_fields():
            words = [field.name, str(getattr(field, "verbose_name", "") or "")]
            words += [str(label) for _value, label in getattr(field, "flatchoices", []) or []]
            if any(ETHNICITY.search(word) for word in words):
                found.append(f"{model._meta.label}.{field.name}")

    assert found == []


def test_the_check_recognises_the_words_it_looks_for():
    for word in (
        "ethnicity",
        "ethnic_group",
        "Етнос",
        "етническа група",
        "народност",
        "race",
        "раса",
    ):
        assert ETHNICITY.search(word), word
    for word in ("trace_id", "grace_period", "terrace", "brace"):
        assert not ETHNICITY.search(word), word
