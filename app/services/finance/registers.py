"""The small registers beside the cash book that the statement of assets and
liabilities needs: debtors (money owed to the organisation), creditors (bills received
and not yet paid) and the equipment and furniture kept for its own use.

A closed year's statement must print again unchanged, so nothing dated in a closed
year can be added or changed, and a payment or disposal is dated after the last
closed year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import EquipmentItem, Fund, OwedItem
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.money import format_pence
from app.services.common.reports import uk_date
from app.services.common.validation import raise_if_any, required_issue
from app.services.finance.common import closed_until, finance_org

SIDES: dict[str, str] = {"debtor": "Owed to us", "creditor": "Bills to pay"}
MOST_PENCE = 100_000_000_00  # £100 million: anything more is a typing slip


# -- what is owed --------------------------------------------------------------------------------
@dataclass(frozen=True)
class OwedDetails:
    """What the form holds for a debtor or a creditor."""

    side: str  # 'debtor' or 'creditor'
    party: str  # who owes it, or whom it is owed to
    description: str
    amount_pence: int
    dated: date  # invoiced, or the bill received
    due_on: date | None = None
    reference: str = ""


@dataclass(frozen=True)
class OwedInfo(OwedDetails):
    id: int = 0
    settled_on: date | None = None

    def outstanding_on(self, day: date) -> bool:
        """Owed at the end of ``day``: raised by then and not yet paid."""
        return self.dated <= day and (self.settled_on is None or self.settled_on > day)

    def standing(self, today: date) -> str:
        """'Paid 03/05/2026', 'Due 01/06/2026', 'Overdue since 01/04/2026', 'Owed'."""
        if self.settled_on is not None:
            return f"Paid {uk_date(self.settled_on)}"
        if self.due_on is None:
            return "Owed"
        if self.due_on < today:
            return f"Overdue since {uk_date(self.due_on)}"
        return f"Due {uk_date(self.due_on)}"


def _owed(row: OwedItem) -> OwedInfo:
    return OwedInfo(
        row.side, row.party, row.description, row.amount_pence, row.dated, row.due_on,
        row.reference, row.id, row.settled_on,
    )  # fmt: skip


def list_owed(
    session: Session, organisation_id: int, side: str, *, outstanding_on: date | None = None
) -> list[OwedInfo]:
    """Debtors or creditors, oldest first (only those owed at ``outstanding_on``)."""
    query = select(OwedItem).where(
        OwedItem.organisation_id == organisation_id, OwedItem.side == side
    )
    if outstanding_on is not None:
        query = query.where(
            OwedItem.dated <= outstanding_on,
            or_(OwedItem.settled_on.is_(None), OwedItem.settled_on > outstanding_on),
        )
    return [_owed(r) for r in session.scalars(query.order_by(OwedItem.dated, OwedItem.id))]


def _closed_issue(field: str, day: date | None, closed: date | None) -> Issue | None:
    if day is not None and closed is not None and day <= closed:
        return Issue(
            field,
            f"{uk_date(day)} is in a closed financial year (closed up to {uk_date(closed)}): "
            "its statement cannot change. Use a later date.",
        )
    return None


def _amount_issue(field: str, pence: int, *, zero_ok: bool = False) -> Issue | None:
    if pence < 0 or (pence == 0 and not zero_ok):
        return Issue(field, "The amount must be more than £0.00.")
    if pence > MOST_PENCE:
        return Issue(field, f"The amount must be at most {format_pence(MOST_PENCE)}.")
    return None


def _future_issue(field: str, day: date | None, what: str, today: date | None) -> Issue | None:
    if day is not None and day > (today or date.today()):
        return Issue(field, f"The {what} is in the future.")
    return None


def save_owed(
    session: Session,
    actor: Actor,
    details: OwedDetails,
    item_id: int | None = None,
    *,
    today: date | None = None,
) -> int:
    """Add a debtor or creditor, or correct one not yet paid; its id."""
    org_id = finance_org(actor)
    d = details
    closed = closed_until(session, org_id)
    issues: list[Issue | None] = [
        None if d.side in SIDES else Issue("side", "Choose money owed to us or a bill to pay."),
        required_issue("party", d.party, "who it is", max_length=120),
        required_issue("description", d.description, "description", max_length=200),
        _amount_issue("amount", d.amount_pence),
        _future_issue("dated", d.dated, "date", today),
        _closed_issue("dated", d.dated, closed),
    ]
    if d.due_on is not None and d.due_on < d.dated:
        issues.append(Issue("due_on", "The date it is due cannot be before the date raised."))
    if len(d.reference.strip()) > 60:
        issues.append(Issue("reference", "This is too long: at most 60 characters."))
    row = OwedItem(organisation_id=org_id, side=d.side) if item_id is None else None
    if item_id is not None:
        row = _owed_row(session, org_id, item_id)
        if row.settled_on is not None:
            raise UserError(f"This was paid on {uk_date(row.settled_on)}: it can no longer change.")
        issues.append(_closed_issue("dated", row.dated, closed))
        if row.side != d.side:
            issues.append(Issue("side", "A debtor cannot become a creditor: add a new one."))
    raise_if_any(issues)
    assert row is not None
    row.party, row.description = d.party.strip(), d.description.strip()
    row.amount_pence, row.dated, row.due_on = d.amount_pence, d.dated, d.due_on
    row.reference = d.reference.strip()
    session.add(row)
    session.flush()
    audit.record(
        session, actor, "save", d.side, row.id,
        after={"party": row.party, "amount": format_pence(row.amount_pence)},
    )  # fmt: skip
    return row.id


def _owed_row(session: Session, org_id: int, item_id: int) -> OwedItem:
    row = session.get(OwedItem, item_id)
    if row is None or row.organisation_id != org_id:
        raise UserError("That debtor or creditor is not in this organisation's books.")
    return row


def settle_owed(
    session: Session, actor: Actor, item_id: int, on: date, *, today: date | None = None
) -> None:
    """Mark a debtor or creditor as paid on ``on``."""
    org_id = finance_org(actor)
    row = _owed_row(session, org_id, item_id)
    if row.settled_on is not None:
        raise UserError(f"This was already marked paid on {uk_date(row.settled_on)}.")
    issues = [
        _future_issue("on", on, "date paid", today),
        _closed_issue("on", on, closed_until(session, org_id)),
        None if on >= row.dated else Issue("on", "It cannot be paid before it was raised."),
    ]
    raise_if_any(issues)
    row.settled_on = on
    session.flush()
    audit.record(session, actor, "paid", row.side, row.id, after={"on": on.isoformat()})


# -- equipment -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class EquipmentDetails:
    """What the form holds for an item of equipment or furniture."""

    description: str
    bought_on: date
    cost_pence: int
    location: str = ""
    fund_id: int | None = None  # the fund that paid for it


@dataclass(frozen=True)
class EquipmentInfo(EquipmentDetails):
    id: int = 0
    fund: str = ""
    disposed_on: date | None = None
    disposal_note: str = ""

    def held_on(self, day: date) -> bool:
        return self.bought_on <= day and (self.disposed_on is None or self.disposed_on > day)

    def standing(self) -> str:
        if self.disposed_on is None:
            return "In use"
        note = f": {self.disposal_note}" if self.disposal_note else ""
        return f"Disposed of {uk_date(self.disposed_on)}{note}"


def list_equipment(
    session: Session, organisation_id: int, *, held_on: date | None = None
) -> list[EquipmentInfo]:
    """The equipment register, oldest purchase first (only what was held at ``held_on``)."""
    query = (
        select(EquipmentItem, Fund.name)
        .outerjoin(Fund, Fund.id == EquipmentItem.fund_id)
        .where(EquipmentItem.organisation_id == organisation_id)
    )
    if held_on is not None:
        query = query.where(
            EquipmentItem.bought_on <= held_on,
            or_(EquipmentItem.disposed_on.is_(None), EquipmentItem.disposed_on > held_on),
        )
    return [
        EquipmentInfo(
            r.description,
            r.bought_on,
            r.cost_pence,
            r.location,
            r.fund_id,
            r.id,
            fund or "",
            r.disposed_on,
            r.disposal_note,
        )
        for r, fund in session.execute(query.order_by(EquipmentItem.bought_on, EquipmentItem.id))
    ]


def _equipment_row(session: Session, org_id: int, item_id: int) -> EquipmentItem:
    row = session.get(EquipmentItem, item_id)
    if row is None or row.organisation_id != org_id:
        raise UserError("That item is not in this organisation's equipment register.")
    return row


def save_equipment(
    session: Session,
    actor: Actor,
    details: EquipmentDetails,
    item_id: int | None = None,
    *,
    today: date | None = None,
) -> int:
    """Add an item to the register, or correct one still in use; its id."""
    org_id = finance_org(actor)
    d = details
    closed = closed_until(session, org_id)
    issues: list[Issue | None] = [
        required_issue("description", d.description, "description", max_length=200),
        _amount_issue("cost", d.cost_pence, zero_ok=True),
        _future_issue("bought_on", d.bought_on, "date bought", today),
        _closed_issue("bought_on", d.bought_on, closed),
    ]
    if len(d.location.strip()) > 120:
        issues.append(Issue("location", "This is too long: at most 120 characters."))
    if d.fund_id is not None:
        fund = session.get(Fund, d.fund_id)
        if fund is None or fund.organisation_id != org_id:
            issues.append(Issue("fund_id", "That fund is not set up in this organisation."))
    row = EquipmentItem(organisation_id=org_id) if item_id is None else None
    if item_id is not None:
        row = _equipment_row(session, org_id, item_id)
        if row.disposed_on is not None:
            raise UserError("This item was disposed of: it can no longer change.")
        issues.append(_closed_issue("bought_on", row.bought_on, closed))
    raise_if_any(issues)
    assert row is not None
    row.description, row.location = d.description.strip(), d.location.strip()
    row.bought_on, row.cost_pence, row.fund_id = d.bought_on, d.cost_pence, d.fund_id
    session.add(row)
    session.flush()
    audit.record(
        session, actor, "save", "equipment", row.id,
        after={"description": row.description, "cost": format_pence(row.cost_pence)},
    )  # fmt: skip
    return row.id


def dispose_equipment(
    session: Session,
    actor: Actor,
    item_id: int,
    on: date,
    note: str = "",
    *,
    today: date | None = None,
) -> None:
    """Record that an item was sold, scrapped or given away on ``on``."""
    org_id = finance_org(actor)
    row = _equipment_row(session, org_id, item_id)
    if row.disposed_on is not None:
        raise UserError(f"This item was already disposed of on {uk_date(row.disposed_on)}.")
    issues = [
        _future_issue("on", on, "date", today),
        _closed_issue("on", on, closed_until(session, org_id)),
        None if on >= row.bought_on else Issue("on", "It cannot go before it was bought."),
        None if len(note.strip()) <= 200 else Issue("note", "At most 200 characters."),
    ]
    raise_if_any(issues)
    row.disposed_on, row.disposal_note = on, note.strip()
    session.flush()
    audit.record(session, actor, "dispose", "equipment", row.id, after={"on": on.isoformat()})
