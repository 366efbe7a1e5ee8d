"""Names typed with a slip ("Gorgi Ivanv" for Георги Иванов): found when the exact search finds none.

PostgreSQL ranks the centre's people by trigram similarity (pg_trgm, see opora.perf) of each query
word to the words of the stored search key. SQLite has no trigrams: people whose words start with the same letters as
the query's are compared in Python (difflib), which suits one centre's few thousand people.
"""

from difflib import SequenceMatcher

from django.contrib.postgres.search import TrigramStrictWordSimilarity
from django.db import connection
from django.db.models import Q, QuerySet

from opora.people.models import Person

# The least similarity of every query word to a whole name word (pg_trgm's strict word similarity):
# one wrong, missing or extra letter in a name of five letters or more passes. The first letter
# must be right, as the exact search keeps "орги" from finding Георги.
MIN_WORD_SIMILARITY = 0.4
MIN_RATIO = 0.75
SQLITE_CANDIDATES = 500


def similar_people(people: QuerySet[Person], words: list[str], *, limit: int) -> list[Person]:
    """`words` are folded query words (opora.core.text.fold); `people` is already the centre's."""
    words = [w for w in words if len(w) >= 3]
    if not words:
        return []
    if connection.vendor == "postgresql":
        return _by_trigrams(people, words, limit)
    return _by_ratio(people, words, limit)


def _by_trigrams(people: QuerySet[Person], words: list[str], limit: int) -> list[Person]:
    found = people.alias(
        **{
            f"w{i}": TrigramStrictWordSimilarity(word, "search_name")
            for i, word in enumerate(words)
        }
    )
    for i, word in enumerate(words):
        found = found.filter(
            search_name__contains=f" {word[0]}", **{f"w{i}__gte": MIN_WORD_SIMILARITY}
        )
    score = sum((TrigramStrictWordSimilarity(word, "search_name") for word in words[1:]),
                TrigramStrictWordSimilarity(words[0], "search_name"))  # fmt: skip
    return list(found.annotate(score=score).order_by("-score", "last_name", "id")[:limit])


def _by_ratio(people: QuerySet[Person], words: list[str], limit: int) -> list[Person]:
    starts = Q()
    for word in words:
        starts &= Q(search_name__contains=f" {word[0]}")
    candidates = people.filter(starts).only("id", "search_name")[:SQLITE_CANDIDATES]
    ranked = []
    for person in candidates:
        keys = person.search_name.split()
        score = sum(max((_ratio(w, k) for k in keys), default=0) for w in words) / len(words)
        if all(max((_ratio(w, k) for k in keys), default=0) >= MIN_RATIO for w in words):
            ranked.append((-score, person.pk))
    ids = [pk for _score, pk in sorted(ranked)[:limit]]
    by_id = people.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def _ratio(word: str, key: str) -> float:
    return SequenceMatcher(None, word, key[: len(word) + 1]).ratio()
