"""The records the web tests act on: a World is one centre's objects, by kind, with their ids."""

from dataclasses import dataclass

from opora.accounts.models import Membership, User
from opora.cases.models import Case
from opora.centres.models import Centre
from opora.people.models import Person
from opora.tasks.models import Task

CHILD_EGN = "1152034573"
CHILD_NAME = "Калина Деянова Маринова"


@dataclass
class World:
    """One centre's records, with the ids every object route of the staff UI takes."""

    centre: Centre
    cases: dict[str, Case]
    child: Person
    mother: Person
    stranger: Person
    people: list[Person]
    tasks: list[Task]
    memberships: list[Membership]
    staff: dict[str, User]

    def ids(self, kwarg: str) -> list[int]:
        objects = {
            "case_id": list(self.cases.values()),
            "person_id": self.people,
            "task_id": self.tasks,
            "membership_id": self.memberships,
        }[kwarg]
        return [obj.pk for obj in objects]
