"""Subject access (UK GDPR Article 15): everything held about one member, in sections.

``build`` gathers the data (needs the members permission, since it is all
personal data); the renderers in ``app.reports`` write it as PDF, a workbook
with one sheet per section, or one JSON object. ``record_export`` writes the
audit row that says an export was produced, for whom and in which format.

What is included: the member's record (every field), their periods of
membership, consents with date and source, shares held and the ledger lines,
records merged into theirs, and every audit entry about them (or a record
merged into theirs), board seats and officer roles, nominations (as
candidate, proposer or seconder) and voter rolls (elector number and whether
a paper was issued). Meeting attendance, not recorded yet, appears as a
section that says so. Ballot contents are secret and never linked to a
member, so never appear.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import AuditEntry, Election, Member, Nomination
from app.services import board, elections
from app.services.accounts import audit
from app.services.accounts.roles import Actor, Permission
from app.services.common.letterhead import letterhead
from app.services.common.money import to_decimal
from app.services.common.reports import Cell, Column, ColumnKind
from app.services.common.sections import Section, SectionedReport
from app.services.meetings.personal import attendance_section
from app.services.membership import shares
from app.services.membership.members import CONSENT_KINDS, LEAVING_REASONS, MemberRecord, get_member

FORMATS = ("pdf", "xlsx", "json")


@dataclass(frozen=True)
class SubjectAccess:
    """The export for one member, and which member it is (for the audit row)."""

    member_id: int
    membership_number: int
    report: SectionedReport


_FIELDS: tuple[tuple[str, str], ...] = (
    ("membership_number", "Membership number"),
    ("title", "Title"),
    ("given_name", "First name"),
    ("family_name", "Last name"),
    ("preferred_name", "Preferred name"),
    ("date_of_birth", "Date of birth"),
    ("address", "Address"),
    ("postcode", "Postcode"),
    ("email", "Email"),
    ("email_purpose", "Email given for"),
    ("phone", "Phone"),
    ("mobile", "Mobile"),
    ("category", "Category"),
    ("status", "Status"),
    ("household_ref", "Household reference"),
    ("applied_on", "Date applied"),
    ("joined_on", "Date admitted"),
    ("admitted_by", "Admitted by"),
    ("left_on", "Date left"),
    ("leaving_reason", "Reason for leaving"),
    ("large_print", "Large print"),
    ("interpreter_language", "Interpreter language"),
    ("other_property", "Other property in the society"),
    ("notes", "Notes"),
    ("merged_into", "Merged into member number"),
    ("erased_on", "Details erased on"),
    ("created_at", "Record created"),
)


def _find(session: Session, organisation_id: int, number: int) -> Member:
    member = session.scalars(
        select(Member).where(
            Member.organisation_id == organisation_id, Member.membership_number == number
        )
    ).first()
    if member is None:
        raise UserError(f"There is no member number {number} on the register.")
    if member.merged_into_id is not None:
        kept = session.get_one(Member, member.merged_into_id).membership_number
        raise UserError(
            f"Member number {number} was merged into member number {kept}. Produce the "
            f"subject access export for member {kept}: it includes this record."
        )
    return member


def _value(record: MemberRecord, row: Member, key: str, merged_into: int | None) -> Cell:
    if key == "category":
        return record.category
    if key == "status":
        return record.status.capitalize()
    if key == "leaving_reason":
        return LEAVING_REASONS.get(record.leaving_reason, record.leaving_reason) or None
    if key == "large_print":
        return "Yes" if record.large_print else "No"
    if key == "merged_into":
        return merged_into
    if key == "created_at":
        return row.created_at
    value = getattr(record, key)
    return value if value != "" else None


def _record(session: Session, record: MemberRecord, row: Member) -> Section:
    merged_into = (
        session.get_one(Member, record.merged_into_id).membership_number
        if record.merged_into_id
        else None
    )
    return Section(
        "record",
        "The member's record",
        (Column("Field", width=1.2), Column("Value", width=3)),
        ("field", "value"),
        tuple((label, _value(record, row, key, merged_into)) for key, label in _FIELDS),
        row_keys=tuple(key for key, _label in _FIELDS),
        note="A blank value means nothing is held.",
    )


def _periods(record: MemberRecord) -> Section:
    return Section(
        "periods",
        "Periods of membership",
        (
            Column("Joined", ColumnKind.DATE),
            Column("Left", ColumnKind.DATE),
            Column("Reason for leaving", width=2),
        ),
        ("joined_on", "left_on", "leaving_reason"),
        tuple(
            (joined, left, LEAVING_REASONS.get(reason, reason) or None)
            for joined, left, reason in record.periods
        ),
    )


def _consents(record: MemberRecord) -> Section:
    return Section(
        "consents",
        "Consents and preferences",
        (
            Column("About", width=1.6),
            Column("Answer", width=0.8),
            Column("Recorded on", ColumnKind.DATE),
            Column("How it was given", width=1.6),
        ),
        ("kind", "given", "recorded_on", "source"),
        tuple(
            (
                CONSENT_KINDS.get(kind, kind),
                "Agreed" if consent.given else "Declined",
                consent.recorded_on,
                consent.source or None,
            )
            for kind, consent in sorted(record.consents.items())
        ),
    )


def _holding(session: Session, member_id: int) -> Section:
    held = shares.holding(session, member_id)
    return Section(
        "holding",
        "Shares held",
        (Column("Shares held", ColumnKind.NUMBER), Column("Amount paid", ColumnKind.MONEY)),
        ("shares", "paid_gbp"),
        ((held.shares, held.paid),),
    )


def _ledger(session: Session, organisation_id: int, member_ids: list[int]) -> Section:
    lines = [
        line
        for member_id in member_ids
        for line in shares.ledger(session, organisation_id, member_id)
    ]
    lines.sort(key=lambda line: line.number)
    return Section(
        "share_ledger",
        "Share ledger",
        (
            Column("Ledger no.", ColumnKind.IDENTIFIER, 0.7),
            Column("Date", ColumnKind.DATE, 0.9),
            Column("What", width=1.2),
            Column("Member no.", ColumnKind.IDENTIFIER, 0.7),
            Column("Shares", ColumnKind.NUMBER, 0.6),
            Column("Amount", ColumnKind.MONEY, 0.8),
            Column("Other member no.", ColumnKind.IDENTIFIER, 0.8),
            Column("Note", width=1.6),
        ),
        (
            "number",
            "on",
            "kind",
            "membership_number",
            "shares",
            "amount_gbp",
            "other_member_number",
            "note",
        ),
        tuple(
            (
                line.number,
                line.on,
                shares.KINDS.get(line.kind, line.kind),
                line.membership_number,
                line.shares,
                to_decimal(line.amount_pence),
                line.other_member_number,
                line.note or None,
            )
            for line in lines
        ),
    )


def _merged(duplicates: list[Member]) -> Section:
    return Section(
        "merged_records",
        "Merged duplicate records",
        (
            Column("Member no.", ColumnKind.IDENTIFIER, 0.7),
            Column("Name", width=1.4),
            Column("Address", width=2),
            Column("Email", width=1.4),
            Column("Phones", width=1.1),
            Column("Date of birth", ColumnKind.DATE, 0.9),
            Column("Notes", width=1.4),
        ),
        ("membership_number", "name", "address", "email", "phones", "date_of_birth", "notes"),
        tuple(
            (
                d.membership_number,
                " ".join(p for p in (d.title, d.given_name, d.family_name) if p),
                ", ".join([*d.address.splitlines(), d.postcode]).strip(", ") or None,
                d.email or None,
                ", ".join(p for p in (d.phone, d.mobile) if p) or None,
                d.date_of_birth,
                d.notes or None,
            )
            for d in duplicates
        ),
        empty="No other record was merged into this one.",
    )


def _board_roles(session: Session, member_ids: list[int]) -> Section:

    seats = [s for m in member_ids for s in board.seats_of_member(session, m)]
    offices = [o for m in member_ids for o in board.officer_roles_of_member(session, m)]
    rows: list[tuple[Cell, ...]] = [
        (
            f"Board seat: {s.seat_type}",
            board.FILLED_BY[s.how].split(" or ")[0],
            s.started_on,
            s.ended_on,
            board.ENDED_REASONS.get(s.ended_reason, s.ended_reason) or None,
        )
        for s in seats
    ]
    rows += [(board.OFFICES[o.office], None, o.started_on, o.ended_on, None) for o in offices]
    return Section(
        "board_roles",
        "Board seats and officer roles",
        (
            Column("Seat or office", width=1.8),
            Column("How", width=1),
            Column("From", ColumnKind.DATE),
            Column("To", ColumnKind.DATE),
            Column("Why it ended", width=1.2),
        ),
        ("role", "how", "from", "to", "ended_reason"),
        tuple(rows),
        empty="This member has held no board seats or offices.",
    )


def _nominations(session: Session, member_ids: list[int]) -> Section:

    rows: list[tuple[Cell, ...]] = []
    for role, column in (
        ("Candidate", Nomination.candidate_id),
        ("Proposer", Nomination.proposer_id),
        ("Seconder", Nomination.seconder_id),
    ):
        for title, on, withdrawn, elected, statement in session.execute(
            select(
                Election.title,
                Nomination.nominated_on,
                Nomination.withdrawn_on,
                Nomination.elected,
                Nomination.statement,
            )
            .join(Election, Election.id == Nomination.election_id)
            .where(column.in_(member_ids))
        ):
            rows.append(
                (
                    title,
                    role,
                    on,
                    withdrawn,
                    ("Elected" if elected else None) if role == "Candidate" else None,
                    (statement or None) if role == "Candidate" else None,
                )
            )
    return Section(
        "nominations",
        "Nominations in elections",
        (
            Column("Election", width=1.6),
            Column("As", width=0.8),
            Column("Nominated on", ColumnKind.DATE),
            Column("Withdrew on", ColumnKind.DATE),
            Column("Result", width=0.7),
            Column("Candidate's statement", width=2),
        ),
        ("election", "as", "nominated_on", "withdrawn_on", "result", "statement"),
        tuple(rows),
        empty="This member has not been nominated, nor proposed or seconded anyone.",
    )


def _voter_rolls(session: Session, member_ids: list[int]) -> Section:

    rows = tuple(
        (title, ballot_on, number, issued or "not issued")
        for m in member_ids
        for title, ballot_on, number, issued in elections.rolls_of_member(session, m)
    )
    return Section(
        "voter_rolls",
        "Voter rolls",
        (
            Column("Election", width=1.8),
            Column("Ballot date", ColumnKind.DATE),
            Column("Elector no.", ColumnKind.IDENTIFIER, 0.7),
            Column("Ballot paper", width=1),
        ),
        ("election", "ballot_on", "elector_number", "paper"),
        rows,
        empty="This member has not been on a voter roll (no ballot is linked to a member).",
        note="How anyone voted is secret: no record links a member to a ballot's contents, so "
        "only whether a paper was issued (and how) is held.",
    )


def _plain(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(text for text in (_plain(v) for v in value) if text)
    if isinstance(value, dict):
        return ", ".join(f"{k} {_plain(v)}" for k, v in value.items())
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return ", ".join(part for part in str(value).splitlines() if part.strip())


def readable(text: str) -> str:
    """An audit row's JSON as one 'field: value' line per field (as written if not JSON)."""
    if not text:
        return ""
    try:
        data = json.loads(text)
    except ValueError:
        return text
    if not isinstance(data, dict):
        return _plain(data)
    return "\n".join(f"{key.replace('_', ' ')}: {_plain(value)}" for key, value in data.items())


def _audit(session: Session, member_ids: list[int]) -> Section:
    entries = session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.entity == "member", AuditEntry.entity_id.in_([str(i) for i in member_ids])
        )
        .order_by(AuditEntry.id)
    )
    return Section(
        "audit",
        "Audit trail entries",
        (
            Column("Entry", ColumnKind.IDENTIFIER, 0.5),
            Column("When (UTC)", width=1.2),
            Column("Who", width=0.8),
            Column("Action", width=0.9),
            Column("Before", width=2),
            Column("After", width=2),
        ),
        ("id", "at", "username", "action", "before", "after"),
        tuple(
            (
                e.id,
                datetime.fromisoformat(e.at).strftime("%d/%m/%Y %H:%M:%S"),
                e.username,
                e.action,
                readable(e.before) or None,
                readable(e.after) or None,
            )
            for e in entries
        ),
        empty="No audit trail entry is about this member.",
        note="Each change to the record is logged with what it was before and after. "
        "These entries cannot be changed or removed: the trail is chained so that any "
        "tampering shows.",
    )


def build(session: Session, actor: Actor, membership_number: int, now: datetime) -> SubjectAccess:
    """Everything held about the member numbered ``membership_number``."""

    actor.require(Permission.EDIT_MEMBERS)
    org_id = actor.organisation_id
    assert org_id is not None
    row = _find(session, org_id, membership_number)
    record = get_member(session, org_id, row.id)
    duplicates = list(
        session.scalars(
            select(Member).where(Member.merged_into_id == row.id).order_by(Member.membership_number)
        )
    )
    ids = [row.id, *(d.id for d in duplicates)]
    sections = (
        _record(session, record, row),
        _periods(record),
        _consents(record),
        _holding(session, row.id),
        _ledger(session, org_id, ids),
        _merged(duplicates),
        _board_roles(session, ids),
        _nominations(session, ids),
        attendance_section(session, ids),
        _voter_rolls(session, ids),
        _audit(session, ids),
    )
    head = letterhead(session, org_id)
    number = row.membership_number
    introduction = (
        f"Everything {head.organisation} holds about {record.display_name} "
        f"(membership number {number}) in MutualDesk, produced on {now:%d/%m/%Y} in answer "
        "to a subject access request under Article 15 of the UK GDPR. Dates are "
        "day/month/year; audit times are UTC."
    )
    report = SectionedReport(f"Subject access: member {number}", head, now, introduction, sections)
    return SubjectAccess(row.id, number, report)


def check_format(file_format: str) -> str:
    """'pdf', 'xlsx' or 'json'; a UserError for anything else."""
    wanted = file_format.lower().lstrip(".")
    if wanted not in FORMATS:
        shown = f"'.{wanted}'" if wanted else "no extension"
        raise UserError(
            f"A subject access export can be a .pdf, .xlsx or .json file, not {shown}. "
            "End the file name with one of those."
        )
    return wanted


def record_export(session: Session, actor: Actor, export: SubjectAccess, file_format: str) -> None:
    """The audit row saying this export was produced (who, for whom, which format)."""
    actor.require(Permission.EDIT_MEMBERS)
    audit.record(
        session,
        actor,
        "subject access",
        "member",
        export.member_id,
        after={
            "membership_number": export.membership_number,
            "format": check_format(file_format),
            "sections": [s.key for s in export.report.sections],
        },
    )
