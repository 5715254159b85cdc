"""Payments under an awarded tender's contract, and the OCDS release's implementation
(issue 17, item 6)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import psp
from psp import Bid, Partner, Partnership, Policy, PSPError, Tender
from tests.test_exports import OCID_PREFIX, PUBLISHED, problems

D0, D1, D2, D3 = date(2014, 4, 1), date(2014, 5, 1), date(2014, 6, 1), date(2014, 7, 1)
CJA = Partner("cja", "A community justice authority", "public", public_body_kind="cja")
TPS = Partner("tps", "Turning Point Scotland", "third")
SACRO = Partner("sacro", "Sacro", "third")


def contracted(policy: Policy | None = None, value: int | None = 10_000) -> Partnership:
    """Tender ``t`` commissioned by the CJA, awarded to TPS on D1 for ``value`` pounds;
    tender ``open`` active, Sacro tendering; bid ``g`` awarded 500 pounds by the CJA."""
    p = Partnership("pilot", "A pilot", policy=policy or Policy())
    p = p.join(TPS, on=D0, roles={"lead"}).join(CJA, on=D0).add_organisation(SACRO, on=D0)
    for tender_id in ("t", "open"):
        p = p.plan_tender(Tender(id=tender_id, commissioner="cja", title="Service"), on=D0)
        p = p.open_tender(tender_id, on=D0)
    p = p.receive_tender("t", "tps", on=D0).receive_tender("open", "sacro", on=D0)
    p = p.draft_bid(Bid(id="g", funder="cja", purpose="pilot", drafted_on=D0))
    p = p.submit_bid("g", on=D0).decide_bid("g", on=D1, awarded=True, amount=500)
    return p.award_tender("t", "tps", on=D1, value=value)


def refused(
    error: type[PSPError], code: str, command: Callable[[Partnership], object], p: Partnership
) -> PSPError:
    """``command`` on ``p`` is refused with ``code``, and ``p`` reads as it did."""
    before = psp.to_data(p)
    with pytest.raises(error) as caught:
        command(p)
    assert caught.value.code == code
    assert psp.to_data(p) == before
    return caught.value


class TestContractPayments:
    """Only an awarded tender's contract takes payments; they never pass its awarded
    value unless allowed; their ids share one space with a bid's payments."""

    def test_an_awarded_tender_is_paid_under_its_contract(self) -> None:
        p = contracted().record_contract_payment("c-1", "t", 6_000, on=D2)
        p = p.record_contract_payment("c-2", "t", 4_000, on=D3, note="the rest")
        assert [
            (m.id, m.tender_id, m.amount, m.paid_on, m.note) for m in p.contract_payments()
        ] == [
            ("c-1", "t", 6_000, D2, ""),
            ("c-2", "t", 4_000, D3, "the rest"),
        ]
        assert p.contract_payments("t") == p.contract_payments()
        assert p.contract_payments("open") == ()
        assert p.payments() == ()  # a bid's payments are apart
        assert psp.from_data(psp.to_data(p), Partnership) == p

    @pytest.mark.parametrize(
        ("error", "code", "command"),
        [
            (
                psp.RuleViolationError,
                "tender-not-awarded",
                lambda p: p.record_contract_payment("c-9", "open", 1, on=D2),
            ),
            (
                psp.UnknownReferenceError,
                "unknown-tender",
                lambda p: p.record_contract_payment("c-9", "nope", 1, on=D2),
            ),
            (
                psp.RuleViolationError,
                "id-taken",
                lambda p: p.record_contract_payment("c-1", "t", 1, on=D2),
            ),
            (psp.RuleViolationError, "id-taken", lambda p: p.record_payment("c-1", "g", 1, on=D2)),
            (
                psp.RuleViolationError,
                "id-taken",
                lambda p: p.record_contract_payment("m-1", "t", 1, on=D2),
            ),
            (
                psp.RuleViolationError,
                "payment-exceeds-award",
                lambda p: p.record_contract_payment("c-9", "t", 4_001, on=D2),
            ),
            (psp.UnknownReferenceError, "unknown-tender", lambda p: p.contract_payments("nope")),
        ],
    )
    def test_a_refusal_leaves_the_partnership_unchanged(
        self, error: type[PSPError], code: str, command: Callable[[Partnership], object]
    ) -> None:
        p = contracted().record_contract_payment("c-1", "t", 6_000, on=D2)
        p = p.record_payment("m-1", "g", 100, on=D2)
        refused(error, code, command, p)

    def test_the_refusals_name_the_status_and_the_amounts(self) -> None:
        p = contracted().record_contract_payment("c-1", "t", 6_000, on=D2)
        error = refused(
            psp.RuleViolationError,
            "tender-not-awarded",
            lambda q: q.record_contract_payment("c-9", "open", 1, on=D2),
            p,
        )
        assert "tender open is active" in str(error)
        error = refused(
            psp.RuleViolationError,
            "payment-exceeds-award",
            lambda q: q.record_contract_payment("c-9", "t", 4_001, on=D2),
            p,
        )
        assert "to 10,001 pounds, more than the 10,000 awarded (6,000 so far)" in str(error)

    def test_a_policy_may_let_payments_pass_the_award(self) -> None:
        p = contracted(Policy(payments_beyond_award=True))
        p = p.record_contract_payment("c-1", "t", 12_000, on=D2)
        assert [m.amount for m in p.contract_payments("t")] == [12_000]

    def test_an_award_with_no_value_sets_no_ceiling(self) -> None:
        p = contracted(value=None).record_contract_payment("c-1", "t", 10**9, on=D2)
        assert [m.amount for m in p.contract_payments()] == [10**9]

    @settings(max_examples=40, deadline=None)
    @given(st.lists(st.integers(1, 6_000), min_size=1, max_size=6), st.booleans())
    def test_payments_are_accepted_exactly_while_they_stay_within_the_award(
        self, amounts: list[int], allowed: bool
    ) -> None:
        p = contracted(Policy(payments_beyond_award=allowed))
        accepted: list[int] = []
        for k, amount in enumerate(amounts):
            with contextlib.suppress(psp.RuleViolationError):
                p = p.record_contract_payment(f"c-{k}", "t", amount, on=D2)
                accepted.append(amount)
        # Each is accepted unless, not allowed, it would take the total past 10,000.
        expected: list[int] = []
        for amount in amounts:
            if allowed or sum(expected) + amount <= 10_000:
                expected.append(amount)
        assert accepted == expected == [m.amount for m in p.contract_payments()]
        assert allowed or sum(accepted) <= 10_000


class TestOcdsImplementation:
    """Each payment under the contract is a transaction of its implementation."""

    def test_the_transactions_validate_against_the_vendored_schema(self) -> None:
        p = contracted().record_contract_payment("c-1", "t", 6_000, on=D2, note="first")
        p = p.record_contract_payment("c-2", "t", 4_000, on=D3)
        release = psp.to_ocds(p, "t", ocid_prefix=OCID_PREFIX, published=PUBLISHED)
        assert problems("ocds-release", release) == []
        assert release["tag"][-1] == "implementation"
        (contract,) = release["contracts"]
        payer = {"id": "cja", "name": "A community justice authority"}
        payee = {"id": "tps", "name": "Turning Point Scotland"}
        assert contract["implementation"] == {
            "transactions": [
                {
                    "id": "c-1",
                    "date": "2014-06-01T00:00:00Z",
                    "value": {"amount": 6_000, "currency": "GBP"},
                    "payer": payer,
                    "payee": payee,
                },
                {
                    "id": "c-2",
                    "date": "2014-07-01T00:00:00Z",
                    "value": {"amount": 4_000, "currency": "GBP"},
                    "payer": payer,
                    "payee": payee,
                },
            ]
        }
        roles = {party["id"]: party["roles"] for party in release["parties"]}
        assert roles["cja"] == ["buyer", "procuringEntity", "payer"]
        assert roles["tps"] == ["tenderer", "supplier", "payee"]

    def test_an_unpaid_contract_has_no_implementation(self) -> None:
        release = psp.to_ocds(contracted(), "t", ocid_prefix=OCID_PREFIX, published=PUBLISHED)
        assert problems("ocds-release", release) == []
        assert "implementation" not in release["tag"]
        assert "implementation" not in release["contracts"][0]
        roles = {party["id"]: party["roles"] for party in release["parties"]}
        assert roles["cja"] == ["buyer", "procuringEntity"]

    def test_another_tenders_payments_stay_out(self) -> None:
        p = contracted().record_contract_payment("c-1", "t", 6_000, on=D2)
        release = psp.to_ocds(p, "open", ocid_prefix=OCID_PREFIX, published=PUBLISHED)
        assert "contracts" not in release
        assert "payer" not in str(release["parties"])
