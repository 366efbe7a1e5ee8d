"""Sensitivity of a note or document: who inside the centre may read it.

The levels are shared by every app that stores free text about a person (session notes,
documents, group participants' notes). Which levels a given user may read on a given case is
decided in one place, `opora.cases.domain.access.readable_levels(user, case)`; this module only
names the levels and the rule over plain facts, so it imports nothing from other apps.
"""

from django.db import models


class Sensitivity(models.TextChoices):
    TEAM = "team", "Екипът по случая"
    PSYCHOLOGISTS = "psychologists", "Само психолозите по случая"
    MANAGER = "manager", "Само ръководителят"


def levels_for(*, on_team: bool, is_psychologist: bool, is_manager: bool) -> frozenset[str]:
    """The levels a reader may see, from facts about the reader and the case.

    - team: the case team (case manager and members) and the centre's manager;
    - psychologists: psychologists who are on the case team (therapy notes) — the manager
      reads them only if she is such a psychologist herself;
    - manager: the centre's manager.
    The author of a note always reads her own note; callers add that condition.
    """
    levels = set()
    if on_team or is_manager:
        levels.add(Sensitivity.TEAM)
    if on_team and is_psychologist:
        levels.add(Sensitivity.PSYCHOLOGISTS)
    if is_manager:
        levels.add(Sensitivity.MANAGER)
    return frozenset(levels)
