import pytest

from opora.centres.models import Centre


@pytest.fixture
def provider(centre, other_centre):
    """The letterhead names the provider of the service (the centre profile)."""
    Centre.objects.filter(pk=centre.pk).update(
        provider_name="Община Харманли", phone="0373 8 22 33"
    )
    Centre.objects.filter(pk=other_centre.pk).update(provider_name="Община Хасково")
    centre.refresh_from_db()
    other_centre.refresh_from_db()
