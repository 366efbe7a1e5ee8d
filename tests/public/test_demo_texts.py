"""The seed centres' public pages carry their own published texts, and no invented facts."""

from django.test import Client

from opora.demo.centres import create_seed_centres


def test_the_seed_centres_publish_their_own_texts(db):
    create_seed_centres(actor=None)
    client = Client()

    harmanli = client.get("/centres/harmanli/").content.decode()
    dragoman = client.get("/centres/dragoman/").content.decode()

    assert "лично от заместник-министъра на социалната политика Лазар Лазаров" in harmanli
    assert "В западната част на града, в изцяло обновена сграда в парк." in harmanli
    assert "самозаявили се клиенти, които по собствена преценка са се насочили към ЦОП" in harmanli
    assert "РАВЕН СТАРТ" in dragoman
    assert "<li>Поверителност</li>" in dragoman
    assert "Лазаров" not in dragoman
    assert "РАВЕН СТАРТ" not in harmanli
    for page in (harmanli, dragoman):
        assert "Услугите са безплатни и поверителни." not in page
        assert "Работно време" not in page
