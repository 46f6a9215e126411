"""Members choosing which community projects go ahead, by the elections' counter: an
approval vote (each member marks every project they support; every mark counts) or a
ranked count (single transferable vote, ERS97 rules) for ``places`` projects. Papers
are typed in as the positions marked; the count is declared once, the chosen projects
become "agreed", the others "not going ahead", and the result is written into the
decisions of a meeting's agenda item (minuted)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import (
    AgendaItem,
    Meeting,
    Project,
    ProjectBallot,
    ProjectBallotChoice,
    ProjectBallotPaper,
)
from app.models.states import MeetingStatus
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.letterhead import letterhead
from app.services.common.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.common.validation import raise_if_any
from app.services.counting import Result, count
from app.services.counting.blt import Election
from app.services.elections.report_types import APPROVAL, RANKED, BallotPapers
from app.services.membership.eligibility import turnout
from app.services.performance.access import recorder_org

MOST_PAPERS = 1_000_000
METHODS = {"approval": "Approval vote (mark every project you support)",
           "ers97": "Ranked (single transferable vote, ERS97 rules)"}  # fmt: skip


def create(
    session: Session, actor: Actor, title: str, project_ids: list[int], places: int,
    method: str, held_on: date,
) -> int:  # fmt: skip
    """Set up a ballot of the projects ``project_ids`` (in that order on the paper)."""
    org_id = recorder_org(actor)
    issues: list[Issue | None] = []
    name = " ".join(title.split())
    if not name or len(name) > 200:
        issues.append(Issue("title", "Give the ballot a title (at most 200 characters)."))
    if method not in METHODS:
        issues.append(Issue("method", "Choose an approval vote or a ranked count."))
    if len(set(project_ids)) != len(project_ids) or len(project_ids) < 2:
        issues.append(Issue("projects", "Choose at least two different projects."))
    for project_id in project_ids:
        project = session.get(Project, project_id)
        if project is None or project.organisation_id != org_id:
            issues.append(Issue("projects", "Choose this organisation's projects."))
            break
    if not 1 <= places < max(len(project_ids), 2):
        issues.append(Issue("places", "Fewer projects can go ahead than are on the ballot, "
                                      "and at least one."))  # fmt: skip
    raise_if_any(issues)
    ballot = ProjectBallot(organisation_id=org_id, title=name, method=method, places=places,
                           held_on=held_on)  # fmt: skip
    session.add(ballot)
    session.flush()
    for position, project_id in enumerate(project_ids, start=1):
        session.add(ProjectBallotChoice(ballot_id=ballot.id, project_id=project_id,
                                        position=position))  # fmt: skip
    session.flush()
    audit.record(session, actor, "create", "project ballot", ballot.id,
                 after={"title": name, "projects": len(project_ids), "places": places})  # fmt: skip
    return ballot.id


def _ballot(session: Session, org_id: int, ballot_id: int) -> ProjectBallot:
    row = session.get(ProjectBallot, ballot_id)
    if row is None or row.organisation_id != org_id:
        raise UserError("That ballot is not one of this organisation's.")
    return row


def choices(session: Session, ballot_id: int) -> list[tuple[int, str]]:
    """The projects on the paper: (project id, name), in their order."""
    rows = session.execute(
        select(Project.id, Project.name)
        .join(ProjectBallotChoice, ProjectBallotChoice.project_id == Project.id)
        .where(ProjectBallotChoice.ballot_id == ballot_id)
        .order_by(ProjectBallotChoice.position)
    ).all()
    return [(project_id, name) for project_id, name in rows]


def enter_paper(session: Session, actor: Actor, ballot_id: int, number: int,
                marks: list[int]) -> None:  # fmt: skip
    """Type in paper ``number``: the positions marked (in order of preference for a
    ranked count)."""
    org_id = recorder_org(actor)
    ballot = _ballot(session, org_id, ballot_id)
    if ballot.declared:
        raise UserError(f"'{ballot.title}' is declared: its papers can no longer change.")
    on_paper = len(choices(session, ballot_id))
    issues: list[Issue | None] = []
    typed = select(ProjectBallotPaper.id).where(
        ProjectBallotPaper.ballot_id == ballot_id, ProjectBallotPaper.number == number
    )
    if not 0 < number <= MOST_PAPERS:
        issues.append(Issue("number", "Give the number printed on the paper (1 to "
                                      f"{MOST_PAPERS:,})."))  # fmt: skip
    elif session.scalar(typed) is not None:
        issues.append(Issue("number", f"Paper {number} is typed in already."))
    if not marks:
        issues.append(Issue("marks", "A paper with no marks is spoilt: leave it out."))
    elif len(set(marks)) != len(marks) or not all(1 <= m <= on_paper for m in marks):
        issues.append(Issue("marks", f"Each mark is a project's number, 1 to {on_paper}, "
                                     "each once."))  # fmt: skip
    raise_if_any(issues)
    session.add(ProjectBallotPaper(ballot_id=ballot_id, number=number,
                                   marks=" ".join(str(m) for m in marks)))  # fmt: skip
    session.flush()
    audit.record(session, actor, "enter paper", "project ballot", ballot_id,
                 after={"number": number})  # fmt: skip


def count_ballot(session: Session, organisation_id: int, ballot_id: int,
                 seed: int | None = None) -> Result:  # fmt: skip
    """Count the papers typed in (nothing is stored)."""
    ballot = _ballot(session, organisation_id, ballot_id)
    names = tuple(name for _id, name in choices(session, ballot_id))
    papers = session.scalars(
        select(ProjectBallotPaper.marks).where(ProjectBallotPaper.ballot_id == ballot_id)
    ).all()
    if not papers:
        raise UserError("No papers have been typed in yet.")
    election = Election(
        candidates=names, seats=ballot.places, title=ballot.title,
        ballots=tuple((1, tuple(int(m) - 1 for m in marks.split())) for marks in papers),
    )  # fmt: skip
    return count(election, ballot.method, seed)


@dataclass(frozen=True)
class Declared:
    """A declared ballot: the projects chosen, and the words minuted."""

    chosen: tuple[str, ...]
    minute: str


def declare(
    session: Session,
    actor: Actor,
    ballot_id: int,
    seed: int,
    item_id: int | None = None,
    papers_seen: int | None = None,
) -> Declared:
    """Count with ``seed`` (the count seen), store it, lock the ballot, mark the projects
    agreed or not going ahead, and minute the result in agenda item ``item_id``. With
    ``papers_seen`` (the papers in the count seen), refused if papers were typed since."""
    org_id = recorder_org(actor)
    ballot = _ballot(session, org_id, ballot_id)
    if ballot.declared:
        raise UserError(f"'{ballot.title}' was declared already.")
    result = count_ballot(session, org_id, ballot_id, seed)
    if papers_seen is not None and result.valid_papers != papers_seen:
        now = result.valid_papers
        raise UserError(f"Papers have been typed in since the count you saw ({papers_seen:,} "
                        f"then, {now:,} now): count again, then declare.")  # fmt: skip
    chosen = set(result.elected)
    for project_id, name in choices(session, ballot_id):
        project = session.get_one(Project, project_id)
        if project.status == "proposed":
            project.status = "agreed" if name in chosen else "not going ahead"
    ballot.declared, ballot.seed = True, str(result.seed)
    found = result.to_dict()
    ballot.count_json = json.dumps(found, ensure_ascii=False)
    minute = _minute(ballot, found)
    session.flush()
    if item_id is not None:
        _minute_in(session, actor, org_id, item_id, minute)
    audit.record(session, actor, "declare", "project ballot", ballot_id,
                 after={"chosen": sorted(chosen)})  # fmt: skip
    return Declared(tuple(result.elected), minute)


def _minute(ballot: ProjectBallot, found: dict[str, Any]) -> str:
    """The words minuted: the method, the papers, each project's votes and who goes ahead."""
    tally = "; ".join(f"{name} {votes}" for name, votes in _tally(found))
    method = METHODS[ballot.method].split(" (")[0].lower()
    return (f"{ballot.title} ({method}, {found['valid_papers']:,} valid papers): {tally}. "
            f"Going ahead: {', '.join(found['elected'])}.")  # fmt: skip


def _minute_in(session: Session, actor: Actor, org_id: int, item_id: int, minute: str) -> None:
    """Add ``minute`` to the decisions of agenda item ``item_id`` (after any already there)."""
    from app.services.meetings.minutes import save_text

    item = session.get(AgendaItem, item_id)
    meeting = session.get(Meeting, item.meeting_id) if item is not None else None
    if item is None or meeting is None or meeting.organisation_id != org_id:
        raise UserError("Choose an agenda item of one of this organisation's meetings.")
    before = (item.decisions or "").rstrip()
    save_text(session, actor, item_id, decisions=f"{before}\n\n{minute}" if before else minute)


@dataclass(frozen=True)
class BallotInfo:
    """A ballot as listed: its projects in paper order, the papers typed, and, once
    declared, the projects chosen and the words minuted."""

    id: int
    title: str
    method: str
    places: int
    held_on: date
    projects: tuple[str, ...]
    papers: int
    declared: bool
    chosen: tuple[str, ...] = ()
    minute: str = ""
    tally: tuple[tuple[str, str], ...] = ()  # declared: each project and its votes

    @property
    def tally_text(self) -> str:
        """The declared count, a project a line, with whether it goes ahead."""
        width = max((len(name) for name, _votes in self.tally), default=0)
        return "\n".join(
            f"{name:<{width}}  {votes:>6}  "
            f"{'going ahead' if name in self.chosen else 'not going ahead'}"
            for name, votes in self.tally
        )

    @property
    def method_text(self) -> str:
        return METHODS[self.method]

    highest: int = 0  # the highest paper number typed
    seed: int | None = None  # declared: the seed of the count declared

    @property
    def next_number(self) -> int:
        return self.highest + 1


def list_ballots(session: Session, organisation_id: int) -> list[BallotInfo]:
    """The organisation's project ballots, newest first."""
    rows = session.scalars(
        select(ProjectBallot)
        .where(ProjectBallot.organisation_id == organisation_id)
        .order_by(ProjectBallot.held_on.desc(), ProjectBallot.id.desc())
    ).all()
    found = []
    for row in rows:
        papers, highest = session.execute(
            select(func.count(), func.max(ProjectBallotPaper.number)).where(
                ProjectBallotPaper.ballot_id == row.id
            )
        ).one()
        names = tuple(name for _id, name in choices(session, row.id))
        counted = json.loads(row.count_json) if row.declared and row.count_json else None
        found.append(BallotInfo(
            row.id, row.title, row.method, row.places, row.held_on, names, papers or 0,
            row.declared, tuple(counted["elected"]) if counted else (),
            _minute(row, counted) if counted else "", _tally(counted) if counted else (),
            highest or 0, int(row.seed) if row.declared and row.seed.isdigit() else None,
        ))  # fmt: skip
    return found


def _tally(found: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    votes = found["stages"][0]["votes"] if found["stages"] else {}
    return tuple((name, str(votes.get(name, "0"))) for name in found["candidates"])


def ballot_papers(session: Session, organisation_id: int, ballot_id: int,
                  copies: int | None = None) -> BallotPapers:  # fmt: skip
    """The ballot paper, numbered so that the marks can be typed in, as many as the members
    who may vote on the day (or ``copies``)."""
    ballot = _ballot(session, organisation_id, ballot_id)
    if copies is not None and not 1 <= copies <= 100_000:
        raise UserError("Print between 1 and 100,000 ballot papers.")
    if copies is None:
        copies = max(1, turnout(session, organisation_id, ballot.held_on).eligible)
    return BallotPapers(
        letterhead=letterhead(session, organisation_id),
        title=ballot.title,
        style=APPROVAL if ballot.method == "approval" else RANKED,
        seats=ballot.places,
        candidates=tuple(
            f"{n}. {name}" for n, (_id, name) in enumerate(choices(session, ballot_id), start=1)
        ),
        ballot_date=ballot.held_on,
        copies=copies,
        noun="project",
    )


def ballot_papers_document(session: Session, actor: Actor, now: datetime,
                           options: ReportOptions = DEFAULT_OPTIONS) -> BallotPapers:  # fmt: skip
    """The catalogue's builder: ``--ballot N`` (see ``mutualdesk list project-ballots``)."""
    if options.ballot_id is None:
        raise UserError("Say which project ballot: give its number (see `mutualdesk list "
                        "project-ballots`).")  # fmt: skip
    assert actor.organisation_id is not None
    return ballot_papers(session, actor.organisation_id, options.ballot_id, options.copies)


def minute_items(session: Session, organisation_id: int) -> list[tuple[int, str]]:
    """Agenda items a result can be minuted in: those of meetings held whose minutes are
    not yet approved, newest meeting first: (item id, "dd/mm/yyyy meeting: item")."""
    rows = session.execute(
        select(AgendaItem.id, AgendaItem.title, Meeting.title, Meeting.held_on)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(Meeting.organisation_id == organisation_id,
               Meeting.status.in_((MeetingStatus.HELD, MeetingStatus.DRAFT)))
        .order_by(Meeting.held_on.desc(), Meeting.id.desc(), AgendaItem.position)
    ).all()  # fmt: skip
    return [(item_id, f"{held:%d/%m/%Y} {meeting}: {item}")
            for item_id, item, meeting, held in rows]  # fmt: skip
