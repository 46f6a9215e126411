"""Local Management Agreements: the counterparty, the services covered and their share
of the annual allowance, the payment schedule (which gives the receipts to expect),
the community's share of savings and the monitoring period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Agreement, BudgetLine, Entry, ServiceLine
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.money import format_pence, split_evenly
from app.services.common.reports import uk_date
from app.services.common.validation import raise_if_any, required_issue
from app.services.finance.common import SCHEDULES, finance_org
from app.services.finance.setup import YearInfo, fund_row


@dataclass(frozen=True)
class ServiceInfo:
    id: int
    name: str
    annual_allowance_pence: int


@dataclass(frozen=True)
class AgreementDetails:
    """What the agreement form holds; ``services`` are (name, annual allowance in pence)."""

    name: str
    counterparty: str
    starts_on: date
    fund_id: int
    services: tuple[tuple[str, int], ...]
    ends_on: date | None = None
    schedule: str = "quarterly"
    community_share_bp: int = 5000
    monitoring_months: int = 3


@dataclass(frozen=True)
class AgreementInfo:
    id: int
    name: str
    counterparty: str
    starts_on: date
    ends_on: date | None
    schedule: str
    community_share_bp: int
    monitoring_months: int
    fund_id: int
    services: tuple[ServiceInfo, ...]

    @property
    def annual_allowance_pence(self) -> int:
        return sum(s.annual_allowance_pence for s in self.services)

    @property
    def share_text(self) -> str:
        """'50%' or '33.33%'."""
        whole, part = divmod(self.community_share_bp, 100)
        return f"{whole}%" if not part else f"{whole}.{part:02d}%"

    def in_force(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def in_force_during(self, start: date, end: date) -> bool:
        """True if the agreement ran on any day from ``start`` to ``end``."""
        return self.starts_on <= end and (self.ends_on is None or self.ends_on >= start)


def _info(session: Session, row: Agreement) -> AgreementInfo:
    services = tuple(
        ServiceInfo(s.id, s.name, s.annual_allowance_pence)
        for s in session.scalars(
            select(ServiceLine).where(ServiceLine.agreement_id == row.id).order_by(ServiceLine.id)
        )
    )
    return AgreementInfo(
        row.id,
        row.name,
        row.counterparty,
        row.starts_on,
        row.ends_on,
        row.schedule,
        row.community_share_bp,
        row.monitoring_months,
        row.fund_id,
        services,
    )


def list_agreements(session: Session, organisation_id: int) -> list[AgreementInfo]:
    rows = session.scalars(
        select(Agreement)
        .where(Agreement.organisation_id == organisation_id)
        .order_by(Agreement.starts_on, Agreement.id)
    )
    return [_info(session, r) for r in rows]


def get_agreement(session: Session, organisation_id: int, agreement_id: int) -> AgreementInfo:
    row = session.get(Agreement, agreement_id)
    if row is None or row.organisation_id != organisation_id:
        raise UserError("That agreement is not set up in this organisation.")
    return _info(session, row)


def _issues(d: AgreementDetails) -> list[Issue | None]:
    issues: list[Issue | None] = [
        required_issue("name", d.name, "agreement's name", max_length=120),
        required_issue("counterparty", d.counterparty, "council or landlord", max_length=120),
    ]
    if d.ends_on is not None and d.ends_on <= d.starts_on:
        issues.append(Issue("ends_on", "The agreement must end after it starts."))
    if d.schedule not in SCHEDULES:
        issues.append(Issue("schedule", "Choose monthly, quarterly or annual payments."))
    if not 0 <= d.community_share_bp <= 10_000:
        issues.append(Issue("community_share_bp", "The community's share is 0% to 100%."))
    if d.monitoring_months not in (1, 3, 6, 12):
        issues.append(
            Issue("monitoring_months", "Monitoring is monthly, quarterly, half-yearly or yearly.")
        )
    names = [n.strip() for n, _p in d.services]
    if not names:
        issues.append(Issue("services", "List the services the agreement covers."))
    elif any(not n for n in names) or len(set(map(str.casefold, names))) != len(names):
        issues.append(Issue("services", "Each service needs its own name."))
    elif any(p < 0 for _n, p in d.services):
        issues.append(Issue("services", "A service's allowance cannot be less than £0.00."))
    return issues


def save_agreement(
    session: Session, actor: Actor, details: AgreementDetails, agreement_id: int | None = None
) -> int:
    """Add or change an agreement and its services; its id. A service already used in
    the cash book or a budget keeps its place (its name and allowance may change)."""
    org_id = finance_org(actor)
    d = details
    raise_if_any(_issues(d))
    fund_row(session, org_id, d.fund_id)
    clash = session.scalar(
        select(Agreement.id).where(
            Agreement.organisation_id == org_id,
            Agreement.name == d.name.strip(),
            Agreement.id != (agreement_id or 0),
        )
    )
    if clash is not None:
        raise UserError.from_issues([Issue("name", "Another agreement already has that name.")])
    if agreement_id:
        row = session.get(Agreement, agreement_id)
        if row is None or row.organisation_id != org_id:
            raise UserError("That agreement is not set up in this organisation.")
    else:
        row = Agreement(organisation_id=org_id)
    row.name, row.counterparty = d.name.strip(), d.counterparty.strip()
    row.starts_on, row.ends_on, row.schedule = d.starts_on, d.ends_on, d.schedule
    row.community_share_bp, row.monitoring_months = d.community_share_bp, d.monitoring_months
    row.fund_id = d.fund_id
    session.add(row)
    session.flush()
    existing = {
        s.name.casefold(): s
        for s in session.scalars(select(ServiceLine).where(ServiceLine.agreement_id == row.id))
    }
    wanted = {name.strip().casefold(): (name.strip(), pence) for name, pence in d.services}
    for key, service in existing.items():
        if key not in wanted and _service_used(session, service.id):
            raise UserError.from_issues(
                [
                    Issue(
                        "services",
                        f"'{service.name}' has entries or a budget, so it cannot be taken off "
                        "the agreement.",
                    )
                ]
            )
        if key not in wanted:
            session.delete(service)
    for key, (name, pence) in wanted.items():
        service = existing.get(key) or ServiceLine(agreement_id=row.id)
        service.name, service.annual_allowance_pence = name, pence
        session.add(service)
    session.flush()
    info = _info(session, row)
    audit.record(
        session,
        actor,
        "save",
        "agreement",
        row.id,
        after={
            "name": info.name,
            "allowance": format_pence(info.annual_allowance_pence),
            "services": [s.name for s in info.services],
            "community_share": info.share_text,
        },
    )
    return row.id


def _service_used(session: Session, service_id: int) -> bool:
    return (
        session.scalar(select(Entry.id).where(Entry.service_id == service_id).limit(1)) is not None
        or session.scalar(select(BudgetLine.id).where(BudgetLine.service_id == service_id).limit(1))
        is not None
    )


def _add_months(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, 1) if day.day == 1 else date(year, month + 1, min(day.day, 28))


@dataclass(frozen=True)
class Expected:
    """A payment of the allowance the schedule says to expect."""

    due_on: date
    amount_pence: int

    def __str__(self) -> str:
        return f"{uk_date(self.due_on)}: {format_pence(self.amount_pence)}"


def expected_receipts(agreement: AgreementInfo, year: YearInfo) -> list[Expected]:
    """The allowance payments due in ``year``: the annual allowance split exactly over the
    schedule's payments; those falling outside the agreement's dates are not expected."""
    parts = SCHEDULES[agreement.schedule]
    amounts = split_evenly(agreement.annual_allowance_pence, parts)
    step = 12 // parts
    due = [_add_months(year.starts_on, step * i) for i in range(parts)]
    return [
        Expected(day, pence)
        for day, pence in zip(due, amounts, strict=True)
        if agreement.in_force(day)
    ]
