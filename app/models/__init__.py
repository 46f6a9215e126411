"""SQLAlchemy models and the engine/session setup. No business rules here.

The board, election, meeting and finance models are loaded when first asked for (PEP 562), so
that start-up, which needs only the register and the users, does not pay for
them; `load_all()` loads every model (migrations and schema checks need all).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from app.models.audit import AuditEntry
from app.models.base import Base
from app.models.member import Member
from app.models.membership import MemberCategory, MemberConsent, MembershipPeriod, ShareTransaction
from app.models.organisation import Organisation
from app.models.user import User, UserRole

if TYPE_CHECKING:
    from app.models.board import BoardMembership, OfficerRole, SeatType
    from app.models.books import AllowanceMatch, EquipmentItem, OwedItem, ShareMoney
    from app.models.election import Ballot, BallotBatch, Election, Nomination, RollEntry
    from app.models.federation import CentreReturn
    from app.models.finance import (
        Agreement,
        BudgetAmount,
        BudgetLine,
        Entry,
        FinanceCategory,
        FinancialYear,
        Fund,
        MoneyAccount,
        Project,
        Reconciliation,
        ServiceLine,
    )
    from app.models.meeting import (
        Action,
        Addendum,
        AgendaItem,
        Attendance,
        Interest,
        Meeting,
        MeetingBody,
        Motion,
    )

_LATER = {
    "BoardMembership": "board",
    "OfficerRole": "board",
    "SeatType": "board",
    **{name: "books" for name in ("AllowanceMatch", "EquipmentItem", "OwedItem", "ShareMoney")},
    "CentreReturn": "federation",
    "Ballot": "election",
    "BallotBatch": "election",
    "Election": "election",
    "Nomination": "election",
    "RollEntry": "election",
    **{
        name: "finance"
        for name in (
            "Agreement",
            "BudgetAmount",
            "BudgetLine",
            "Entry",
            "FinanceCategory",
            "FinancialYear",
            "Fund",
            "MoneyAccount",
            "Project",
            "Reconciliation",
            "ServiceLine",
        )
    },
    **{
        name: "meeting"
        for name in (
            "Action",
            "Addendum",
            "AgendaItem",
            "Attendance",
            "Interest",
            "Meeting",
            "MeetingBody",
            "Motion",
        )
    },
}


def __getattr__(name: str) -> Any:
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module 'app.models' has no attribute '{name}'")
    return getattr(importlib.import_module(f"app.models.{module}"), name)


def load_all() -> type[Base]:
    """Load every model, so that ``Base.metadata`` holds every table; returns ``Base``."""
    for module in sorted(set(_LATER.values())):
        importlib.import_module(f"app.models.{module}")
    return Base


__all__ = [
    "Action",
    "Addendum",
    "AgendaItem",
    "Agreement",
    "AllowanceMatch",
    "Attendance",
    "AuditEntry",
    "Ballot",
    "BallotBatch",
    "Base",
    "BoardMembership",
    "BudgetAmount",
    "BudgetLine",
    "CentreReturn",
    "Election",
    "Entry",
    "EquipmentItem",
    "FinanceCategory",
    "FinancialYear",
    "Fund",
    "Interest",
    "Meeting",
    "MeetingBody",
    "Member",
    "MemberCategory",
    "MemberConsent",
    "MembershipPeriod",
    "MoneyAccount",
    "Motion",
    "Nomination",
    "OfficerRole",
    "Organisation",
    "OwedItem",
    "Project",
    "Reconciliation",
    "RollEntry",
    "SeatType",
    "ServiceLine",
    "ShareMoney",
    "ShareTransaction",
    "User",
    "UserRole",
    "load_all",
]
