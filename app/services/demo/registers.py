"""The demo's registers beside the cash book: money owed to the estate's association and
bills it owes, at last year's end and now, and the equipment it keeps."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.services.accounts.roles import Actor
from app.services.finance import registers
from app.services.finance.registers import EquipmentDetails, OwedDetails
from app.services.finance.setup import YearInfo


def demo_registers(
    session: Session,
    actor: Actor,
    last: YearInfo,
    this: YearInfo,
    today: date,
    funds: tuple[int, int],
) -> None:
    """Debtors and creditors (one of each owed at last year's end and paid since, one of
    each owed today), and five items of equipment, one disposed of. ``funds``: the
    general fund and the LMA's."""
    general, lma = funds
    settle_by = min(today, this.starts_on + timedelta(days=20))
    for side, party, what, pence, dated, due in (
        ("debtor", "Riverside Youth Football Club", "Hall hire, March", 180_00,
         last.ends_on - timedelta(days=20), last.ends_on + timedelta(days=10)),
        ("creditor", "A1 Drains", "Gully clearance, March (invoice 2231)", 240_00,
         last.ends_on - timedelta(days=12), last.ends_on + timedelta(days=18)),
    ):  # fmt: skip
        item = registers.save_owed(
            session, actor, OwedDetails(side, party, what, pence, dated, due), today=today
        )
        registers.settle_owed(session, actor, item, settle_by, today=today)
    recent = max(this.starts_on, today - timedelta(days=30))
    registers.save_owed(
        session,
        actor,
        OwedDetails("debtor", "St Mary's Nursery", "Hall hire, Tuesday mornings", 96_00, recent,
                    recent + timedelta(days=14), reference="HH-114"),
        today=today,
    )  # fmt: skip
    registers.save_owed(
        session,
        actor,
        OwedDetails("creditor", "Zurich Municipal", "Public liability insurance", 412_50,
                    recent, recent + timedelta(days=30), reference="ZM-88120"),
        today=today,
    )  # fmt: skip
    for what, bought, pence, where, fund in (
        ("Folding tables (ten)", date(2019, 6, 3), 320_00, "Community hall", general),
        ("Strimmer", date(2018, 5, 14), 189_00, "Estate store", lma),
        ("Ride-on mower (Hayter)", last.starts_on + timedelta(days=45), 2_350_00,
         "Estate store", lma),
        ("Office laptop", last.starts_on + timedelta(days=100), 549_00, "Community office",
         general),
        ("Defibrillator and wall cabinet", last.starts_on + timedelta(days=150), 1_195_00,
         "Outside the community hall", general),
    ):  # fmt: skip
        item = registers.save_equipment(
            session, actor, EquipmentDetails(what, bought, pence, where, fund), today=today
        )
        if what == "Strimmer":
            registers.dispose_equipment(
                session,
                actor,
                item,
                settle_by,
                "Broken beyond repair; taken to the tip",
                today=today,
            )
