"""`submit_public_request` on its own: the rules it enforces whatever the form let through, and
the flood limit under concurrent submissions."""

import pytest
from django.test import override_settings

from opora.core.errors import DomainError
from opora.public.domain.requests import RequestData, submit_public_request
from opora.public.domain.spam import Throttled
from opora.public.models import PublicRequest
from tests.public.conftest import table_counts
from tests.threads import run_together


def _data(**overrides) -> RequestData:
    fields = {"writer": "parent", "message": "Нужда от съвет.", "phone": "0888 123 456"}
    return RequestData(**{**fields, **overrides})


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"writer": "robot"}, "Изберете кой пише."),
        ({"message": " "}, "Опишете накратко с какво можем да помогнем."),
        ({"message": "х" * 1001}, "Текстът е по-дълъг от 1000 знака."),
        ({"phone": ""}, "Посочете телефон или електронна поща, за да се свържем с вас."),
        ({"contact_way": "pigeon"}, "Изберете как да се свържем с вас."),
        ({"contact_way": "email"}, "Посочете електронна поща, щом предпочитате да ви пишем."),
    ],
)
def test_the_domain_refuses_what_the_form_should_have_caught(public_centre, overrides, message):
    before = table_counts()

    with pytest.raises(DomainError) as refused:
        submit_public_request(public_centre, data=_data(**overrides), client_address="192.0.2.1")

    assert refused.value.message == message
    assert table_counts() == before


def test_an_unknown_address_is_still_limited(public_centre):
    for _ in range(3):
        submit_public_request(public_centre, data=_data(), client_address=None)

    with pytest.raises(Throttled):
        submit_public_request(public_centre, data=_data(), client_address=None)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@override_settings(OPORA_PUBLIC_REQUESTS_PER_ADDRESS_PER_HOUR=2)
def test_concurrent_requests_from_one_address_cannot_pass_the_limit_together(public_centre):
    def submit():
        return submit_public_request(public_centre, data=_data(), client_address="192.0.2.9")

    outcomes = run_together([submit] * 4)

    assert sum(isinstance(o, PublicRequest) for o in outcomes) == 2
    assert sum(isinstance(o, Throttled) for o in outcomes) == 2
    assert PublicRequest.objects.count() == 2
