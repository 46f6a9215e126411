"""SQLAlchemy models and the engine/session setup. No business rules here."""

from app.models.audit import AuditEntry
from app.models.base import Base
from app.models.board import BoardMembership, OfficerRole, SeatType
from app.models.election import Ballot, BallotBatch, Election, Nomination, RollEntry
from app.models.member import Member
from app.models.membership import MemberCategory, MemberConsent, MembershipPeriod, ShareTransaction
from app.models.organisation import Organisation
from app.models.user import User

__all__ = [
    "AuditEntry",
    "Ballot",
    "BallotBatch",
    "Base",
    "BoardMembership",
    "Election",
    "Member",
    "MemberCategory",
    "MemberConsent",
    "MembershipPeriod",
    "Nomination",
    "OfficerRole",
    "Organisation",
    "RollEntry",
    "SeatType",
    "ShareTransaction",
    "User",
]
