from django.db import models


class TaskKind(models.TextChoices):
    NOTIFY_CHILD_SELF_REFERRAL = "notify_child", "Уведомяване на ДСП и родителите (чл. 87 ЗСУ)"
    NOTIFY_URGENT = "notify_urgent", "Незабавно уведомяване на ДСП (чл. 77, ал. 3 ЗСУ)"
    OTHER = "other", "Друга задача"
