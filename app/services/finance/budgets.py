"""Budgets: a line per category (and service line) for a year, phased by month; set
evenly, by quarter or by hand; copied from last year with an uplift."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import BudgetAmount, BudgetLine, FinanceCategory, ServiceLine
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.money import format_pence, split_evenly
from app.services.finance.common import finance_org, year_label, year_row

PHASINGS = {
    "evenly": "the same each month",
    "quarterly": "a quarter of the year each quarter, spread over its three months",
}


@dataclass(frozen=True)
class BudgetLineInfo:
    id: int
    year_id: int
    category_id: int
    category: str
    direction: str
    service_id: int | None
    service: str
    months: tuple[int, ...]  # 12 amounts in pence, the year's first month first
    note: str

    @property
    def total(self) -> int:
        return sum(self.months)


def phase(annual_pence: int, phasing: str) -> list[int]:
    """A year's figure spread over 12 months, adding up exactly."""
    if phasing == "evenly":
        return split_evenly(annual_pence, 12)
    if phasing == "quarterly":
        # Each quarter's share spread over its three months, the odd pence in the third.
        out: list[int] = []
        for pence in split_evenly(annual_pence, 4):
            month = int(pence / 3)  # toward nothing, for a negative figure too
            out += [month, month, pence - 2 * month]
        return out
    raise UserError.from_issues([Issue("phasing", "Phase the budget evenly or by quarter.")])


def uplifted(pence: int, uplift_bp: int) -> int:
    """``pence`` (not negative) raised by ``uplift_bp`` (250 = 2.5%), half a penny up."""
    return (pence * (10_000 + uplift_bp) * 2 + 10_000) // 20_000


def budget_lines(session: Session, organisation_id: int, year_id: int) -> list[BudgetLineInfo]:
    """The year's budget: receipts first, then payments, each by service then category."""
    rows = session.execute(
        select(BudgetLine, FinanceCategory, ServiceLine)
        .join(FinanceCategory, FinanceCategory.id == BudgetLine.category_id)
        .outerjoin(ServiceLine, ServiceLine.id == BudgetLine.service_id)
        .where(BudgetLine.organisation_id == organisation_id, BudgetLine.year_id == year_id)
        .order_by(FinanceCategory.direction.desc(), ServiceLine.id, FinanceCategory.id)
    ).all()
    amounts: dict[int, list[int]] = {line.id: [0] * 12 for line, _c, _s in rows}
    for a in session.scalars(select(BudgetAmount).where(BudgetAmount.line_id.in_(list(amounts)))):
        amounts[a.line_id][a.month - 1] = a.amount_pence
    return [
        BudgetLineInfo(
            line.id,
            line.year_id,
            category.id,
            category.name,
            category.direction,
            line.service_id,
            service.name if service else "",
            tuple(amounts[line.id]),
            line.note,
        )
        for line, category, service in rows
    ]


def set_budget_line(
    session: Session,
    actor: Actor,
    *,
    year_id: int,
    category_id: int,
    months: list[int],
    service_id: int | None = None,
    note: str = "",
) -> int:
    """Set (or replace) the budget for one category and service line; its id."""
    org_id = finance_org(actor)
    year = year_row(session, org_id, year_id)
    if year.closed_on is not None:
        raise UserError(
            f"{year_label(year.starts_on, year.ends_on)} is closed: its budget is locked."
        )
    if len(months) != 12:
        raise UserError.from_issues(
            [Issue("months", "A budget needs an amount for each of 12 months.")]
        )
    if any(m < 0 for m in months):
        raise UserError.from_issues(
            [
                Issue(
                    "months",
                    "A budget amount cannot be less than £0.00: budget receipts and "
                    "payments on their own lines.",
                )
            ]
        )
    category = session.get(FinanceCategory, category_id)
    if category is None or category.organisation_id != org_id:
        raise UserError.from_issues([Issue("category_id", "Choose a category.")])
    if service_id is not None and session.get(ServiceLine, service_id) is None:
        raise UserError.from_issues([Issue("service_id", "Choose a service line.")])
    line = session.scalar(
        select(BudgetLine).where(
            BudgetLine.year_id == year_id,
            BudgetLine.category_id == category_id,
            BudgetLine.service_id.is_(None)
            if service_id is None
            else BudgetLine.service_id == service_id,
        )
    )
    before = None
    if line is None:
        line = BudgetLine(
            organisation_id=org_id, year_id=year_id, category_id=category_id, service_id=service_id
        )
        session.add(line)
        session.flush()
    else:
        before = format_pence(
            sum(
                session.scalars(
                    select(BudgetAmount.amount_pence).where(BudgetAmount.line_id == line.id)
                )
            )
        )
        session.execute(delete(BudgetAmount).where(BudgetAmount.line_id == line.id))
    line.note = note.strip()[:200]
    session.add_all(
        BudgetAmount(line_id=line.id, month=m, amount_pence=p) for m, p in enumerate(months, 1)
    )
    session.flush()
    audit.record(
        session,
        actor,
        "budget",
        "budget_line",
        line.id,
        before=None if before is None else {"total": before},
        after={"category": category.name, "total": format_pence(sum(months))},
    )
    return line.id


def copy_budget(
    session: Session, actor: Actor, *, from_year_id: int, to_year_id: int, uplift_bp: int = 0
) -> int:
    """Copy one year's budget into another, every month raised by ``uplift_bp`` (250 =
    2.5%, rounded to the penny); how many lines. Refused if the target has a budget."""
    org_id = finance_org(actor)
    if from_year_id == to_year_id:
        raise UserError("Choose two different years.")
    if not -5000 <= uplift_bp <= 10_000:
        raise UserError.from_issues([Issue("uplift", "The uplift must be between -50% and 100%.")])
    if budget_lines(session, org_id, to_year_id):
        target = year_row(session, org_id, to_year_id)
        raise UserError(
            f"{year_label(target.starts_on, target.ends_on)} already has a budget: change its "
            "lines instead of copying over them."
        )
    lines = budget_lines(session, org_id, from_year_id)
    if not lines:
        raise UserError("There is no budget in that year to copy.")
    for line in lines:
        raised = [uplifted(p, uplift_bp) for p in line.months]
        set_budget_line(
            session,
            actor,
            year_id=to_year_id,
            category_id=line.category_id,
            service_id=line.service_id,
            months=raised,
            note=line.note,
        )
    return len(lines)
