"""SQLAlchemy models and the engine/session setup. No business rules here.

Every model is loaded when first asked for (PEP 562): the register's and the users'
together, the first time any of them is (so ``app.models.states`` loads without
SQLAlchemy, for the first window); the board, election, meeting and finance models each
when asked for. `load_all()` loads every model (migrations and schema checks need all).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.models.audit import AuditEntry
    from app.models.base import Base
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
    from app.models.member import Member
    from app.models.membership import (
        MemberCategory,
        MemberConsent,
        MembershipPeriod,
        ShareTransaction,
    )
    from app.models.organisation import Organisation
    from app.models.performance import (
        Activity,
        ActivitySession,
        AnnualReportWords,
        Indicator,
        IndicatorFigure,
        ProjectBallot,
        ProjectBallotChoice,
        ProjectBallotPaper,
        ProjectResult,
        ReachCount,
        SroiOutcome,
        SroiWorksheet,
        Survey,
        SurveyAnswer,
        SurveyQuestion,
        SurveyReturn,
    )
    from app.models.user import User, UserRole

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
        name: "performance"
        for name in (
            "Activity",
            "ActivitySession",
            "AnnualReportWords",
            "Indicator",
            "IndicatorFigure",
            "ProjectBallot",
            "ProjectBallotChoice",
            "ProjectBallotPaper",
            "ProjectResult",
            "ReachCount",
            "SroiOutcome",
            "SroiWorksheet",
            "Survey",
            "SurveyAnswer",
            "SurveyQuestion",
            "SurveyReturn",
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


_CORE = {
    "AuditEntry": "audit",
    "Base": "base",
    "Member": "member",
    **{
        name: "membership"
        for name in ("MemberCategory", "MemberConsent", "MembershipPeriod", "ShareTransaction")
    },
    "Organisation": "organisation",
    "User": "user",
    "UserRole": "user",
}


def __getattr__(name: str) -> Any:
    if name in _CORE:
        for core in sorted(set(_CORE.values())):  # related to one another: loaded together
            importlib.import_module(f"app.models.{core}")
        return getattr(importlib.import_module(f"app.models.{_CORE[name]}"), name)
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module 'app.models' has no attribute '{name}'")
    return getattr(importlib.import_module(f"app.models.{module}"), name)


def load_all() -> type[Base]:
    """Load every model, so that ``Base.metadata`` holds every table; returns ``Base``."""
    for module in sorted(set(_CORE.values()) | set(_LATER.values())):
        importlib.import_module(f"app.models.{module}")
    from app.models.base import Base

    return Base


__all__ = [
    "Action",
    "Activity",
    "ActivitySession",
    "Addendum",
    "AgendaItem",
    "Agreement",
    "AllowanceMatch",
    "AnnualReportWords",
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
    "Indicator",
    "IndicatorFigure",
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
    "ProjectBallot",
    "ProjectBallotChoice",
    "ProjectBallotPaper",
    "ProjectResult",
    "ReachCount",
    "Reconciliation",
    "RollEntry",
    "SeatType",
    "ServiceLine",
    "ShareMoney",
    "ShareTransaction",
    "SroiOutcome",
    "SroiWorksheet",
    "Survey",
    "SurveyAnswer",
    "SurveyQuestion",
    "SurveyReturn",
    "User",
    "UserRole",
    "load_all",
]
