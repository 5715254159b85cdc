"""Hypothesis strategies for psp's types, for property tests of code built on psp.

Install with ``pip install "public-social-partnerships[testing]"``. Every strategy
generates *valid* objects; :func:`partnerships` drives the real commands, so its
histories are ones a user could have recorded.

>>> from hypothesis import given
>>> from psp.testing import partnerships
>>> @given(partnerships())
... def test_at_most_one_lead(p):
...     assert sum(1 for m in p.memberships_on() if "lead" in m.roles) <= 1

Importing hypothesis also registers these strategies for ``st.from_type`` (through
the ``hypothesis`` entry point), so ``st.from_type(psp.Partnership)`` works.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401  # every module here needs it: say so once, plainly
except ImportError as error:  # pragma: no cover - run in a subprocess by tests/test_package.py
    _NEEDED = (
        'psp.testing needs Hypothesis: pip install "public-social-partnerships[testing]" '
        f"(importing hypothesis failed: {error})"
    )
    if isinstance(error, ModuleNotFoundError):
        raise ModuleNotFoundError(_NEEDED, name=error.name) from error
    raise ImportError(_NEEDED, name=error.name) from error

# In the order the API reference lists them (docs/reference.md): the base values,
# organisations, governance, funding, partnerships, portfolios, surveys.
# isort: off
from psp.testing._values import dates, slugs, names, org_ids, periods, role_sets, terms
from psp.testing._partners import partners
from psp.testing._values import policies
from psp.testing._governing import cadences, governance_structures, mous
from psp.testing._commissioning import bids, commitments
from psp.testing._partnerships import partnerships
from psp.testing._portfolios import portfolios
from psp.testing._surveys import tallies, statements, surveys
from psp.testing._surveys import scales, distributions, respondents, respondent_surveys
# isort: on

__all__ = [
    "bids",
    "cadences",
    "commitments",
    "dates",
    "distributions",
    "governance_structures",
    "mous",
    "names",
    "org_ids",
    "partners",
    "partnerships",
    "periods",
    "policies",
    "portfolios",
    "respondent_surveys",
    "respondents",
    "role_sets",
    "scales",
    "slugs",
    "statements",
    "surveys",
    "tallies",
    "terms",
]
