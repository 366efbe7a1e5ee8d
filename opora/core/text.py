"""Search keys: one ASCII form for Cyrillic and Latin spellings of a Bulgarian name.

SQLite folds only ASCII case and staff type names both in Cyrillic and in Latin, so every
searchable name is stored as a lower-case Latin key (the official Bulgarian transliteration,
Закон за транслитерацията), with common alternative Latin spellings folded together.
"""

import re
import unicodedata

_BG_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
    # Russian/other letters that turn up in names of foreigners
    "ё": "yo", "ы": "y", "э": "e", "і": "i", "ї": "yi", "є": "ye", "ѝ": "i",
}  # fmt: skip

# Alternative Latin spellings people actually type (Yordan/Iordan/Jordan, Hristo/Khristo,
# Tsvetan/Cvetan/Tzvetan); applied to both the stored key and the query.
_FOLDS = [
    (re.compile(r"kh"), "h"),
    (re.compile(r"tz"), "ts"),
    (re.compile(r"c(?!h)"), "ts"),
    (re.compile(r"[yj]"), "i"),
    (re.compile(r"i+"), "i"),  # Мария → mariya → mariia → maria, as people type it
    (re.compile(r"w"), "v"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"q"), "k"),
    (re.compile(r"x"), "ks"),
]


def transliterate(text: str) -> str:
    lowered = text.lower()
    return "".join(_BG_TO_LATIN.get(ch, ch) for ch in lowered)


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces."""
    # Й is И + a combining breve: transliterate before stripping accents.
    latin = _strip_accents(transliterate(unicodedata.normalize("NFC", text)))
    for pattern, replacement in _FOLDS:
        latin = pattern.sub(replacement, latin)
    return " ".join(re.findall(r"[a-z0-9]+", latin))


def search_key(*parts: str) -> str:
    """The stored key: folded words with a leading space, so a query word can match a word start."""
    words = fold(" ".join(p for p in parts if p))
    return f" {words} " if words else ""


def query_terms(query: str) -> list[str]:
    """Each query word as a ' prefix' pattern to look for inside a search key."""
    return [f" {word}" for word in fold(query).split()]


def is_ascii_digits(text: str) -> bool:
    """True for '0'–'9' only: str.isdigit() also accepts '²' and other scripts' digits."""
    return bool(text) and text.isascii() and text.isdigit()
