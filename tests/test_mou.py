"""The Memorandum of Understanding: its acceptance section, signatures and versions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import psp
from psp import (
    Clause,
    GovernanceStructure,
    Group,
    InvalidValueError,
    MoU,
    Partner,
    Partnership,
    PartnershipValue,
    RuleViolationError,
    Sector,
    Signatory,
    UnknownReferenceError,
)
from psp.testing import mous, partnerships

DRAFTED = date(2012, 9, 1)
LAUNCH = date(2012, 11, 1)


def mou(**kw: object) -> MoU:
    base: dict[str, object] = {
        "id": "mou",
        "drafted_on": DRAFTED,
        "parties": {"tps", "cja", "sacro"},
        "signatories": [
            Signatory("Ann Lee", "tps", "Chief Executive"),
            Signatory("Bo Ma", "cja", "Chief Officer"),
        ],
        "clauses": [Clause("data-sharing", "Partners share data under the protocol.")],
    }
    return MoU(**{**base, **kw})  # type: ignore[arg-type]


class TestAcceptanceSection:
    """Signed once every named signatory has signed; who has not, and who was never named."""

    def test_one_missing_signature_leaves_it_unsigned_and_names_the_person(self) -> None:
        m = mou().sign("Ann Lee", on=LAUNCH)
        assert not m.is_signed
        assert m.signed_on is None
        assert [s.person for s in m.unsigned()] == ["Bo Ma"]

    def test_every_signature_signs_it(self) -> None:
        m = mou().sign("Ann Lee", on=LAUNCH).sign("Bo Ma", on=LAUNCH + timedelta(days=3))
        assert m.is_signed
        assert m.signed_on == LAUNCH + timedelta(days=3)
        assert m.unsigned() == ()

    def test_parties_with_nobody_named_to_sign(self) -> None:
        assert mou().parties_without_signatory() == {"sacro"}

    def test_an_mou_naming_nobody_is_never_signed(self) -> None:
        assert not mou(signatories=[]).is_signed

    def test_the_eight_values_by_default(self) -> None:
        assert mou().values == set(PartnershipValue)
        assert len(PartnershipValue) == 8

    @given(mous(), st.data())
    def test_signed_means_every_named_signatory_signed(self, m: MoU, data: st.DataObject) -> None:
        names = [s.person for s in m.signatories]
        chosen = data.draw(st.lists(st.sampled_from(names), unique=True) if names else st.just([]))
        for person in chosen:
            m = m.sign(person, on=DRAFTED)
        assert m.is_signed == (bool(names) and set(chosen) == set(names))
        assert {s.person for s in m.unsigned()} == set(names) - set(chosen)


BAD = [
    (
        "signature by someone not named",
        lambda: mou().sign("Cy Doe", on=LAUNCH),
        RuleViolationError,
        "signatures[0].person",
    ),
    (
        "signature before the draft",
        lambda: mou().sign("Ann Lee", on=DRAFTED - timedelta(days=1)),
        RuleViolationError,
        "signatures[0].on",
    ),
    (
        "signing twice",
        lambda: mou().sign("Ann Lee", on=LAUNCH).sign("Ann Lee", on=LAUNCH),
        RuleViolationError,
        "signatures[1].person",
    ),
    (
        "signatory for a non-party",
        lambda: mou(signatories=[Signatory("Ed", "nhs")]),
        InvalidValueError,
        "signatories[0].partner_id",
    ),
    (
        "signatory named twice",
        lambda: mou(signatories=[Signatory("Ed", "tps"), Signatory("Ed", "cja")]),
        InvalidValueError,
        "signatories[1].person",
    ),
    ("unknown value", lambda: mou(values={"loyalty"}), InvalidValueError, "values[0]"),
    ("unknown clause subject", lambda: Clause("catering", "Lunch"), InvalidValueError, "subject"),  # type: ignore[arg-type]
    (
        "proposed governance seating a non-party",
        lambda: mou(
            governance=GovernanceStructure(
                "single-tier", [Group("gg", "Governance Group", "governance", members={"nhs"})]
            )
        ),
        InvalidValueError,
        "governance",
    ),
    (
        "amendment dated before the version",
        lambda: mou().amended(on=DRAFTED - timedelta(days=1)),
        RuleViolationError,
        "on",
    ),
    ("version zero", lambda: mou(version=0), InvalidValueError, "version"),
]


@pytest.mark.parametrize(("case", "build", "error", "field"), BAD, ids=[b[0] for b in BAD])
def test_bad_mous_are_refused(
    case: str, build: object, error: type[psp.PSPError], field: str
) -> None:
    with pytest.raises(error) as info:
        build()  # type: ignore[operator]
    assert info.value.field == field


def partnership() -> Partnership:
    p = Partnership("p", "P")
    for partner in [
        Partner("tps", "Turning Point Scotland", Sector.THIRD),
        Partner("sacro", "Sacro", Sector.THIRD),
        Partner("cja", "North Strathclyde CJA", Sector.PUBLIC, public_body_kind="cja"),
    ]:
        p = p.join(partner, on=DRAFTED - timedelta(days=60))
    return p


class TestInThePartnership:
    """MoUs drafted, signed and amended through the partnership's history."""

    def test_draft_sign_and_query(self) -> None:
        p = partnership().draft_mou(mou()).sign_mou("mou", "Ann Lee", on=LAUNCH)
        assert [s.person for s in p.mou("mou").unsigned()] == ["Bo Ma"]
        p = p.sign_mou("mou", "Bo Ma", on=LAUNCH)
        assert p.mou("mou").is_signed

    def test_signatory_balance_against_member_balance(self) -> None:
        p = partnership().draft_mou(mou())
        signatories = p.signatory_balance("mou")
        members = p.sector_balance()
        assert (signatories.third, signatories.public) == (1, 1)
        assert (members.third, members.public) == (2, 1)

    def test_amendment_keeps_the_history_of_versions(self) -> None:
        p = partnership().draft_mou(mou()).sign_mou("mou", "Ann Lee", on=LAUNCH)
        amended = p.mou("mou").amended(
            on=LAUNCH, parties={"tps", "cja", "sacro"}, signatories=[Signatory("Ann Lee", "tps")]
        )
        p = p.amend_mou(amended)
        versions = p.mou_versions("mou")
        assert [v.version for v in versions] == [1, 2]
        assert versions[0].signatures[0].person == "Ann Lee"
        assert not p.mou("mou").is_signed
        p = p.sign_mou("mou", "Ann Lee", on=LAUNCH)
        assert p.mou("mou").is_signed

    def test_a_partnership_may_hold_several_mous(self) -> None:
        p = partnership().draft_mou(mou()).draft_mou(mou(id="mou-2"))
        assert [m.id for m in p.mous()] == ["mou", "mou-2"]

    @pytest.mark.parametrize(
        ("command", "error", "field"),
        [
            (
                lambda p: p.draft_mou(mou(parties={"tps", "nhs"}, signatories=[])),
                UnknownReferenceError,
                "mou.parties",
            ),
            (lambda p: p.draft_mou(mou()).draft_mou(mou()), RuleViolationError, "mou.id"),
            (
                lambda p: p.draft_mou(mou().sign("Ann Lee", on=LAUNCH)),
                RuleViolationError,
                "mou.signatures",
            ),
            (lambda p: p.sign_mou("nope", "Ann Lee", on=LAUNCH), UnknownReferenceError, "mou_id"),
            (
                lambda p: p.draft_mou(mou()).sign_mou("mou", "Cy Doe", on=LAUNCH),
                RuleViolationError,
                "person",
            ),
            (
                lambda p: p.draft_mou(mou()).amend_mou(mou(version=3)),
                RuleViolationError,
                "mou.version",
            ),
            (
                lambda p: (
                    p.draft_mou(mou(drafted_on=LAUNCH))
                    .sign_mou("mou", "Ann Lee", on=LAUNCH)
                    .sign_mou("mou", "Bo Ma", on=LAUNCH)
                    .draft_mou(mou(id="m2", drafted_on=DRAFTED))
                ),
                RuleViolationError,
                "on",
            ),
        ],
        ids=[
            "unknown party",
            "drafted twice",
            "drafted already signed",
            "unknown mou",
            "signer not named",
            "version skipped",
            "dated before the previous event",
        ],
    )
    def test_refusals(self, command: object, error: type[psp.PSPError], field: str) -> None:
        p = partnership()
        before = psp.to_data(p)
        with pytest.raises(error) as info:
            command(p)  # type: ignore[operator]
        assert info.value.field == field
        assert psp.to_data(p) == before


@given(partnerships())
def test_mou_state_follows_its_signature_events(p: Partnership) -> None:
    for m in p.mous():
        signed_events = [e for e in p.history if isinstance(e, psp.MoUSigned) and e.mou_id == m.id]
        assert len(m.signatures) <= len(signed_events)
        assert m.is_signed == (bool(m.signatories) and not m.unsigned())
