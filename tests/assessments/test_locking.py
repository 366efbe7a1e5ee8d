"""Two people edit the same ИОП draft: the later save of a stale form is refused, nothing lost."""

from opora.assessments.models import Assessment
from opora.core.locking import REVISION_ERROR
from tests.locking_helpers import changes_of, opened_revision


def _url(draft) -> str:
    return f"/c/harmanli/cases/{draft.case_id}/assessment/edit/"


def _post(revision: str, **sections) -> dict:
    return {"revision": revision, "action": "save", **sections}


def test_a_stale_save_is_refused_with_who_and_what_then_a_knowing_save_succeeds(
    draft, manager, psychologist, client_of
):
    maria, elena = client_of(manager), client_of(psychologist)
    opened_by_maria = opened_revision(maria.get(_url(draft)))
    opened_by_elena = opened_revision(elena.get(_url(draft)))
    maria.post(_url(draft), _post(opened_by_maria, risks="Риск от Мария.", recommendations="П."))
    after_maria = Assessment.objects.filter(pk=draft.pk).values().get()

    refused = []
    changed = changes_of(
        lambda: refused.append(
            elena.post(_url(draft), _post(opened_by_elena, risks="Риск от Елена."))
        )
    )

    html = refused[0].content.decode()
    assert refused[0].status_code == 409
    assert "Докато редактирахте, Мария Петрова промени записа в " in html
    assert ": Препоръки, Рискове. Вашите промени не са записани" in html
    assert 'data-testid="stale-edit"' in html and "Риск от Мария." in html  # current value
    assert "Риск от Елена." in html  # her input is still in the form
    assert changed == []
    assert Assessment.objects.filter(pk=draft.pk).values().get() == after_maria

    # She reads Maria's recommendations on the page, keeps them and saves her risks again.
    retry = _post(opened_revision(refused[0]), risks="Риск от Елена.", recommendations="П.")
    again = elena.post(_url(draft), retry)

    assert again.status_code == 302
    draft.refresh_from_db()
    assert (draft.risks, draft.recommendations, draft.revision) == ("Риск от Елена.", "П.", 2)


def test_a_forged_revision_is_a_bulgarian_error_and_saves_nothing(draft, psychologist, client_of):
    client = client_of(psychologist)

    responses = []
    changed = changes_of(
        lambda: responses.append(client.post(_url(draft), _post("abc", risks="Нещо.")))
    )

    assert responses[0].status_code == 400
    assert REVISION_ERROR in responses[0].content.decode()
    assert changed == []
