"""The PSP lifecycle as one immutable transition table, checked when this module loads.

forming -> design -> pilot -> review -> commissioned | continued pilot | grant funded,
and closed from every stage that is not final (docs/lifecycle.md).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Final, Literal, NamedTuple, TypeAlias

__all__ = [
    "FINAL_STAGES",
    "INITIAL_STAGE",
    "TRANSITIONS",
    "Stage",
    "Step",
    "StepName",
    "Transition",
    "lifecycle_diagram",
]


class Stage(enum.StrEnum):
    """Where a partnership is in its lifecycle."""

    FORMING = "forming"  #: organisations come together; a lead is chosen
    DESIGN = "design"  #: co-design with evidence and service users
    PILOT = "pilot"  #: the service runs, is measured and refined
    REVIEW = "review"  #: the pilot is judged against its measures
    CONTINUED_PILOT = "continued-pilot"  #: the pilot goes on, to be reviewed again
    COMMISSIONED = "commissioned"  #: the service is commissioned by competitive tender
    GRANT_FUNDED = "grant-funded"  #: the service goes on with grant funding
    CLOSED = "closed"  #: the partnership ends (unsuccessful bid, withdrawal, ...)


class Step(enum.StrEnum):
    """A move from one stage to the next."""

    START_DESIGN = "start-design"
    START_PILOT = "start-pilot"
    START_REVIEW = "start-review"
    CONTINUE_PILOT = "continue-pilot"
    COMMISSION = "commission"
    GRANT_FUND = "grant-fund"
    CLOSE = "close"


#: The values of :class:`Step`, for text that names a step.
StepName: TypeAlias = Literal[
    "start-design",
    "start-pilot",
    "start-review",
    "continue-pilot",
    "commission",
    "grant-fund",
    "close",
]


class Transition(NamedTuple):
    """One row of the table: from ``source``, ``step`` leads to ``target``."""

    source: Stage
    step: Step
    target: Stage


INITIAL_STAGE: Final = Stage.FORMING
FINAL_STAGES: Final = frozenset({Stage.COMMISSIONED, Stage.GRANT_FUNDED, Stage.CLOSED})

_OPEN_STAGES = (Stage.FORMING, Stage.DESIGN, Stage.PILOT, Stage.REVIEW, Stage.CONTINUED_PILOT)

#: The whole lifecycle. Closing is possible from every stage that is not final.
TRANSITIONS: Final[tuple[Transition, ...]] = (
    Transition(Stage.FORMING, Step.START_DESIGN, Stage.DESIGN),
    Transition(Stage.DESIGN, Step.START_PILOT, Stage.PILOT),
    Transition(Stage.PILOT, Step.START_REVIEW, Stage.REVIEW),
    Transition(Stage.REVIEW, Step.COMMISSION, Stage.COMMISSIONED),
    Transition(Stage.REVIEW, Step.CONTINUE_PILOT, Stage.CONTINUED_PILOT),
    Transition(Stage.REVIEW, Step.GRANT_FUND, Stage.GRANT_FUNDED),
    Transition(Stage.CONTINUED_PILOT, Step.START_REVIEW, Stage.REVIEW),
    *(Transition(stage, Step.CLOSE, Stage.CLOSED) for stage in _OPEN_STAGES),
)


def _values(stages: Iterable[Stage]) -> str:
    return ", ".join(sorted(s.value for s in stages))


def _check(table: Iterable[Transition], initial: Stage, final: frozenset[Stage]) -> None:
    """Refuse a table with two rows for one (stage, step), an exit from a final stage,
    an unreachable stage, or a stage (other than final ones) with no way out."""
    rows = list(table)
    keys = [(t.source, t.step) for t in rows]
    if len(set(keys)) != len(keys):
        raise ValueError("the lifecycle table has two rows for one stage and step")
    exits = {t.source for t in rows}
    if exits & final:
        raise ValueError(f"final stages have exits: {_values(exits & final)}")
    stuck = set(Stage) - final - exits
    if stuck:
        raise ValueError(f"stages with no way out: {_values(stuck)}")
    reached = {initial}
    frontier = [initial]
    while frontier:
        stage = frontier.pop()
        for t in rows:
            if t.source is stage and t.target not in reached:
                reached.add(t.target)
                frontier.append(t.target)
    if reached != set(Stage):
        raise ValueError(f"unreachable stages: {_values(set(Stage) - reached)}")


_check(TRANSITIONS, INITIAL_STAGE, FINAL_STAGES)

_NEXT: Final[dict[tuple[Stage, Step], Stage]] = {(t.source, t.step): t.target for t in TRANSITIONS}


def next_stage(stage: Stage, step: Step) -> Stage | None:
    """The stage ``step`` leads to from ``stage``, or ``None`` if the table has no such row."""
    return _NEXT.get((stage, step))


def steps_from(stage: Stage) -> tuple[Step, ...]:
    """The steps the table allows from ``stage``, in table order."""
    return tuple(t.step for t in TRANSITIONS if t.source is stage)


def lifecycle_diagram() -> str:
    """The lifecycle as a Mermaid state diagram, generated from the table."""
    lines = ["stateDiagram-v2", f"    [*] --> {INITIAL_STAGE.name.lower()}"]
    for t in TRANSITIONS:
        lines.append(f"    {t.source.name.lower()} --> {t.target.name.lower()}: {t.step.value}")
    lines.extend(f"    {s.name.lower()} --> [*]" for s in sorted(FINAL_STAGES))
    return "\n".join(lines)
