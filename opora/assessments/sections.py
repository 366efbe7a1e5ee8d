"""The sections of an ИОП, as data: the form, the printed page and the completion check read them.

The headings follow the "best interest of the child" criteria (ЗЗД § 1, т. 5 ДР) and the content of
an assessment under ЗСУ чл. 6 and чл. 80; the child's view (ЗЗД чл. 15) has its own block.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    name: str
    label: str
    hint: str
    # The message shown when the section is empty at completion; "" = may stay empty.
    required_message: str = ""


@dataclass(frozen=True)
class Group:
    title: str
    sections: tuple[Section, ...]


GROUPS: tuple[Group, ...] = (
    Group(
        "Желания, потребности и характеристики",
        (
            Section(
                "child_wishes",
                "Желания и чувства на детето",
                "Какво иска детето и как се чувства — по възможност с неговите думи.",
            ),
            Section(
                "needs",
                "Потребности: физически, психологически и емоционални",
                "Здраве, развитие, образование, емоционално състояние, привързаност, социални "
                "потребности.",
                "Опишете потребностите — физически, психологически и емоционални.",
            ),
            Section(
                "characteristics",
                "Възраст, пол, история и други характеристики",
                "История на детето и семейството, увреждане, култура, език, важни събития.",
            ),
        ),
    ),
    Group(
        "Опасност и рискове",
        (
            Section(
                "harm",
                "Опасност или вреда — причинена или вероятна",
                "Насилие, неглижиране, експлоатация, риск от изоставяне; какво е станало и какво "
                "може да се случи.",
            ),
            Section(
                "risks",
                "Рискове",
                "Рисковите фактори и колко са сериозни. Ако не са установени рискове, запишете го.",
                "Опишете рисковете или запишете, че не са установени.",
            ),
        ),
    ),
    Group(
        "Родители, семейство и среда",
        (
            Section(
                "parenting_capacity",
                "Способност на родителите да полагат грижи",
                "Грижа, безопасност, емоционална топлина, граници, стабилност.",
            ),
            Section(
                "family_environment",
                "Семейство и среда",
                "Жизнена ситуация, жилище, доходи и заетост, роднини и подкрепяща мрежа, общност.",
                "Опишете семейството и средата — жизнена ситуация, жилище, доходи, подкрепа.",
            ),
            Section(
                "changed_circumstances",
                "Последици от промяна в обстоятелствата",
                "Как би се отразила на детето раздяла, преместване, настаняване, смяна на училище.",
            ),
        ),
    ),
    Group(
        "Силни страни и ресурси",
        (
            Section(
                "strengths",
                "Силни страни и ресурси",
                "Какво работи добре: умения, мотивация, близки хора, ресурси в общността.",
            ),
        ),
    ),
)

CHILD_VIEW_GROUP = "Мнение на детето"

TAIL_GROUPS: tuple[Group, ...] = (
    Group(
        "Мнение на родителя / законния представител",
        (
            Section(
                "parent_view",
                "Мнение на родителя / законния представител",
                "Как родителите или представителят виждат потребностите и предложената подкрепа.",
            ),
        ),
    ),
    Group(
        "Изводи и препоръки",
        (
            Section(
                "sources",
                "Източници на информация",
                "Срещи, посещения, документи, становища — вкл. отговорите на исканията за "
                "информация.",
            ),
            Section(
                "conclusions",
                "Изводи",
                "Професионалните изводи на екипа, основани на анализа.",
                "Запишете изводите на екипа.",
            ),
            Section(
                "recommendations",
                "Препоръки (услуги)",
                "Кои услуги и каква подкрепа са нужни; те са основата на ИПП.",
                "Запишете препоръките — кои услуги и каква подкрепа са нужни.",
            ),
        ),
    ),
)

TEXT_SECTIONS: tuple[Section, ...] = tuple(
    section for group in (*GROUPS, *TAIL_GROUPS) for section in group.sections
)

# The fields of the child's view block (ЗЗД чл. 15).
CHILD_VIEW_FIELDS = ("child_view", "child_heard_on", "hearing_method", "child_not_heard_reason")

# Every field a draft may carry.
DRAFT_FIELDS = frozenset(
    {"assessed_on", *CHILD_VIEW_FIELDS, *(section.name for section in TEXT_SECTIONS)}
)

# ЗЗД чл. 15, ал. 1: a child of 10 or more is heard unless that would harm it.
HEARING_AGE = 10
ADULT_AGE = 18
