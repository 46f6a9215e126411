"""The registers beside the cash book as tables (printed or exported): money owed to
the organisation (its debtors, the LMA allowance due and unpaid among them), bills to
pay (its creditors) and the equipment kept for its own use."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.services.accounts.roles import Actor
from app.services.common.letterhead import letterhead
from app.services.common.money import to_decimal
from app.services.common.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.common.reports import Column, ColumnKind, TableReport
from app.services.finance import allowance, registers

OWED_COLUMNS = (
    Column("Who", width=1.4),
    Column("What", width=2.0),
    Column("Dated", ColumnKind.DATE, 0.8),
    Column("Due", ColumnKind.DATE, 0.8),
    Column("Amount", ColumnKind.MONEY, 0.9, total=True),
    Column("Reference", width=0.8),
    Column("Where it stands", width=1.3),
)


def _owed_table(
    session: Session, actor: Actor, now: datetime, side: str, title: str, subtitle: str
) -> TableReport:
    assert actor.organisation_id is not None
    today = now.date()
    rows = [
        (
            o.party, o.description, o.dated, o.due_on, to_decimal(o.amount_pence), o.reference,
            o.standing(today),
        )
        for o in registers.list_owed(session, actor.organisation_id, side)
    ]  # fmt: skip
    if side == "debtor":
        rows += [
            (
                i.counterparty, f"{i.agreement}: allowance payment", i.due_on, i.due_on,
                to_decimal(i.owed_pence), "", i.words(),
            )
            for i in allowance.owed_at(session, actor.organisation_id, today)
        ]  # fmt: skip
    return TableReport(
        title,
        letterhead(session, actor.organisation_id),
        now,
        OWED_COLUMNS,
        tuple(rows),
        subtitle=subtitle,
        landscape=True,
    )


def debtors_table(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """Money owed to the organisation: what was raised, paid or still owed."""
    return _owed_table(
        session, actor, now, "debtor", "Money owed to us (debtors)",
        "Each sum owed to the organisation, and each LMA allowance payment due and not "
        "received in full; the amount column adds up what is listed, paid or not.",
    )  # fmt: skip


def creditors_table(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """Bills received: when due, and whether paid."""
    return _owed_table(
        session, actor, now, "creditor", "Bills to pay (creditors)",
        "Each bill the organisation received, when it is due and whether it was paid.",
    )  # fmt: skip


EQUIPMENT_COLUMNS = (
    Column("Item", width=2.0),
    Column("Bought", ColumnKind.DATE, 0.8),
    Column("Cost", ColumnKind.MONEY, 0.9, total=True),
    Column("Where it is", width=1.4),
    Column("Paid from", width=1.2),
    Column("Disposed of", ColumnKind.DATE, 0.8),
    Column("Notes", width=1.4),
)


def equipment_table(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """The equipment and furniture register, at cost."""
    assert actor.organisation_id is not None
    return TableReport(
        "Equipment and furniture register",
        letterhead(session, actor.organisation_id),
        now,
        EQUIPMENT_COLUMNS,
        tuple(
            (
                e.description,
                e.bought_on,
                to_decimal(e.cost_pence),
                e.location,
                e.fund,
                e.disposed_on,
                e.disposal_note,
            )
            for e in registers.list_equipment(session, actor.organisation_id)
        ),
        subtitle="What the organisation owns for its own use, at what it cost; the accounts "
        "list what was held at the year's end.",
        landscape=True,
    )
