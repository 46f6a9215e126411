"""The papers and sheets of an election: ballot papers, nomination forms, the declaration
and the count sheet, as data for the renderers in ``app/reports``."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import Member, MemberCategory, Nomination, SeatType
from app.services import elections
from app.services.accounts import auth
from app.services.accounts.roles import Actor
from app.services.common.letterhead import letterhead
from app.services.common.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.common.reports import Column, ColumnKind, TableReport, uk_date
from app.services.elections import ElectionState
from app.services.elections.common import ISSUED, ElectionKind
from app.services.elections.report_types import (
    PLURALITY,
    RANKED,
    BallotPapers,
    Declaration,
    NominationForms,
)


def _stage_table(data: dict[str, Any]) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    stages = data.get("stages") or []
    if not stages:
        return (), ()
    headings = ("Candidate", *(f"Stage {s['stage']}" for s in stages))
    shown = [c for c in data["candidates"] if c not in data.get("withdrawn", [])]
    rows = [tuple([name, *(s["votes"].get(name, "") for s in stages)]) for name in shown]
    rows.append(("Non-transferable", *(s["non_transferable"] for s in stages)))
    rows.append(("Action", *(s["action"] for s in stages)))
    return headings, tuple(rows)


def declaration(session: Session, organisation_id: int, election_id: int) -> Declaration:
    """The declared result as the declaration and count sheet print it."""

    info = elections.get_election(session, organisation_id, election_id)
    if info.state != ElectionState.DECLARED:
        raise UserError("The result has not been declared yet.")
    data = json.loads(info.count_json)
    spoilt = elections.spoilt_papers(session, organisation_id, election_id)
    headings, rows = _stage_table(data)
    officer = ""
    if info.returning_officer_id is not None:
        officer = auth.get_user(session, info.returning_officer_id).full_name
    elected = tuple(data.get("elected", []))
    if data.get("method") == "resolution":
        elected = (data["explanation"],)
    valid = int(data.get("valid_papers", data.get("cast", 0) + data.get("abstain", 0)))
    return Declaration(
        letterhead=letterhead(session, organisation_id),
        title=info.title,
        method=elections.METHODS.get(info.method, info.method)
        if info.kind != ElectionKind.RESOLUTION
        else ("Special resolution (75%)" if info.special_resolution else "Ordinary resolution"),
        seats=info.seats,
        electorate=info.electors,
        papers_issued=info.issued,
        valid=valid,
        spoilt=tuple(sorted(spoilt.items())),
        quota=None if data.get("method") in ("plurality", "resolution") else data.get("quota"),
        elected=elected,
        stage_headings=headings,
        stage_rows=rows,
        tie_breaks=tuple(
            f"Stage {t['stage']}: {', '.join(t['candidates'])} tied ({t['purpose']}); "
            f"{t['chosen']} chosen by {t['how']}. {t['detail']}".strip()
            for t in data.get("tie_breaks", [])
        ),
        seed=int(info.count_seed)
        if info.count_seed.isdigit() and data.get("method") != "resolution"
        else None,
        returning_officer=officer,
        counted_on=(info.declared_at.date() if info.declared_at else date.today()),
    )


def ballot_papers(
    session: Session, organisation_id: int, election_id: int, copies: int | None = None
) -> BallotPapers:
    """The election's ballot paper, as many as the roll (or ``copies``)."""

    info = elections.get_election(session, organisation_id, election_id)
    if info.state not in (ElectionState.BALLOT, ElectionState.COUNTING, ElectionState.DECLARED):
        raise UserError("Ballot papers can be printed once nominations have closed.")
    if copies is not None and not 1 <= copies <= 100_000:
        raise UserError("Print between 1 and 100,000 ballot papers.")
    names: tuple[str, ...] = ()
    if info.kind == ElectionKind.RESOLUTION:
        style = "resolution"
    else:
        style = RANKED if info.method in elections.RANKED else PLURALITY
        names = _paper_names(session, election_id)
    return BallotPapers(
        letterhead=letterhead(session, organisation_id),
        title=info.title,
        style=style,
        seats=info.seats,
        candidates=names,
        resolution=info.resolution_text,
        ballot_date=info.ballot_on,
        copies=copies if copies is not None else max(1, info.electors),
    )


def _paper_names(session: Session, election_id: int) -> tuple[str, ...]:
    """Candidates as printed: "Surname, First name", in ballot-paper order (by surname)."""
    rows = session.scalars(
        select(Member)
        .join(Nomination, Nomination.candidate_id == Member.id)
        .where(Nomination.election_id == election_id, Nomination.ballot_position.is_not(None))
        .order_by(Nomination.ballot_position)
    ).all()
    names = [f"{m.family_name}, {m.given_name}" for m in rows]
    return tuple(elections.told_apart(names, list(rows)))


def nomination_forms(
    session: Session, organisation_id: int, election_id: int, copies: int = 1
) -> NominationForms:
    """Blank nomination forms for the election."""

    info = elections.get_election(session, organisation_id, election_id)
    seat_type = session.get(SeatType, info.seat_type_id) if info.seat_type_id else None
    seats = f"{info.seats} seat{'s' if info.seats != 1 else ''} on the board"
    if seat_type is not None:
        seats += f" ({seat_type.name})"
    category = session.get(MemberCategory, seat_type.category_id) if seat_type else None
    who = "current members eligible to vote"
    if category is not None:
        who = f"current members in the {category.name} category who are eligible to vote"
    return NominationForms(
        letterhead=letterhead(session, organisation_id),
        title=info.title,
        seats_text=seats,
        who_may_stand=who,
        closes_on=info.nominations_close or info.ballot_on,
        statement_characters=elections.STATEMENT_LENGTH,
        copies=max(1, min(copies, 1000)),
    )


def _election_id(options: ReportOptions) -> int:
    if options.election_id is None:
        raise UserError("Say which election: give its number (see `mutualdesk list elections`).")
    return options.election_id


def _org_of(actor: Actor) -> int:
    assert actor.organisation_id is not None
    return actor.organisation_id


def ballot_papers_document(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> BallotPapers:
    """The catalogue's builder for ballot papers."""
    return ballot_papers(session, _org_of(actor), _election_id(options), options.copies)


def nomination_forms_document(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> NominationForms:
    """The catalogue's builder for nomination forms."""
    return nomination_forms(session, _org_of(actor), _election_id(options), options.copies or 1)


def result_document(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> Declaration:
    """The catalogue's builder for the declaration of the result."""
    return declaration(session, _org_of(actor), _election_id(options))


def result_table(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """The count sheet as a table, for a spreadsheet: one row per candidate, one column a stage."""
    found = declaration(session, _org_of(actor), _election_id(options))
    columns = tuple(Column(h, width=2 if i == 0 else 1) for i, h in enumerate(found.stage_headings))
    if not columns:
        columns = (Column("Result", width=4),)
    return TableReport(
        title=f"Count sheet: {found.title}"[:80],
        letterhead=found.letterhead,
        generated=now,
        columns=columns,
        rows=found.stage_rows or tuple((line,) for line in found.elected),
        subtitle=f"{found.method}; quota {found.quota or 'none'}; elected, in order: "
        + "; ".join(found.elected),
    )


ROLL_COLUMNS = (
    Column("Elector no.", ColumnKind.IDENTIFIER, 0.7),
    Column("Member no.", ColumnKind.IDENTIFIER, 0.7),
    Column("Name", width=2.0),
    Column("Paper issued", width=1.2),
)


def roll_table(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """An election's frozen voter roll: who may vote and who was given a paper (never how
    anyone voted: the roll holds no ballot)."""
    org_id = _org_of(actor)
    election_id = _election_id(options)
    info = elections.get_election(session, org_id, election_id)
    if not info.roll_frozen:
        raise UserError(
            f"The voter roll of '{info.title}' is not made yet: it is frozen when the ballot "
            "starts."
        )
    electors = elections.roll(session, org_id, election_id)
    issued = sum(1 for e in electors if e.issued)
    return TableReport(
        title=f"Voter roll: {info.title}"[:80],
        letterhead=letterhead(session, org_id),
        generated=now,
        columns=ROLL_COLUMNS,
        rows=tuple(
            (e.elector_number, e.membership_number, e.name, ISSUED.get(e.issued, e.issued))
            for e in electors
        ),
        subtitle=f"{len(electors):,} electors, eligible on {uk_date(info.roll_cutoff)}; "
        f"{issued:,} given a paper.",
    )
