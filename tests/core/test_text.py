import pytest

from opora.core.text import fold, query_terms, search_key, transliterate


def test_transliterate_uses_the_official_bulgarian_table():
    assert transliterate("Жечка Щерева-Цветкова") == "zhechka shtereva-tsvetkova"
    assert transliterate("Ъгъл Юлия Ясен") == "agal yuliya yasen"


@pytest.mark.parametrize(
    ("spellings", "key"),
    [
        (["Георги", "ГЕОРГИ", "георги", "Georgi", "GEORGI"], "georgi"),
        (["Йордан", "Iordan", "Yordan", "Jordan"], "iordan"),
        (["Цветан", "Tsvetan", "Cvetan", "Tzvetan"], "tsvetan"),
        (["Христо", "Hristo", "Khristo"], "hristo"),
        (["Щерев", "Shterev"], "shterev"),
        (["Чавдар", "Chavdar"], "chavdar"),
    ],
)
def test_fold_brings_cyrillic_and_latin_spellings_to_one_key(spellings, key):
    assert {fold(spelling) for spelling in spellings} == {key}


def test_fold_handles_a_decomposed_short_i_and_accents():
    decomposed_y = "И\u0306ордан"  # И + combining breve, as some keyboards send Й
    assert fold(decomposed_y) == "iordan"
    assert fold("José Müller") == "iose muller"


def test_fold_keeps_only_lower_case_words_separated_by_single_spaces():
    assert fold("  Иван-Петър   О'Нийл, 3-ти ") == "ivan petar o nil 3 ti"


def test_search_key_pads_words_so_a_query_can_match_a_word_start():
    assert search_key("Георги", "", "Иванов") == " georgi ivanov "
    assert search_key("", "  ") == ""


def test_query_terms_are_word_prefix_patterns():
    assert query_terms("Георги ИВ") == [" georgi", " iv"]
    assert query_terms("  ,. ") == []
