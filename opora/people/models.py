from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from opora.centres.models import Centre
from opora.core.text import search_key
from opora.people.enums import IdentifierType, NoIdentifierReason, RelationKind, Sex


class Person(models.Model):
    """A child or an adult on record in one centre (each centre is its own data controller)."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="people")
    first_name = models.CharField("име", max_length=80)
    middle_name = models.CharField("презиме", max_length=80, blank=True)
    last_name = models.CharField("фамилия", max_length=80)
    identifier_type = models.CharField(
        "вид идентификатор", max_length=10, choices=IdentifierType, default=IdentifierType.EGN
    )
    identifier = models.CharField("ЕГН / ЛНЧ", max_length=10, blank=True)
    no_identifier_reason = models.CharField(
        "причина за липса на идентификатор", max_length=20, choices=NoIdentifierReason, blank=True
    )
    birth_date = models.DateField("дата на раждане", null=True, blank=True)
    sex = models.CharField("пол", max_length=10, choices=Sex, default=Sex.UNKNOWN)
    phone = models.CharField("телефон", max_length=60, blank=True)
    email = models.EmailField("електронна поща", blank=True)
    address = models.CharField("настоящ адрес", max_length=250, blank=True)
    school = models.CharField("училище / детска градина", max_length=200, blank=True)
    has_disability = models.BooleanField("с увреждане", default=False)
    notes = models.TextField("бележки", blank=True)
    search_name = models.CharField(max_length=300, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "лице"
        verbose_name_plural = "лица"
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "identifier"],
                condition=~Q(identifier=""),
                name="person_identifier_unique_per_centre",
            )
        ]
        indexes = [models.Index(fields=["centre", "identifier"], name="person_centre_ident_idx")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.middle_name, self.last_name) if p)

    @property
    def masked_identifier(self) -> str:
        if not self.identifier:
            return "—"
        return self.identifier[:2] + "••••••" + self.identifier[-2:]

    def age_on(self, day: date) -> int | None:
        if not self.birth_date:
            return None
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday

    @property
    def age(self) -> int | None:
        return self.age_on(timezone.localdate())

    @property
    def is_child(self) -> bool:
        age = self.age
        return age is None or age < 18

    def refresh_search_name(self) -> None:
        self.search_name = search_key(self.first_name, self.middle_name, self.last_name)


class Relation(models.Model):
    """„<relative> е <kind> на <person>“, within one centre."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relations")
    relative = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="relations_as_relative"
    )
    kind = models.CharField("връзка", max_length=20, choices=RelationKind)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "родствена връзка"
        verbose_name_plural = "родствени връзки"
        constraints = [
            models.UniqueConstraint(fields=["person", "relative"], name="relation_unique_pair"),
            models.CheckConstraint(
                condition=~Q(person=models.F("relative")), name="relation_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.relative} е {self.get_kind_display()} на {self.person}"
