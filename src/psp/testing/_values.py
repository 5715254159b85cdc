"""The values every strategy draws on: dates, ids, names, identifiers, periods, roles
and policies, and the shape of one step of a history."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from hypothesis import strategies as st

from psp._aggregate.partnership import Partnership
from psp._base.identifiers import KNOWN_SCHEMES, OrgId
from psp._base.period import Period
from psp._base.roles import Role
from psp._base.scope import Focus
from psp._base.vocabulary import Term
from psp._lifecycle.policy import Policy
from psp._partners.organisation import Partner, PublicBodyKind, Sector

_EARLIEST = date(2000, 1, 1)
_LATEST = date(2040, 12, 31)
_AREAS = ("Glasgow", "North Strathclyde", "Lothian and Borders", "Fife", "Tayside", "Northern")


def dates(min_value: date = _EARLIEST, max_value: date = _LATEST) -> st.SearchStrategy[date]:
    """Calendar dates between ``min_value`` and ``max_value``."""
    return st.dates(min_value=min_value, max_value=max_value)


_SLUGS = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True)
_WORDS = st.text(alphabet=st.characters(categories=("L", "N", "P")), min_size=1, max_size=10)
_NAMES = st.lists(_WORDS, min_size=1, max_size=4).map(" ".join)


def slugs() -> st.SearchStrategy[str]:
    """Short ids such as ``tps`` or ``org-7``: lower-case letters, digits and ``-``,
    within the id grammar (:data:`psp.ID_PATTERN`), as every id psp.testing draws."""
    return _SLUGS


def names() -> st.SearchStrategy[str]:
    """Names of one to four words, with unicode letters, single spaces and no padding."""
    return _NAMES


# [0-9], never \d: from_regex draws other scripts' digits for \d, and org-ids are ASCII.
_ORG_IDS = st.one_of(
    st.from_regex(r"SC[0-9]{6}", fullmatch=True).map(lambda i: OrgId("GB-SC", i)),
    st.from_regex(r"[0-9]{8}", fullmatch=True).map(lambda i: OrgId("GB-COH", i)),
    st.from_regex(r"[A-Z]{3}", fullmatch=True).map(lambda i: OrgId("GB-LAS", i)),
    st.from_regex(r"[0-9]{6,7}", fullmatch=True).map(lambda i: OrgId("GB-CHC", i)),
    st.builds(
        OrgId,
        st.from_regex(r"[A-Z]{2}-[A-Z0-9]{2,6}", fullmatch=True).filter(
            lambda s: s not in KNOWN_SCHEMES
        ),
        st.from_regex(r"[A-Za-z0-9]{1,12}", fullmatch=True),
    ),
)


def org_ids() -> st.SearchStrategy[OrgId]:
    """Identifiers in known schemes (with valid shapes) and in other well-formed schemes."""
    return _ORG_IDS


def periods(min_value: date = _EARLIEST, max_value: date = _LATEST) -> st.SearchStrategy[Period]:
    """Half-open periods, open or closed, within the given dates."""

    @st.composite
    def build(draw: st.DrawFn) -> Period:
        start = draw(dates(min_value, max_value - timedelta(days=1)))
        end = draw(st.none() | dates(start + timedelta(days=1), max_value))
        return Period(start, end)

    return build()


# Few prefixes and names, so that a history meets the same term again (a link of a kind
# of your own ended, a kind defined twice).
_TERMS = st.builds(
    lambda prefix, name: Term(f"{prefix}:{name}"),
    st.sampled_from(["acme", "evaluation", "fund-2"]),
    st.sampled_from(["mentors", "set-up", "impact", "shares-premises", "x1"]),
)


def terms() -> st.SearchStrategy[Term]:
    """Terms of your own for an open vocabulary (``acme:mentors``, ``evaluation:set-up``):
    link kinds, focuses and themes beyond the built-in ones (docs/vocabularies.md)."""
    return _TERMS


#: Focuses, built-in and of your own.
_FOCUS_TERMS = st.sampled_from(Focus) | _TERMS

_ROLE_SETS = st.frozensets(st.sampled_from(Role))


def role_sets() -> st.SearchStrategy[frozenset[Role]]:
    """Sets of roles, empty included (members hold several at once)."""
    return _ROLE_SETS


def policies() -> st.SearchStrategy[Policy]:
    """Valid policies, including the RRCF's."""
    built = st.builds(
        Policy,
        name=names(),
        lead_sectors=st.none() | st.frozensets(st.sampled_from(Sector), min_size=1),
        min_public_members=st.integers(0, 3),
        min_third_sector_members=st.integers(0, 3),
        required_roles=role_sets(),
        expected_public_bodies=st.dictionaries(
            _FOCUS_TERMS, st.frozensets(st.sampled_from(PublicBodyKind)), max_size=3
        ),
    )
    return st.one_of(st.just(Policy.rrcf()), st.just(Policy()), built)


_REASONS = st.sampled_from(["", "looser fit with the service"])
_TITLES = st.none() | st.just("Chief Officer")

# One step of a history (``_partnerships.py``): given the draw, the partnership so far,
# the organisations it may draw on and the day, the partnership after one command, or
# after the few commands one change needs.
_Step = Callable[[st.DrawFn, Partnership, Sequence[Partner], date], Partnership]
