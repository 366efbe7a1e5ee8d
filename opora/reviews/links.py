"""Where a review that asks for an updated ИОП or a new ИПП version sends the team next.

The assessments and plans apps own those pages; a name that does not resolve gives plain
instructions instead of a broken link.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NextStep:
    label: str
    url: str
    instruction: str


def update_links(centre, case, review) -> list[NextStep]:
    steps = []
    if review.update_assessment:
        steps.append(
            NextStep(
                "Актуализирана ИОП",
                _url("assessments:detail", centre, case),
                "Започнете актуализирана ИОП от раздела „Оценка на потребностите (ИОП)“ на случая.",
            )
        )
    if review.update_plan:
        steps.append(
            NextStep(
                "Нова версия на ИПП",
                _url("plans:plan", centre, case),
                "Започнете нова версия на ИПП от раздела „ИПП и договор“ на случая; тя се одобрява от управителя.",
            )
        )
    return steps


def _url(name: str, centre, case) -> str:
    try:
        return reverse(name, kwargs={"centre": centre.slug, "case_id": case.pk})
    except NoReverseMatch:
        return ""
