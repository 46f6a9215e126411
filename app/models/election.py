"""Elections: nominations, the frozen voter roll, and secret ballots.

Secrecy is in the schema: ``ballots`` and ``ballot_batches`` have no column
that refers (directly or through other tables) to a member, and no time of
entry; a ballot names candidates by their place on the ballot paper, not by
a foreign key. A unit test walks the foreign keys to keep it so.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, OrgOwned


class Election(OrgOwned, Base):
    """A board election or a resolution ballot, from draft to declared."""

    __tablename__ = "elections"
    __table_args__ = (
        CheckConstraint("kind IN ('board', 'resolution')", name="kind"),
        CheckConstraint("method IN ('plurality', 'ers97', 'scottish', 'meek')", name="method"),
        CheckConstraint(
            "state IN ('draft', 'nominations', 'ballot', 'counting', 'declared')", name="state"
        ),
        CheckConstraint("seats BETWEEN 1 AND 100", name="seats_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    method: Mapped[str] = mapped_column(String(20), nullable=False)
    seats: Mapped[int] = mapped_column(nullable=False)
    seat_type_id: Mapped[int | None] = mapped_column(
        ForeignKey("seat_types.id", ondelete="RESTRICT"), nullable=True
    )
    resolution_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    special_resolution: Mapped[bool] = mapped_column(nullable=False, default=False)
    nominations_open: Mapped[date | None] = mapped_column(nullable=True)
    nominations_close: Mapped[date | None] = mapped_column(nullable=True)
    roll_cutoff: Mapped[date] = mapped_column(nullable=False)
    ballot_on: Mapped[date] = mapped_column(nullable=False)
    returning_officer_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT"), nullable=True
    )
    state: Mapped[str] = mapped_column(String(20), nullable=False, default="draft")
    roll_frozen: Mapped[bool] = mapped_column(nullable=False, default=False)
    count_json: Mapped[str] = mapped_column(Text, nullable=False, default="")
    count_seed: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    declared_at: Mapped[datetime | None] = mapped_column(nullable=True)
    seats_filled: Mapped[bool] = mapped_column(nullable=False, default=False)


class Nomination(Base):
    """A candidate, their proposer and seconder, and the candidate's statement.

    ``ballot_position`` (1, 2, ...) is given when the ballot opens; ballots
    name candidates by it. ``elected`` is set by the declaration.
    """

    __tablename__ = "nominations"
    __table_args__ = (
        UniqueConstraint("election_id", "candidate_id", name="uq_nominations_candidate"),
        UniqueConstraint("election_id", "ballot_position", name="uq_nominations_position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(
        ForeignKey("elections.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="RESTRICT"), nullable=False
    )
    proposer_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="RESTRICT"), nullable=False
    )
    seconder_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="RESTRICT"), nullable=False
    )
    nominated_on: Mapped[date] = mapped_column(nullable=False)
    statement: Mapped[str] = mapped_column(Text, nullable=False, default="")
    withdrawn_on: Mapped[date | None] = mapped_column(nullable=True)
    ballot_position: Mapped[int | None] = mapped_column(nullable=True)
    elected: Mapped[bool] = mapped_column(nullable=False, default=False)


class RollEntry(Base):
    """One elector on an election's frozen roll, and how their paper was issued (if it was)."""

    __tablename__ = "roll_entries"
    __table_args__ = (
        UniqueConstraint("election_id", "member_id", name="uq_roll_entries_member"),
        UniqueConstraint("election_id", "elector_number", name="uq_roll_entries_number"),
        CheckConstraint("issued IN ('', 'in_person', 'postal', 'proxy')", name="issued"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(
        ForeignKey("elections.id", ondelete="RESTRICT"), nullable=False
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    elector_number: Mapped[int] = mapped_column(nullable=False)
    issued: Mapped[str] = mapped_column(String(20), nullable=False, default="")


class BallotBatch(Base):
    """A bundle of paper ballots, entered twice (tellers 1 and 2), accepted when both agree."""

    __tablename__ = "ballot_batches"
    __table_args__ = (UniqueConstraint("election_id", "number", name="uq_ballot_batches_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(
        ForeignKey("elections.id", ondelete="RESTRICT"), nullable=False
    )
    number: Mapped[int] = mapped_column(nullable=False)
    teller_1_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT"), nullable=True
    )
    teller_2_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT"), nullable=True
    )
    accepted: Mapped[bool] = mapped_column(nullable=False, default=False)


class Ballot(Base):
    """One paper as one teller entered it: no member, no time.

    ``marks`` is the candidates' ballot positions separated by spaces (in
    preference order for a ranking, ascending for X marks), or 'for',
    'against' or 'abstain' for a resolution; a spoilt paper has empty marks
    and a ``spoilt_reason``.
    """

    __tablename__ = "ballots"
    __table_args__ = (
        UniqueConstraint("batch_id", "teller", "sequence", name="uq_ballots_sequence"),
        CheckConstraint("teller IN (1, 2)", name="teller"),
        CheckConstraint("sequence >= 1", name="sequence_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("ballot_batches.id", ondelete="RESTRICT"), nullable=False
    )
    teller: Mapped[int] = mapped_column(nullable=False)
    sequence: Mapped[int] = mapped_column(nullable=False)
    marks: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    spoilt_reason: Mapped[str] = mapped_column(String(120), nullable=False, default="")
