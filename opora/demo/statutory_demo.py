"""The statutory reports in the demo: the manager's draft of last year's annual report to АКСУ,
begun through the domain functions and left as a draft to finish and submit."""

from opora.statutory.domain.annual import AnnualTexts, save_annual_report, start_annual_report

RESULTS = (
    "През годината центърът подкрепи деца и семейства в риск по насочване от ОЗД и по лично "
    "желание. При повечето приключени случаи целите на ИПП са постигнати: децата посещават "
    "редовно училище, родителите прилагат наученото в „Училище за родители“.\n\n"
    "Общодостъпните консултации достигнаха до семейства, които не биха потърсили услуга сами."
)
QUALITY = (
    "Програмата за развитие на качеството предвиждаше месечна супервизия на екипа, обучение по "
    "работа с травма и въвеждане на електронно досие. Супервизията се проведе всеки месец; "
    "обучението е завършено от всички специалисти; досиетата се водят в Опора."
)
MONITORING = (
    "Две вътрешни проверки на досиетата (юни и декември): сроковете за ИОП и ИПП са спазени в "
    "повечето случаи; при забавените са набелязани мерки. Анкетата за удовлетвореност на "
    "потребителите е проведена в края на годината."
)


def play(scene) -> None:
    year = scene.now.year - 1
    report = start_annual_report(scene.centre, actor=scene.manager, year=year)
    save_annual_report(report, actor=scene.manager, texts=AnnualTexts(RESULTS, QUALITY, MONITORING))
