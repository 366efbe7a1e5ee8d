"""Comparing a version with the previous one: goals added, removed and changed, header changes."""

from datetime import timedelta

from opora.cases.domain.status import change_status
from opora.cases.enums import CaseStatus
from opora.centres.enums import Service
from opora.plans.domain.checks import today
from opora.plans.domain.compare import ADDED, CHANGED, REMOVED, SAME, compare_versions
from opora.plans.domain.plan import approve_plan, save_plan, start_plan, submit_plan
from opora.plans.domain.queries import previous_version, version_of
from tests.plans.conftest import activity, goal, plan_data


def test_the_comparison_lists_what_changed(draft, manager, psychologist, social_worker):
    save_plan(
        draft,
        actor=psychologist,
        data=plan_data(
            psychologist,
            goals=(
                goal(psychologist, title="Остава"),
                goal(psychologist, title="Ще се промени"),
                goal(psychologist, title="Отпада"),
            ),
        ),
    )
    approve_plan(submit_plan(draft, actor=psychologist), actor=manager)
    change_status(draft.case, to_status=CaseStatus.ACTIVE, actor=manager)
    update = start_plan(draft.case, actor=psychologist)
    kept, changed, _dropped = list(update.goals.order_by("order"))
    save_plan(
        update,
        actor=psychologist,
        data=plan_data(
            psychologist,
            review_on=today() + timedelta(days=30),
            goals=(
                goal(psychologist, title="Остава", copied_from_id=kept.copied_from_id),
                goal(
                    psychologist,
                    title="Ще се промени",
                    expected_result="По-висок резултат",
                    copied_from_id=changed.copied_from_id,
                    activities=(activity(social_worker, service=Service.SKILLS),),
                ),
                goal(psychologist, title="Съвсем нова"),
            ),
        ),
    )

    after = version_of(draft.centre, update.pk)
    comparison = compare_versions(previous_version(after), after)

    kinds = {g.title: g.kind for g in comparison.goals}
    assert kinds == {
        "Остава": SAME,
        "Ще се промени": CHANGED,
        "Съвсем нова": ADDED,
        "Отпада": REMOVED,
    }
    assert (comparison.added_count, comparison.removed_count, comparison.changed_count) == (1, 1, 1)
    modified = next(g for g in comparison.goals if g.kind == CHANGED)
    assert [(f.label, f.after) for f in modified.fields] == [
        ("Очакван резултат", "По-висок резултат")
    ]
    assert len(modified.activities_added) == len(modified.activities_removed) == 1
    assert "Обучение за придобиване на умения" in modified.activities_added[0]
    assert [c.label for c in comparison.header] == ["Преглед на"]
    assert comparison.has_changes
