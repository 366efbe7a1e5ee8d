"""The statutory reports as snapshot codes of the reporting app: „Подай“ stores, „Провери отново“
re-runs. Each compute returns the figures without names, exactly as the page shows them."""

from opora.centres.models import Centre
from opora.reporting.domain.periods import Period
from opora.reporting.domain.scope import Scope
from opora.reporting.domain.snapshots import register_report
from opora.statutory.enums import ANNUAL_REPORT, ASP_DATA, OCCUPANCY

OCCUPANCY_DEFINITION = (
    "Заети места в края на всеки ден от месеца, изведени от историята на статусите: случай заема "
    "място от преминаването в статус „В оценка“, „Планиране“, „За договор“, „Активен“, „В преглед“, "
    "„Временно преустановен“ или „В процес на приключване“ до първата смяна към друг статус. "
    "Средна заетост = потребителодни / дни; потребители = случаи, заемали място в някой момент от "
    "месеца (включително приключените на 1-во число); приети / освободени = престои, започнали / "
    "завършили в месеца; общодостъпни консултации = започнати в месеца; чакащи = вписани в списъка "
    "в края на последния ден и неизписани."
)
ASP_DEFINITION = (
    "Брой редове на всеки лист на файла за ИИС на АСП за периода: потребители (заемали място или "
    "с общодостъпна консултация в периода), дейности (потребители по услуга, проведени сесии и "
    "неявявания по вид), персонал (членове на екипа към края на периода), договори (подписани и в "
    "сила в някой ден от периода), списък на чакащите (вписани в някой момент от периода). Без имена."
)
ANNUAL_DEFINITION = (
    "Числата в годишния отчет: статистиката на центъра за календарната година "
    "(същите правила на броене като статистическия отчет) и средната дневна заетост за годината "
    "от историята на статусите."
)


def centre_of(scope: Scope) -> Centre:
    return Centre.objects.get(pk=scope.single_centre_id)


def occupancy_figures(scope: Scope, period: Period) -> dict:
    from opora.statutory.domain.occupancy import occupancy_statement

    return occupancy_statement(centre_of(scope), period).as_json()


def asp_figures(scope: Scope, period: Period) -> dict:
    from opora.statutory.domain.asp import asp_data

    return asp_data(centre_of(scope), period).summary


def annual_figures(scope: Scope, period: Period) -> dict:
    from opora.statutory.domain.annual import annual_figures_of

    return annual_figures_of(centre_of(scope), period)


def register_statutory_reports() -> None:
    register_report(
        OCCUPANCY, title="Месечна справка за заетостта", version=1,
        definition=OCCUPANCY_DEFINITION, compute=occupancy_figures,
    )  # fmt: skip
    register_report(
        ASP_DATA, title="Данни за ИИС на АСП", version=1,
        definition=ASP_DEFINITION, compute=asp_figures,
    )  # fmt: skip
    register_report(
        ANNUAL_REPORT, title="Годишен отчет за дейността на услугата", version=1,
        definition=ANNUAL_DEFINITION, compute=annual_figures,
    )  # fmt: skip
