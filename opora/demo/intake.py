"""The manager's intake decisions in a demo story: waiting list, leaving it, refusal."""

from opora.cases.domain.intake import place_on_waiting_list, refuse_case, remove_from_waiting_list
from opora.demo import assessing
from opora.demo.diary import CaseDiary, one_event

NOT_MET_CONCLUSIONS = (
    "Потребностите на детето изискват ежедневна специализирана рехабилитация (логопед, "
    "кинезитерапевт, ресурсен учител), каквато екипът на центъра не може да осигури."
)
NOT_MET_RECOMMENDATIONS = (
    "Насочване към център за социална рехабилитация и интеграция; консултиране на родителите за "
    "правата им и за целевите помощи."
)


def _waitlist(diary: CaseDiary, step) -> None:
    place_on_waiting_list(diary.case, actor=diary.manager, note=step.note)


def _leave_list(diary: CaseDiary, step) -> None:
    remove_from_waiting_list(diary.refresh(), actor=diary.manager, reason=step.note)


def _refuse(diary: CaseDiary, step) -> None:
    """A refusal after the assessment rests on its findings (ЗСУ чл. 78, ал. 5, т. 2)."""
    if diary.assessment is not None:
        assessing.save_conclusions(diary, NOT_MET_CONCLUSIONS, NOT_MET_RECOMMENDATIONS)
    ground, reason = diary.story.refusal
    refuse_case(diary.refresh(), actor=diary.manager, ground=ground, reason=reason)


INTAKE_EVENTS = {
    "waitlist": one_event(_waitlist),
    "remove": one_event(_leave_list),
    "refuse": one_event(_refuse),
}
