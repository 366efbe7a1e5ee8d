from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from opora.centres.enums import DayCount


class Centre(models.Model):
    """A ЦОП: the tenant. Every case-related row belongs to exactly one centre."""

    slug = models.SlugField("адрес (латиница)", unique=True, max_length=60)
    name = models.CharField("наименование", max_length=200)
    # The letterhead of the centre's documents names who provides the service (ЗСУ: the
    # municipality or the contracted provider), e.g. „Община Харманли“.
    provider_name = models.CharField(
        "доставчик на услугата",
        max_length=200,
        blank=True,
        help_text="Напр. „Община Харманли“; изписва се в бланката на документите.",
    )
    municipality = models.CharField("община", max_length=100)
    address = models.CharField("адрес", max_length=250, blank=True)
    phone = models.CharField("телефон", max_length=60, blank=True)
    email = models.EmailField("електронна поща", blank=True)
    opened_on = models.DateField("открит на", null=True, blank=True)
    founding_decision = models.CharField("решение за създаване", max_length=250, blank=True)
    description = models.TextField("описание", blank=True)
    principles = models.TextField("принципи", blank=True)
    services = models.JSONField("предлагани услуги", default=list, blank=True)
    target_groups = models.JSONField("целеви групи", default=list, blank=True)
    # The public page (/centres/<slug>/) shows these as the centre wrote them; none is invented.
    goals = models.TextField("цели и задачи", blank=True)
    how_to_apply = models.TextField(
        "как да ползвате услугите",
        blank=True,
        help_text="Кой насочва към центъра и как човек може да се обърне сам.",
    )
    working_hours = models.CharField(
        "работно време",
        max_length=200,
        blank=True,
        help_text="Напр. „понеделник – петък, 8:30 – 17:00“.",
    )
    location_note = models.CharField(
        "как да ни намерите", max_length=300, blank=True, help_text="Ориентир към адреса."
    )
    services_free_and_confidential = models.BooleanField(
        "услугите са безплатни и поверителни",
        default=False,
        help_text="Отбележете само ако е вярно: тогава публичната страница го казва.",
    )
    capacity = models.PositiveIntegerField(
        "капацитет (работещи случая)", validators=[MinValueValidator(1), MaxValueValidator(10000)]
    )
    is_active = models.BooleanField("активен", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "център"
        verbose_name_plural = "центрове"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CentreSettings(models.Model):
    """Values the law leaves open ([M]/[L]/[?] in domain-bg.md): each centre sets its own."""

    centre = models.OneToOneField(Centre, on_delete=models.CASCADE, related_name="settings")
    assessment_deadline = models.PositiveSmallIntegerField(
        "срок за ИОП и ИПП (дни от заявяване на желанието)",
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="ППЗСУ; по подразбиране 20 дни [M].",
    )
    assessment_deadline_count = models.CharField(
        "начин на броене на срока за ИОП",
        max_length=10,
        choices=DayCount,
        default=DayCount.CALENDAR,
    )
    review_interval_months = models.PositiveSmallIntegerField(
        "преглед на ИПП на всеки (месеца)",
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    general_access_limit_months = models.PositiveSmallIntegerField(
        "срок на общодостъпната услуга (месеца)",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="ЗСУ чл. 12, ал. 2, т. 1: до 2 месеца.",
    )
    referrer_report_interval_months = models.PositiveSmallIntegerField(
        "доклад до насочващия орган на всеки (месеца)",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    notification_deadline_hours = models.PositiveSmallIntegerField(
        "срок за уведомяване на ДСП и родителите (часа)",
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(72)],
        help_text="ЗСУ чл. 87 и чл. 77, ал. 3 изискват „незабавно“; това е срокът за напомняне.",
    )
    follow_up_months = models.PositiveSmallIntegerField(
        "проследяване след приключване (месеца)",
        default=3,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    workload_standard = models.PositiveSmallIntegerField(
        "стандарт за работно натоварване (случая на специалист)",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="ЗСУ чл. 123; стойността не е потвърдена [?].",
    )
    # Security (issue 4): how long an idle session lives, and what the audit calls unusual access.
    idle_timeout_minutes = models.PositiveSmallIntegerField(
        "изход при неактивност след (минути)",
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
    )
    unusual_access_cases = models.PositiveSmallIntegerField(
        "необичаен достъп: отворени случаи",
        default=15,
        validators=[MinValueValidator(2), MaxValueValidator(500)],
        help_text="Толкова или повече различни случая, отворени от един служител…",
    )
    unusual_access_minutes = models.PositiveSmallIntegerField(
        "необичаен достъп: за (минути)",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(1440)],
        help_text="…в рамките на толкова минути.",
    )

    class Meta:
        verbose_name = "настройки на център"
        verbose_name_plural = "настройки на центрове"

    def __str__(self) -> str:
        return f"Настройки: {self.centre}"
