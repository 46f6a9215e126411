"""Community projects: what the LMA's community share of the savings (or a grant) pays
for. A project has a budget, a fund, a lead, dates and a status; its spending is the
payments charged to it in the cash book; its results are kept in words and figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import Issue, PermissionDenied, UserError
from app.models import Entry, Fund, Project, ProjectResult
from app.models.states import EntryKind
from app.services.accounts import audit
from app.services.accounts.roles import Actor, Permission
from app.services.common.letterhead import letterhead
from app.services.common.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.common.reports import Letterhead
from app.services.common.validation import raise_if_any
from app.services.organisation.financial_year import financial_year
from app.services.performance.indicators import period_label

STATUSES = ("proposed", "agreed", "under way", "finished", "not going ahead")


def _org(actor: Actor) -> int:
    if not (actor.can(Permission.EDIT_PERFORMANCE) or actor.can(Permission.EDIT_FINANCE)):
        raise PermissionDenied(
            f"Your account ({actor.username}, {actor.role.value}) may not change community "
            "projects. Ask an administrator."
        )
    if actor.organisation_id is None:
        raise UserError("Sign in first.")
    return actor.organisation_id


@dataclass(frozen=True)
class ProjectDetails:
    """A project as typed."""

    name: str
    fund_id: int
    budget_pence: int
    lead: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    status: str = "proposed"
    description: str = ""


def _check(session: Session, org_id: int, details: ProjectDetails, project_id: int | None) -> None:
    issues: list[Issue | None] = []
    name = " ".join(details.name.split())
    if not name or len(name) > 120:
        issues.append(Issue("name", "Give the project a name (at most 120 characters)."))
    fund = session.get(Fund, details.fund_id)
    if fund is None or fund.organisation_id != org_id:
        issues.append(Issue("fund_id", "Choose the fund that pays for the project."))
    if details.budget_pence < 0:
        issues.append(Issue("budget_pence", "The budget cannot be less than nothing."))
    if len(details.lead) > 120:
        issues.append(Issue("lead", "The lead's name is too long (at most 120 characters)."))
    if details.status not in STATUSES:
        issues.append(Issue("status", f"Choose a status: {', '.join(STATUSES)}."))
    if details.starts_on and details.ends_on and details.ends_on < details.starts_on:
        issues.append(Issue("ends_on", "The project ends before it starts."))
    clash = session.scalar(
        select(Project.id).where(Project.organisation_id == org_id, Project.name == name)
    )
    if clash is not None and clash != project_id:
        issues.append(Issue("name", f"There is already a project called '{name}'."))
    raise_if_any(issues)


def _apply(row: Project, details: ProjectDetails) -> None:
    row.name, row.fund_id, row.budget_pence = " ".join(details.name.split()), details.fund_id, \
        details.budget_pence  # fmt: skip
    row.lead, row.starts_on, row.ends_on = details.lead.strip(), details.starts_on, details.ends_on
    row.status, row.description = details.status, details.description.strip()


def add_project(session: Session, actor: Actor, details: ProjectDetails) -> int:
    """Add a community project; its id."""
    org_id = _org(actor)
    _check(session, org_id, details, None)
    row = Project(organisation_id=org_id)
    _apply(row, details)
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "project", row.id,
                 after={"name": row.name, "budget": row.budget_pence})  # fmt: skip
    return row.id


def _project(session: Session, org_id: int, project_id: int) -> Project:
    row = session.get(Project, project_id)
    if row is None or row.organisation_id != org_id:
        raise UserError("That project is not one of this organisation's.")
    return row


def update_project(
    session: Session, actor: Actor, project_id: int, details: ProjectDetails
) -> None:
    """Change a project's details or status."""
    org_id = _org(actor)
    row = _project(session, org_id, project_id)
    _check(session, org_id, details, project_id)

    def seen() -> dict[str, object]:
        return {"status": row.status, "budget": row.budget_pence, "lead": row.lead}

    before = seen()
    _apply(row, details)
    audit.record(session, actor, "update", "project", row.id, before=before, after=seen())


def add_result(
    session: Session, actor: Actor, project_id: int, words: str, figure: int | None = None,
    unit: str = "",
) -> int:  # fmt: skip
    """Add one of a project's results ('32 children used the new playground each week')."""
    org_id = _org(actor)
    row = _project(session, org_id, project_id)
    text = " ".join(words.split())
    if not text or len(text) > 1000:
        raise UserError.from_issues([Issue("words", "Say what the project achieved "
                                                    "(at most 1,000 characters).")])  # fmt: skip
    if figure is not None and figure < 0:
        raise UserError.from_issues([Issue("figure", "The figure cannot be less than nothing.")])
    position = 1 + int(session.scalar(select(func.count()).select_from(ProjectResult)
                                      .where(ProjectResult.project_id == row.id)) or 0)  # fmt: skip
    result = ProjectResult(project_id=row.id, position=position, words=text, figure=figure,
                           unit=unit.strip()[:40])  # fmt: skip
    session.add(result)
    session.flush()
    audit.record(session, actor, "add result", "project", row.id, after={"result": text})
    return result.id


@dataclass(frozen=True)
class Payment:
    """A payment charged to a project (a reversal is negative)."""

    on: date
    details: str
    amount_pence: int


@dataclass(frozen=True)
class ProjectSummary:
    """A project with its spending and results."""

    id: int
    name: str
    lead: str
    starts_on: date | None
    ends_on: date | None
    status: str
    description: str
    budget_pence: int
    spent_pence: int  # all its payments so far
    payments: tuple[Payment, ...]
    results: tuple[tuple[str, int | None, str], ...]  # words, figure, unit

    @property
    def left_pence(self) -> int:
        """What is left of the budget."""
        return self.budget_pence - self.spent_pence


def summaries(
    session: Session, organisation_id: int, until: date | None = None
) -> list[ProjectSummary]:
    """Every project, its payments (up to ``until``) and its results, by name."""
    found = []
    projects = session.scalars(
        select(Project).where(Project.organisation_id == organisation_id).order_by(Project.name)
    ).all()
    for project in projects:
        query = (
            select(Entry.dated, Entry.description, Entry.amount_pence)
            .where(Entry.project_id == project.id, Entry.kind == EntryKind.PAYMENT)
            .order_by(Entry.dated, Entry.id)
        )
        if until is not None:
            query = query.where(Entry.dated <= until)
        payments = tuple(
            Payment(on, details, int(amount)) for on, details, amount in session.execute(query)
        )
        results = tuple(
            (r.words, r.figure, r.unit)
            for r in session.scalars(
                select(ProjectResult)
                .where(ProjectResult.project_id == project.id)
                .order_by(ProjectResult.position)
            )
        )
        found.append(ProjectSummary(
            project.id, project.name, project.lead, project.starts_on, project.ends_on,
            project.status, project.description, project.budget_pence,
            sum(p.amount_pence for p in payments), payments, results,
        ))  # fmt: skip
    return found


@dataclass(frozen=True)
class ProjectsReport:
    """The community projects as at the end of a financial year."""

    letterhead: Letterhead
    generated: datetime
    start_year: int
    until: date
    projects: tuple[ProjectSummary, ...]

    @property
    def title(self) -> str:
        """'Community projects 2025/26'."""
        return f"Community projects {period_label(self.start_year, 0)}"


def projects_report(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> ProjectsReport:
    """Every project with its spending up to the end of the year starting in
    ``options.year`` (or today, for a year still running)."""
    if actor.organisation_id is None:
        raise UserError("Sign in first.")
    org = actor.organisation_id
    year = financial_year(session, org, options.year, now.date())
    until = min(year.end, now.date())
    return ProjectsReport(letterhead(session, org), now, year.start.year, until,
                          tuple(summaries(session, org, until)))  # fmt: skip
