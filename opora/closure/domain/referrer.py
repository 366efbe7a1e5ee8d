"""Who referred the case, and whether the referrer is the child-protection department (ОЗД/ДСП)."""

from opora.referrals.enums import SourceType
from opora.referrals.models import Referral

# A service used as a protection measure under the ЗЗД is referred by ДСП (ЗСУ чл. 74(3), 88(2)).
CHILD_PROTECTION_SOURCES = frozenset({SourceType.OZD, SourceType.DSP_OTHER})
SELF_REFERRAL_SOURCES = frozenset({SourceType.SELF_ADULT})


def referrals_of(case) -> list[Referral]:
    """The case's referrals, newest first (uses the prefetch of the case page when present)."""
    return sorted(case.referrals.all(), key=lambda r: r.received_at, reverse=True)


def is_child_protection_case(case) -> bool:
    """The service is a child-protection measure: ОЗД/ДСП referred the case."""
    return any(r.source_type in CHILD_PROTECTION_SOURCES for r in case.referrals.all())


def main_referral(case) -> Referral | None:
    """The referral the reports go back to: the child-protection one if any, else the newest."""
    referrals = referrals_of(case)
    protective = [r for r in referrals if r.source_type in CHILD_PROTECTION_SOURCES]
    return (protective or referrals or [None])[0]


def has_referrer(case) -> bool:
    """Someone other than the person themself sent the case, so there is a body to report to."""
    return any(r.source_type not in SELF_REFERRAL_SOURCES for r in case.referrals.all())


def addressee_of(case) -> tuple[str, str]:
    """(institution, officer) to prefill a report: from the referral, as registered at intake."""
    referral = main_referral(case)
    if referral is None:
        return "", ""
    institution = referral.institution or referral.get_source_type_display()
    return institution, referral.officer_name
