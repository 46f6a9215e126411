"""What an election window shows, read in one unit of work, and the state in words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.services import board, elections
from app.services.accounts import auth
from app.services.common.dates import uk
from app.services.elections import (
    ElectionInfo,
    ElectionKind,
    ElectionState,
    Elector,
    NominationInfo,
)
from app.services.membership.eligibility import Turnout


@dataclass(frozen=True)
class ElectionView:
    """One election with its nominations, roll, kind of seat and returning officer."""

    info: ElectionInfo
    nominations: list[NominationInfo]
    roll: list[Elector]
    seat_type: str
    returning_officer: str
    outlook: Turnout | None = None  # who may vote on the cut-off date (before the roll is made)

    @property
    def on_paper(self) -> list[NominationInfo]:
        """The candidates on the ballot paper, in ballot order."""
        return sorted(
            (n for n in self.nominations if n.ballot_position is not None),
            key=lambda n: n.ballot_position or 0,
        )


def load(session: Any, organisation_id: int, election_id: int) -> ElectionView:
    """Read everything an election window shows."""
    info = elections.get_election(session, organisation_id, election_id)
    seat = next(
        (s for s in board.list_seat_types(session, organisation_id) if s.id == info.seat_type_id),
        None,
    )
    officer = ""
    if info.returning_officer_id is not None:
        user = auth.get_user(session, info.returning_officer_id)
        officer = f"{user.full_name} ({user.role.label})"
    return ElectionView(
        info,
        elections.nominations(session, organisation_id, election_id),
        elections.roll(session, organisation_id, election_id),
        seat.name if seat else "",
        officer,
        None if info.roll_frozen else elections.roll_outlook(session, organisation_id, election_id),
    )


def state_words(view: ElectionView) -> str:
    """Where the election has got to, and what comes next, in plain English."""
    info = view.info
    if info.state == ElectionState.DRAFT:
        step = "open nominations" if info.kind == ElectionKind.BOARD else "start the ballot"
        return f"Being set up: nothing is public yet. Check the details, then {step}."
    if info.state == ElectionState.NOMINATIONS:
        return (
            f"Nominations are open from {uk(info.nominations_open)} to "
            f"{uk(info.nominations_close)}. {info.candidates} candidate"
            f"{'s' if info.candidates != 1 else ''} so far: add nominations on the "
            "Nominations tab."
        )
    if info.state == ElectionState.BALLOT:
        return (
            f"The ballot is open. The voter roll is frozen with {info.electors:,} electors; "
            f"{info.issued:,} papers issued. Issue papers on the Roll tab and type returned "
            "papers on the Ballot entry tab (each batch twice, by two tellers)."
        )
    if info.state == ElectionState.COUNTING:
        return "The ballot is closed. Count the votes on the Count tab, then declare the result."
    when = f" on {info.declared_at:%d/%m/%Y}" if info.declared_at else ""
    return f"The result was declared{when}. Nothing about this election can change now."


def next_step(info: ElectionInfo) -> tuple[str, str, str] | None:
    """(button text, question to ask first, target state) for the next step, or None."""
    if info.state == ElectionState.DRAFT and info.kind == ElectionKind.BOARD:
        return (
            "&Open nominations",
            f"Open nominations for '{info.title}'? The details cannot be changed afterwards.",
            ElectionState.NOMINATIONS,
        )
    if info.state in (ElectionState.DRAFT, ElectionState.NOMINATIONS):
        text = (
            "&Close nominations and start the ballot"
            if info.state == ElectionState.NOMINATIONS
            else "&Freeze the roll and start the ballot"
        )
        return (
            text,
            f"Start the ballot for '{info.title}'? This freezes the voter roll (everyone "
            f"eligible on {uk(info.roll_cutoff)}) and fixes the ballot paper. It cannot be undone.",
            ElectionState.BALLOT,
        )
    if info.state == ElectionState.BALLOT:
        return (
            "&Close the ballot and count",
            f"Close the ballot for '{info.title}'? No more papers can be issued or entered, "
            "and every batch must already be accepted. It cannot be undone.",
            ElectionState.COUNTING,
        )
    if info.state == ElectionState.COUNTING:
        return ("Go to the &count", "", "")
    return None
