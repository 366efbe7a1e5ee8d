from django.db import models


class Role(models.TextChoices):
    MANAGER = "manager", "Управител"
    PSYCHOLOGIST = "psychologist", "Психолог"
    SOCIAL_WORKER = "social_worker", "Социален работник"
    PEDAGOGUE = "pedagogue", "Педагог"
    ACCOUNTANT = "accountant", "Счетоводител"

    @classmethod
    def case_workers(cls) -> frozenset[str]:
        """Roles that work with case content (the accountant does not)."""
        return frozenset({cls.MANAGER, cls.PSYCHOLOGIST, cls.SOCIAL_WORKER, cls.PEDAGOGUE})

    @classmethod
    def specialists(cls) -> frozenset[str]:
        """Roles that can lead a case."""
        return frozenset({cls.PSYCHOLOGIST, cls.SOCIAL_WORKER, cls.PEDAGOGUE, cls.MANAGER})
