from django.db import models


class Writer(models.TextChoices):
    """Who fills in „Потърсете подкрепа“."""

    PARENT = "parent", "Родител или близък на дете"
    CHILD = "child", "Дете или млад човек – пиша за себе си"
    PROFESSIONAL = "professional", "Специалист (учител, лекар, социален работник и др.)"
    OTHER = "other", "Друг човек"


class ContactWay(models.TextChoices):
    PHONE = "phone", "По телефона"
    EMAIL = "email", "По електронна поща"
    ANY = "any", "Без значение"
