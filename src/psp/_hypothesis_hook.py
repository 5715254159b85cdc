"""Hypothesis's entry point for psp: registers psp's strategies for ``st.from_type``.

Hypothesis runs this while it is itself being imported, which may be in the middle of
importing :mod:`psp.testing`; so the strategies are looked up lazily, when first drawn.
"""

from __future__ import annotations

from types import ModuleType

from hypothesis import strategies as st

from psp._aggregate.partnership import Partnership
from psp._aggregate.portfolio import Portfolio
from psp._base.identifiers import OrgId
from psp._base.period import Period
from psp._lifecycle.policy import Policy
from psp._network.responses import RespondentSurvey
from psp._network.scales import Scale
from psp._network.survey import Survey
from psp._partners.organisation import Partner


def register() -> None:
    """Register a lazy strategy for each psp type that ``psp.testing`` can build."""

    def testing() -> ModuleType:
        from psp import testing

        return testing

    st.register_type_strategy(OrgId, st.deferred(lambda: testing().org_ids()))
    st.register_type_strategy(Period, st.deferred(lambda: testing().periods()))
    st.register_type_strategy(Partner, st.deferred(lambda: testing().partners()))
    st.register_type_strategy(Partnership, st.deferred(lambda: testing().partnerships()))
    st.register_type_strategy(Policy, st.deferred(lambda: testing().policies()))
    st.register_type_strategy(Portfolio, st.deferred(lambda: testing().portfolios()))
    st.register_type_strategy(Survey, st.deferred(lambda: testing().surveys()))
    st.register_type_strategy(Scale, st.deferred(lambda: testing().scales()))
    st.register_type_strategy(RespondentSurvey, st.deferred(lambda: testing().respondent_surveys()))
