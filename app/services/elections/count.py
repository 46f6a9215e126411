"""Counting an election held in the app: the papers to the counter, the result to a declaration.

The counter (`app.services.counting`) knows nothing of the database; this
module feeds it the accepted papers (`elections.ballots_for_count`), maps the
names it elects back to nominations, and stores the result through
`elections.declare`, which locks the election. Declaring counts again with
the seed the returning officer saw, so the declared result is the one shown.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
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
from app.services.common.reports import Column, TableReport
from app.services.counting import Election as Ballots
from app.services.counting import count as run_counter
from app.services.counting import resolution, write_blt
from app.services.elections import ElectionState
from app.services.elections.common import ElectionKind
from app.services.elections.report_types import (
    PLURALITY,
    RANKED,
    BallotPapers,
    Declaration,
    NominationForms,
)


@dataclass(frozen=True)
class CountOutcome:
    """What a count shows the returning officer, and what declaring stores."""

    sheet: str  # the stage-by-stage count sheet, plain text
    elected: tuple[str, ...]  # names in order of election (empty for a resolution)
    elected_ids: tuple[int, ...]  # their nominations
    seed: int
    quota: str
    as_json: str


def _labels(names: tuple[str, ...]) -> tuple[str, ...]:
    """Candidates' names, made unique ("Zoë Wróbel (2)") so the count can tell them apart."""
    seen: Counter[str] = Counter()
    totals = Counter(names)
    labels = []
    for name in names:
        seen[name] += 1
        labels.append(f"{name} ({seen[name]})" if totals[name] > 1 else name)
    return tuple(labels)


def _resolution(info: elections.ElectionInfo, papers: list[tuple[int, ...]]) -> CountOutcome:
    answers = Counter(p[0] for p in papers)
    kind = resolution.SPECIAL if info.special_resolution else resolution.ORDINARY
    outcome = resolution.decide(answers[1], answers[2], answers[3], kind)
    sheet = (
        f"{info.title}\n{info.resolution_text}\n\n"
        f"For: {outcome.votes_for}   Against: {outcome.against}   "
        f"Abstentions: {outcome.abstain}\n{outcome.explanation}\n"
    )
    data = {"method": "resolution", **outcome.to_dict(), "elected": [], "stages": []}
    return CountOutcome(sheet, (), (), 0, "", json.dumps(data, ensure_ascii=False))


def count_election(
    session: Session, organisation_id: int, election_id: int, seed: int | None = None
) -> CountOutcome:
    """Count the accepted papers (nothing is stored); lots, if any, drawn from ``seed``."""
    info = elections.get_election(session, organisation_id, election_id)
    given = elections.ballots_for_count(session, election_id)
    if not given.ballots:
        raise UserError("There are no accepted ballot papers to count yet.")
    if info.kind == ElectionKind.RESOLUTION:
        return _resolution(info, given.ballots)
    names = _labels(given.candidates)
    ballots = Ballots(
        candidates=names,
        seats=given.seats,
        ballots=tuple((1, tuple(p - 1 for p in paper)) for paper in given.ballots),
        title=info.title,
    )
    result = run_counter(ballots, given.method, seed)
    ids = elections.candidate_ids(session, election_id)
    elected_ids = tuple(ids[names.index(name)] for name in result.elected)
    return CountOutcome(
        sheet=result.count_sheet(),
        elected=tuple(given.candidates[names.index(name)] for name in result.elected),
        elected_ids=elected_ids,
        seed=result.seed,
        quota=result.quota_text,
        as_json=json.dumps(result.to_dict(), ensure_ascii=False),
    )


def declare_election(session: Session, actor: Actor, election_id: int, seed: int) -> CountOutcome:
    """Count again with ``seed`` (the count the returning officer saw), store it, lock it."""
    assert actor.organisation_id is not None
    outcome = count_election(session, actor.organisation_id, election_id, seed)
    stored = json.dumps({**json.loads(outcome.as_json), "sheet": outcome.sheet}, ensure_ascii=False)
    elections.declare(session, actor, election_id, list(outcome.elected_ids), stored, seed)
    return outcome


def declared_outcome(session: Session, organisation_id: int, election_id: int) -> CountOutcome:
    """The count as it was declared (stored), not counted again."""
    info = elections.get_election(session, organisation_id, election_id)
    if info.state != ElectionState.DECLARED:
        raise UserError("The result has not been declared yet.")
    data = json.loads(info.count_json)
    if "sheet" not in data:  # declared before the sheet was stored: count again, same seed
        return count_election(session, organisation_id, election_id, int(info.count_seed or 0))
    return CountOutcome(
        sheet=data["sheet"],
        elected=tuple(data.get("elected", [])),
        elected_ids=(),
        seed=int(info.count_seed) if info.count_seed.isdigit() else 0,
        quota="" if data.get("method") in ("plurality", "resolution") else data.get("quota", ""),
        as_json=info.count_json,
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


def ballot_file(session: Session, organisation_id: int, election_id: int) -> str:
    """The accepted papers as a ``.blt`` file, to check the count with other STV programs."""

    info = elections.get_election(session, organisation_id, election_id)
    if info.kind == ElectionKind.RESOLUTION:
        raise UserError("A resolution has no candidates, so it has no ballot file.")
    given = elections.ballots_for_count(session, election_id)
    grouped = Counter(tuple(p - 1 for p in paper) for paper in given.ballots)
    ballots = Ballots(
        candidates=_labels(given.candidates),
        seats=given.seats,
        ballots=tuple((weight, ranking) for ranking, weight in sorted(grouped.items())),
        title=info.title.replace('"', "'"),
    )
    return write_blt(ballots)
