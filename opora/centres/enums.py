from django.db import models


class Service(models.TextChoices):
    """The ЦОП activity catalogue (domain-bg.md §8.3)."""

    GENERAL_INFO = (
        "general_info",
        "Информиране, консултиране и обучение за реализиране на социални права и развиване на умения (до 2 месеца)",
    )
    MOBILE_COMMUNITY = "mobile_community", "Мобилна превантивна общностна работа"
    COUNSELLING = "counselling", "Информиране и консултиране (социално, психологическо, правно)"
    THERAPY = "therapy", "Психологическа терапия (индивидуална, семейна, групова)"
    SKILLS = "skills", "Обучение за придобиване на умения"
    ADVOCACY = "advocacy", "Застъпничество и посредничество"
    FOSTER_CARE = "foster_care", "Приемна грижа: набиране, оценка, обучение, подкрепа, наблюдение"

    @classmethod
    def general_access(cls) -> set[str]:
        return {cls.GENERAL_INFO, cls.MOBILE_COMMUNITY}


class TargetGroup(models.TextChoices):
    """ЦОП target groups (domain-bg.md §8.1)."""

    RISK_CHILD = "risk_child", "Деца в риск 0–18 г."
    RISK_VICTIM = (
        "risk_victim",
        "Дете – жертва на злоупотреба, насилие, експлоатация или друго нехуманно отношение",
    )
    RISK_DEVELOPMENT = "risk_development", "Дете в опасност от увреждане на развитието"
    RISK_DISABILITY = "risk_disability", "Дете с увреждане"
    RISK_SCHOOL = "risk_school", "Дете извън училище, в риск от отпадане или отпаднало"
    FAMILY_RISK = "family_risk", "Семейство на дете в риск"
    PREVENTION = "prevention", "Деца 0–18 и семейства – първична превенция"
    PREGNANT_PARENT = (
        "pregnant_parent",
        "Бременни жени и родители, нуждаещи се от специфична подкрепа",
    )
    FOSTER_CANDIDATE = "foster_candidate", "Кандидати за приемни семейства"
    FOSTER_APPROVED = "foster_approved", "Утвърдени приемни семейства"
    ADOPTER_CANDIDATE = "adopter_candidate", "Кандидат-осиновители"
    ADOPTER = "adopter", "Осиновители (след осиновяване)"
    CARE_LEAVER = "care_leaver", "Младежи до 25 г., напуснали резидентна грижа"
    BEHAVIOUR = "behaviour", "Деца с поведенчески проблеми и прояви и техните семейства"


class DayCount(models.TextChoices):
    CALENDAR = "calendar", "календарни дни"
    WORKING = "working", "работни дни"
