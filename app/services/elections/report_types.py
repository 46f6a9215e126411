"""The plain data behind election papers: ballot papers, nomination forms, the declaration."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.services.common.reports import Letterhead

PLURALITY, RANKED, RESOLUTION = "plurality", "ranked", "resolution"
APPROVAL = "approval"  # mark every choice you support (a project ballot)


@dataclass(frozen=True)
class BallotPapers:
    """Ballot papers to print: one election's paper, ``copies`` times.

    ``candidates`` are already in the order printed (alphabetical by surname);
    ``style`` says how the voter marks the paper: an X against up to ``seats``
    names, numbers 1, 2, 3 ... in order of preference, or for/against.
    """

    letterhead: Letterhead
    title: str
    style: str
    seats: int
    candidates: tuple[str, ...] = ()
    resolution: str = ""
    ballot_date: date | None = None
    copies: int = 1
    noun: str = "candidate"  # what is chosen: "project" on a project ballot


@dataclass(frozen=True)
class NominationForms:
    """Blank nomination forms for one election."""

    letterhead: Letterhead
    title: str
    seats_text: str  # e.g. "3 community seats on the board"
    who_may_stand: str  # e.g. "current members in the Tenant or Leaseholder category"
    closes_on: date
    statement_characters: int = 2000
    copies: int = 1


@dataclass(frozen=True)
class Declaration:
    """What the returning officer declares, with the stage-by-stage count sheet."""

    letterhead: Letterhead
    title: str
    method: str  # as printed: "Scottish STV (SSI 2007/42)"
    seats: int
    electorate: int
    papers_issued: int
    valid: int
    spoilt: tuple[tuple[str, int], ...]  # (reason, how many)
    quota: str | None
    elected: tuple[str, ...]  # in order of election
    stage_headings: tuple[str, ...]
    stage_rows: tuple[tuple[str, ...], ...]
    tie_breaks: tuple[str, ...]
    seed: int | None
    returning_officer: str
    counted_on: date

    @property
    def spoilt_total(self) -> int:
        """All spoilt papers."""
        return sum(n for _reason, n in self.spoilt)

    @property
    def turnout(self) -> str:
        """Papers returned (valid and spoilt) as a share of the electorate: '41.3%'."""
        if not self.electorate:
            return "no electorate"
        returned = self.valid + self.spoilt_total
        tenths = (returned * 1000 + self.electorate // 2) // self.electorate
        return f"{tenths // 10}.{tenths % 10}%"
