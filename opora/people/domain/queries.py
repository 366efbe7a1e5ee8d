from datetime import date

from django.db.models import Q, QuerySet

from opora.core.text import is_ascii_digits, query_terms, search_key
from opora.people.domain.fuzzy import similar_people
from opora.people.models import Person

SEARCH_LIMIT = 25


def people_of(centre) -> QuerySet[Person]:
    return Person.objects.filter(centre=centre)


def search_people(centre, query: str, *, limit: int = SEARCH_LIMIT) -> list[Person]:
    """Exact ЕГН/ЛНЧ if the query is 10 digits, else every word as a name-word prefix; when no
    name matches, the nearest names (one letter wrong, missing or extra).

    Names match whatever the case, accents or alphabet: "georgi" and "ГЕОРГИ" both find Георги.
    """
    query = (query or "").strip()
    if not query:
        return []
    compact = query.replace(" ", "")
    if is_ascii_digits(compact):
        if len(compact) != 10:
            return []
        return list(people_of(centre).filter(identifier=compact)[:limit])
    terms = query_terms(query)
    if not terms:
        return []
    condition = Q()
    for term in terms:
        condition &= Q(search_name__contains=term)
    found = list(
        people_of(centre).filter(condition).order_by("last_name", "first_name", "id")[:limit]
    )
    # Nobody under the exact spelling: a name typed with a slip ("Gorgi" for Георги).
    return found or similar_people(people_of(centre), [t.strip() for t in terms], limit=limit)


def likely_duplicates(
    centre, first_name: str, last_name: str, birth_date: date | None
) -> list[Person]:
    """Persons with the same first and last name (and birth date, when both have one)."""
    key_first = search_key(first_name).strip()
    key_last = search_key(last_name).strip()
    if not key_first or not key_last:
        return []
    found = people_of(centre).filter(
        search_name__startswith=f" {key_first} ", search_name__endswith=f" {key_last} "
    )
    if birth_date:
        found = found.filter(Q(birth_date=birth_date) | Q(birth_date__isnull=True))
    return list(found[:5])
