"""A readable comparison of a plan version with the one before it: what was added, removed, changed.

Goals are paired through `copied_from` (set when a version is copied), then by identical title.
Works on versions loaded with their goals and activities (queries.version_of / previous_version).
"""

from dataclasses import dataclass, field

from opora.plans.models import Activity, Goal, PlanVersion

ADDED, REMOVED, CHANGED, SAME = "added", "removed", "changed", "same"

_HEADER_FIELDS = [
    ("start_on", "Начало"),
    ("review_on", "Преглед на"),
    ("duration_class", "Продължителност"),
    ("child_view", "Мнение на детето"),
    ("family_participation", "Участие на семейството"),
]
_GOAL_FIELDS = [
    ("need", "Потребност"),
    ("title", "Цел"),
    ("expected_result", "Очакван резултат"),
    ("indicators", "Индикатори"),
]


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class GoalChange:
    kind: str
    before: Goal | None
    after: Goal | None
    fields: list[FieldChange] = field(default_factory=list)
    activities_added: list[str] = field(default_factory=list)
    activities_removed: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return (self.after or self.before).title


@dataclass
class VersionComparison:
    before: PlanVersion
    after: PlanVersion
    header: list[FieldChange]
    goals: list[GoalChange]

    @property
    def has_changes(self) -> bool:
        return bool(self.header) or any(g.kind != SAME for g in self.goals)

    def count(self, kind: str) -> int:
        return sum(1 for g in self.goals if g.kind == kind)

    @property
    def added_count(self) -> int:
        return self.count(ADDED)

    @property
    def removed_count(self) -> int:
        return self.count(REMOVED)

    @property
    def changed_count(self) -> int:
        return self.count(CHANGED)


def compare_versions(before: PlanVersion, after: PlanVersion) -> VersionComparison:
    header = [
        FieldChange(label, _shown(before, name), _shown(after, name))
        for name, label in _HEADER_FIELDS
        if _shown(before, name) != _shown(after, name)
    ]
    return VersionComparison(before, after, header, _goal_changes(before, after))


def describe_activity(activity: Activity) -> str:
    return (
        f"{activity.get_service_display()}: {activity.description} — {activity.frequency}, "
        f"{activity.get_setting_display().lower()}, {activity.responsible}"
    )


def _goal_changes(before: PlanVersion, after: PlanVersion) -> list[GoalChange]:
    old_goals = list(before.goals.all())
    pairs = _pair(old_goals, list(after.goals.all()))
    paired_old = {id(old) for old, _new in pairs if old is not None}
    changes = [_goal_change(old, new) for old, new in pairs]
    changes += [GoalChange(REMOVED, g, None) for g in old_goals if id(g) not in paired_old]
    return changes


def _pair(old_goals: list[Goal], new_goals: list[Goal]) -> list[tuple[Goal | None, Goal]]:
    by_id = {g.pk: g for g in old_goals}
    by_title = {g.title.strip().lower(): g for g in old_goals}
    used: set[int] = set()
    pairs = []
    for goal in new_goals:
        old = by_id.get(goal.copied_from_id) or by_title.get(goal.title.strip().lower())
        if old is not None and old.pk in used:
            old = None
        if old is not None:
            used.add(old.pk)
        pairs.append((old, goal))
    return pairs


def _goal_change(old: Goal | None, new: Goal) -> GoalChange:
    if old is None:
        return GoalChange(ADDED, None, new)
    fields = [
        FieldChange(label, getattr(old, name), getattr(new, name))
        for name, label in _GOAL_FIELDS
        if getattr(old, name) != getattr(new, name)
    ]
    old_acts = [describe_activity(a) for a in old.activities.all()]
    new_acts = [describe_activity(a) for a in new.activities.all()]
    added = [a for a in new_acts if a not in old_acts]
    removed = [a for a in old_acts if a not in new_acts]
    kind = CHANGED if fields or added or removed else SAME
    return GoalChange(kind, old, new, fields, added, removed)


def _shown(version: PlanVersion, name: str) -> str:
    value = getattr(version, name)
    if name == "duration_class":
        return version.get_duration_class_display()
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return value or ""
