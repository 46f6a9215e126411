"""Members choosing which community projects go ahead, by the elections' counter: an
approval vote (each member marks every project they support; every mark counts) or a
ranked count (single transferable vote, ERS97 rules) for ``places`` projects. Papers
are typed in as the positions marked; the count is declared once, the chosen projects
become "agreed", the others "not going ahead", and the result is written into the
decisions of a meeting's agenda item (minuted)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Project, ProjectBallot, ProjectBallotChoice, ProjectBallotPaper
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.validation import raise_if_any
from app.services.counting import Result, count
from app.services.counting.blt import Election
from app.services.performance.access import recorder_org

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
    if number <= 0:
        issues.append(Issue("number", "Give the number printed on the paper."))
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
    session: Session, actor: Actor, ballot_id: int, seed: int, item_id: int | None = None
) -> Declared:
    """Count with ``seed`` (the count seen), store it, lock the ballot, mark the projects
    agreed or not going ahead, and minute the result in agenda item ``item_id``."""
    from app.services.meetings.minutes import save_text

    org_id = recorder_org(actor)
    ballot = _ballot(session, org_id, ballot_id)
    if ballot.declared:
        raise UserError(f"'{ballot.title}' was declared already.")
    result = count_ballot(session, org_id, ballot_id, seed)
    chosen = set(result.elected)
    for project_id, name in choices(session, ballot_id):
        project = session.get_one(Project, project_id)
        if project.status == "proposed":
            project.status = "agreed" if name in chosen else "not going ahead"
    ballot.declared, ballot.seed = True, str(result.seed)
    ballot.count_json = json.dumps(result.to_dict(), ensure_ascii=False)
    votes = result.stages[0].votes if result.stages else []
    tally = "; ".join(f"{name} {int(v):,}" for name, v in zip(result.candidates, votes,
                                                               strict=False))  # fmt: skip
    minute = (f"{ballot.title} ({METHODS[ballot.method].split(' (')[0].lower()}, "
              f"{result.valid_papers:,} valid papers): {tally}. Going ahead: "
              f"{', '.join(result.elected)}.")  # fmt: skip
    session.flush()
    if item_id is not None:
        save_text(session, actor, item_id, decisions=minute)
    audit.record(session, actor, "declare", "project ballot", ballot_id,
                 after={"chosen": sorted(chosen)})  # fmt: skip
    return Declared(tuple(result.elected), minute)
