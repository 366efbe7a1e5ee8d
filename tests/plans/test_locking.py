"""Two people edit the same ИПП draft: a stale save is refused, naming who changed what."""

from opora.core.locking import REVISION_ERROR
from opora.plans.models import Activity, Goal, PlanVersion
from tests.locking_helpers import changes_of, opened_revision
from tests.plans.test_views import editor_post


def _url(version) -> str:
    return f"/c/harmanli/plan-versions/{version.pk}/edit/"


def _plan_rows(version) -> dict:
    return {
        "version": PlanVersion.objects.filter(pk=version.pk).values().get(),
        "goals": list(Goal.objects.filter(version=version).values()),
        "activities": list(Activity.objects.filter(goal__version=version).values()),
    }


def test_a_stale_save_is_refused_with_who_and_what_then_a_knowing_save_succeeds(
    draft, manager, psychologist, client_of
):
    maria, elena = client_of(manager), client_of(psychologist)
    opened_by_maria = opened_revision(maria.get(_url(draft)))
    opened_by_elena = opened_revision(elena.get(_url(draft)))
    maria_post = editor_post(psychologist, **{"plan-revision": opened_by_maria})
    maria_post.update({"plan-child_view": "Думите на детето.", "g0-title": "Цел на Мария"})
    assert maria.post(_url(draft), maria_post).status_code == 302
    after_maria = _plan_rows(draft)

    elena_post = editor_post(psychologist, **{"plan-revision": opened_by_elena})
    elena_post["g0-title"] = "Цел на Елена"
    refused = []
    changed = changes_of(lambda: refused.append(elena.post(_url(draft), elena_post)))

    html = refused[0].content.decode()
    assert refused[0].status_code == 409
    assert "Докато редактирахте, Мария Петрова промени записа в " in html
    changed_fields = "Мнение на детето за плана, Участие на семейството, Цели и дейности"
    assert f": {changed_fields}. Вашите промени не са записани" in html
    assert "1. Цел на Мария" in html  # the goals as they are now
    assert 'value="Цел на Елена"' in html  # her input is still in the editor
    assert changed == []
    assert _plan_rows(draft) == after_maria

    elena_post["plan-revision"] = opened_revision(refused[0])
    again = elena.post(_url(draft), elena_post)

    assert again.status_code == 302
    assert Goal.objects.get(version=draft).title == "Цел на Елена"


def test_every_change_of_the_draft_moves_its_revision(draft, psychologist, client_of):
    client = client_of(psychologist)
    opened = int(opened_revision(client.get(_url(draft))))
    post = editor_post(psychologist, **{"plan-revision": str(opened)})

    client.post(_url(draft), post)  # the goal's texts differ from the fixture's
    first = PlanVersion.objects.get(pk=draft.pk).revision
    post["plan-revision"] = str(first)
    client.post(_url(draft), post)  # the same content again: nothing changes
    post.update({"plan-revision": str(first), "g0a0-frequency": "два пъти седмично"})
    client.post(_url(draft), post)  # only an activity changes

    assert (first, PlanVersion.objects.get(pk=draft.pk).revision) == (opened + 1, opened + 2)


def test_a_forged_revision_is_a_bulgarian_error_and_saves_nothing(draft, psychologist, client_of):
    post = editor_post(psychologist, **{"plan-revision": "1; drop"})

    responses = []
    changed = changes_of(lambda: responses.append(client_of(psychologist).post(_url(draft), post)))

    assert responses[0].status_code == 400
    assert REVISION_ERROR in responses[0].content.decode()
    assert changed == []
