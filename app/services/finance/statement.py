"""The statement of assets and liabilities at a year's end, under the Charity
Commission's receipts-and-payments headings (CC16a): cash funds by account; other
monetary assets (debtors, the LMA allowance due and unpaid among them); investment
assets; assets retained for the organisation's own use (the equipment register, at
cost); liabilities (creditors); and members' share capital, shown apart from the funds.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.services.common.reports import uk_date
from app.services.finance import allowance, registers
from app.services.finance.report_types import StatementSection
from app.services.finance.setup import YearInfo


def _due(day: object) -> str:
    return f"due {uk_date(day)}" if day is not None else "no date due"  # type: ignore[arg-type]


def assets_and_liabilities(
    session: Session,
    organisation_id: int,
    year: YearInfo,
    cash: tuple[tuple[str, int], ...],
    share_capital_pence: int,
) -> tuple[StatementSection, ...]:
    """Every section of the statement at ``year``'s end."""
    end = year.ends_on
    debtors = [
        (d.party, f"{d.description}; {_due(d.due_on)}", d.amount_pence)
        for d in registers.list_owed(session, organisation_id, "debtor", outstanding_on=end)
    ]
    debtors += [
        (
            i.counterparty,
            f"{i.agreement}: allowance payment due {uk_date(i.due_on)}, not received by "
            f"{uk_date(end)}",
            i.owed_pence,
        )
        for i in allowance.owed_at(session, organisation_id, end)
    ]
    own_use = [
        (
            e.description,
            "; ".join(
                part
                for part in (f"bought {uk_date(e.bought_on)}", e.location, e.fund and f"{e.fund}")
                if part
            ),
            e.cost_pence,
        )
        for e in registers.list_equipment(session, organisation_id, held_on=end)
    ]
    creditors = [
        (c.party, f"{c.description}; {_due(c.due_on)}", c.amount_pence)
        for c in registers.list_owed(session, organisation_id, "creditor", outstanding_on=end)
    ]
    return (
        StatementSection(
            "cash",
            "Cash funds",
            tuple((name, "", pence) for name, pence in cash),
            "Total cash funds",
        ),
        StatementSection(
            "debtors",
            "Other monetary assets: money owed to the organisation",
            tuple(debtors),
            "Total owed to the organisation",
        ),
        StatementSection(
            "investments",
            "Investment assets",
            (),
            "Total investment assets",
            "None held",
        ),
        StatementSection(
            "own_use",
            "Assets retained for the organisation's own use (at cost)",
            tuple(own_use),
            "Total at cost",
        ),
        StatementSection(
            "creditors",
            "Liabilities: bills received and not yet paid",
            tuple(creditors),
            "Total liabilities",
        ),
        StatementSection(
            "share_capital",
            "Members' share capital (repayable to members, shown apart from the funds)",
            (
                (
                    "Paid up on members' shares",
                    f"the share ledger at {uk_date(end)}",
                    share_capital_pence,
                ),
            ),
            "Total members' share capital",
        ),
    )
