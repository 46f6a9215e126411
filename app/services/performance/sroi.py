"""Social return on investment worksheets kept in the database: for a project or for a
year, each with its outcomes; worked out by ``sroi_sums``."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Project, SroiOutcome, SroiWorksheet
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.letterhead import letterhead
from app.services.common.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.common.reports import Letterhead
from app.services.common.validation import raise_if_any
from app.services.organisation.financial_year import financial_year
from app.services.performance.access import recorder_org
from app.services.performance.indicators import period_label
from app.services.performance.sroi_sums import TREASURY_RATE_BP, Outcome, Sroi, evaluate


def create(
    session: Session, actor: Actor, name: str, start_year: int, investment_pence: int,
    project_id: int | None = None, discount_bp: int = TREASURY_RATE_BP,
) -> int:  # fmt: skip
    """Start a worksheet; its id."""
    org_id = recorder_org(actor)
    title = " ".join(name.split())
    issues: list[Issue | None] = []
    if not title or len(title) > 120:
        issues.append(Issue("name", "Name the worksheet (at most 120 characters)."))
    elif session.scalar(select(SroiWorksheet.id).where(SroiWorksheet.organisation_id == org_id,
                                                       SroiWorksheet.name == title)):  # fmt: skip
        issues.append(Issue("name", f"There is already a worksheet called '{title}'."))
    if investment_pence <= 0:
        issues.append(Issue("investment", "Give what was invested: more than nothing."))
    if not 0 <= discount_bp <= 2000:
        issues.append(Issue("discount", "The discount rate is between 0% and 20%."))
    if project_id is not None:
        project = session.get(Project, project_id)
        if project is None or project.organisation_id != org_id:
            issues.append(Issue("project_id", "That project is not one of this organisation's."))
    raise_if_any(issues)
    row = SroiWorksheet(organisation_id=org_id, name=title, start_year=start_year,
                        project_id=project_id, investment_pence=investment_pence,
                        discount_basis_points=discount_bp)  # fmt: skip
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "sroi worksheet", row.id,
                 after={"name": title, "investment": investment_pence})  # fmt: skip
    return row.id


def _worksheet(session: Session, org_id: int, worksheet_id: int) -> SroiWorksheet:
    row = session.get(SroiWorksheet, worksheet_id)
    if row is None or row.organisation_id != org_id:
        raise UserError("That worksheet is not one of this organisation's.")
    return row


def add_outcome(session: Session, actor: Actor, worksheet_id: int, outcome: Outcome) -> int:
    """Add an outcome to the worksheet; its id."""
    org_id = recorder_org(actor)
    _worksheet(session, org_id, worksheet_id)
    issues: list[Issue | None] = []
    if not outcome.stakeholder.strip() or len(outcome.stakeholder) > 120:
        issues.append(Issue("stakeholder", "Name who the outcome is for (at most 120 "
                                           "characters)."))  # fmt: skip
    if not outcome.outcome.strip():
        issues.append(Issue("outcome", "Say what changed for them."))
    if outcome.quantity < 0 or outcome.proxy_pence < 0:
        issues.append(Issue("quantity", "The quantity and the proxy cannot be less than nothing."))
    if not 1 <= outcome.duration_years <= 50:
        issues.append(Issue("duration_years", "The outcome lasts 1 to 50 years."))
    for field in ("deadweight_bp", "attribution_bp", "displacement_bp", "drop_off_bp"):
        if not 0 <= getattr(outcome, field) <= 10_000:
            label = field.removesuffix("_bp").replace("_", "-")
            issues.append(Issue(field, f"The {label} is a share between 0% and 100%."))
    raise_if_any(issues)
    position = len(outcomes_of(session, worksheet_id)) + 1
    row = SroiOutcome(worksheet_id=worksheet_id, position=position, **asdict(outcome))
    session.add(row)
    session.flush()
    said = {"stakeholder": outcome.stakeholder, "outcome": outcome.outcome}
    audit.record(session, actor, "add outcome", "sroi worksheet", worksheet_id, after=said)
    return row.id


def outcomes_of(session: Session, worksheet_id: int) -> list[Outcome]:
    """The worksheet's outcomes, in order."""
    rows = session.scalars(
        select(SroiOutcome)
        .where(SroiOutcome.worksheet_id == worksheet_id)
        .order_by(SroiOutcome.position)
    )
    return [
        Outcome(
            r.stakeholder,
            r.outcome,
            r.indicator,
            r.quantity,
            r.proxy_pence,
            r.proxy_source,
            r.duration_years,
            r.deadweight_bp,
            r.attribution_bp,
            r.displacement_bp,
            r.drop_off_bp,
        )
        for r in rows
    ]


@dataclass(frozen=True)
class Worksheet:
    """A worksheet and its sums."""

    id: int
    name: str
    start_year: int
    project: str
    sums: Sroi


def worksheets(
    session: Session, organisation_id: int, start_year: int | None = None
) -> list[Worksheet]:
    """The organisation's worksheets (of one year, when given), worked out."""
    query = select(SroiWorksheet).where(SroiWorksheet.organisation_id == organisation_id)
    if start_year is not None:
        query = query.where(SroiWorksheet.start_year == start_year)
    found = []
    for row in session.scalars(query.order_by(SroiWorksheet.name)):
        project = session.get(Project, row.project_id) if row.project_id else None
        sums = evaluate(outcomes_of(session, row.id), row.investment_pence,
                        row.discount_basis_points)  # fmt: skip
        found.append(Worksheet(row.id, row.name, row.start_year,
                               project.name if project else "", sums))  # fmt: skip
    return found


@dataclass(frozen=True)
class SocialValueReport:
    """The year's worksheets, worked out, for the report."""

    letterhead: Letterhead
    generated: datetime
    start_year: int
    worksheets: tuple[Worksheet, ...]

    @property
    def title(self) -> str:
        """'Social value 2025/26'."""
        return f"Social value {period_label(self.start_year, 0)}"


def social_value_report(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> SocialValueReport:
    """The worksheets of the year starting in ``options.year`` (the last complete year)."""
    if actor.organisation_id is None:
        raise UserError("Sign in first.")
    org = actor.organisation_id
    year = financial_year(session, org, options.year, now.date()).start.year
    return SocialValueReport(letterhead(session, org), now, year,
                             tuple(worksheets(session, org, year)))  # fmt: skip
