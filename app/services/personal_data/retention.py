"""Keeping former members' personal data no longer than needed, and erasing it when due.

The rule MutualDesk applies (UK GDPR Article 5(1)(e), storage limitation):

* A former member is **due** once they left more than the organisation's
  ``retention_years`` ago (Settings; 6 by default) and something erasable is
  still held about them. Current members and applicants are never touched.
* When due, the **personal extras** are erased: title, preferred name, date
  of birth, phone, mobile, household reference, interpreter language, notes,
  the large-print flag, and every consent row (what they agreed to, when and how).
* The **register details** are kept for longer, because the statutory register
  of members must show them: section 30(2) of the Co-operative and Community
  Benefit Societies Act 2014 lists the name and postal address, the electronic
  address notified for notices and what it was notified for, shares held and
  paid, other property held in the society, and the dates entered and ceased.
  The Act sets no period after which a former member's entry may go; MutualDesk
  keeps it for ``STATUTORY_REGISTER_YEARS`` (10) after they ceased, the period
  the Companies Act 2006 s.121 allows for companies. After that, the postal
  address, postcode, email, what the email was given for, and other property
  are erased too (so a member who left 7 years ago is due twice: extras now,
  register details at 10 years).
* **Always kept**: membership number, given and family names, category, the
  dates applied, admitted and left and the reason, who admitted them, every
  period of membership, and the share ledger. These are the bare record of
  who was a member and held which shares (the society's share capital and
  accounts depend on it); keeping a name is what lets the ledger and the
  minutes still make sense.
* The **audit trail is never rewritten**: each erasure adds one row saying
  *that* details were erased (which fields, under which rule), never the
  values. Older audit rows keep what they recorded when they were written
  (for example an address before a change); rewriting them would break the
  hash chain that makes the trail trustworthy.

Erasing is one unit of work (the caller's session): all the due members, or
none. A merged duplicate record of an erased member is erased with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import Member, MemberConsent
from app.services import organisation
from app.services.accounts import audit
from app.services.accounts.roles import Actor, Permission
from app.services.common.letterhead import letterhead
from app.services.common.report_options import DEFAULT_OPTIONS, ReportOptions
from app.services.common.reports import Column, ColumnKind, TableReport
from app.services.membership.members import refresh_search_text
from app.services.membership.records import find_member, require_editor

STATUTORY_REGISTER_YEARS = 10

# Erased once the organisation's retention period after leaving has passed.
PERSONAL_EXTRAS: dict[str, Any] = {
    "title": "",
    "preferred_name": "",
    "date_of_birth": None,
    "phone": "",
    "mobile": "",
    "household_ref": "",
    "interpreter_language": "",
    "notes": "",
    "large_print": False,
}
# On the statutory register: erased only STATUTORY_REGISTER_YEARS after leaving.
REGISTER_DETAILS: dict[str, Any] = {
    "address": "",
    "postcode": "",
    "email": "",
    "email_purpose": "",
    "other_property": "",
}
KEPT = (
    "membership_number",
    "given_name",
    "family_name",
    "category_id",
    "applied_on",
    "joined_on",
    "admitted_by",
    "left_on",
    "leaving_reason",
)


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def whole_years(start: date, end: date) -> int:
    """Complete years from ``start`` to ``end``: 01/02/2015 to 31/01/2026 is 10."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


@dataclass(frozen=True)
class DueMember:
    """A former member whose personal data is past its keeping date."""

    member_id: int
    membership_number: int
    name: str
    left_on: date
    years_since: int
    fields: tuple[str, ...]  # what erasing now would blank (and consents, if any)
    consents: int

    @property
    def what(self) -> str:
        """'contact details and extras' or '... and register address' for the report."""
        register = any(f in REGISTER_DETAILS for f in self.fields)
        return "Extras and register details" if register else "Personal extras"


def _erasable(row: Member, left_on: date, today: date) -> tuple[str, ...]:
    """The fields of ``row`` that hold something and may be erased on ``today``.

    ``left_on`` is the leaving date that decides (a merged duplicate goes by its kept record's).
    """
    blanks = dict(PERSONAL_EXTRAS)
    if left_on < years_before(today, STATUTORY_REGISTER_YEARS):
        blanks |= REGISTER_DETAILS
    return tuple(k for k, blank in blanks.items() if getattr(row, k) != blank)


def _consent_counts(session: Session, member_ids: list[int]) -> dict[int, int]:
    if not member_ids:
        return {}
    counts: dict[int, int] = {}
    for chunk in range(0, len(member_ids), 500):
        part = member_ids[chunk : chunk + 500]
        for member_id, n in session.execute(
            select(MemberConsent.member_id, func.count())
            .where(MemberConsent.member_id.in_(part))
            .group_by(MemberConsent.member_id)
        ):
            counts[member_id] = int(n)
    return counts


def _merged_into(session: Session, member_id: int) -> list[Member]:
    return list(session.scalars(select(Member).where(Member.merged_into_id == member_id)))


def due(session: Session, organisation_id: int, today: date) -> list[DueMember]:
    """Former members due for erasure on ``today``, by membership number."""
    years = organisation.get(session, organisation_id).retention_years
    cutoff = years_before(today, years)
    rows = list(
        session.scalars(
            select(Member)
            .where(
                Member.organisation_id == organisation_id,
                Member.merged_into_id.is_(None),
                Member.left_on.is_not(None),
                Member.left_on < cutoff,
            )
            .order_by(Member.membership_number)
        )
    )
    merged: dict[int, list[Member]] = {}
    for dup in session.scalars(
        select(Member).where(
            Member.organisation_id == organisation_id, Member.merged_into_id.is_not(None)
        )
    ):
        assert dup.merged_into_id is not None
        merged.setdefault(dup.merged_into_id, []).append(dup)
    everyone = [r.id for r in rows] + [d.id for ds in merged.values() for d in ds]
    consents = _consent_counts(session, everyone)
    found = []
    for row in rows:
        assert row.left_on is not None
        fields = _erasable(row, row.left_on, today)
        held_by_duplicates = any(
            consents.get(d.id, 0) or _erasable(d, row.left_on, today)
            for d in merged.get(row.id, [])
        )
        n = consents.get(row.id, 0)
        if fields or n or held_by_duplicates or row.erased_on is None:
            found.append(
                DueMember(
                    row.id,
                    row.membership_number,
                    f"{row.given_name} {row.family_name}",
                    row.left_on,
                    whole_years(row.left_on, today),
                    fields,
                    n,
                )
            )
    return found


def _blank(session: Session, row: Member, fields: tuple[str, ...], today: date) -> int:
    """Blank ``fields`` of ``row`` and delete its consents; the number of consents removed."""
    for key in fields:
        setattr(row, key, PERSONAL_EXTRAS.get(key, REGISTER_DETAILS.get(key)))
    removed = session.execute(delete(MemberConsent).where(MemberConsent.member_id == row.id))
    refresh_search_text(row)
    row.erased_on = today
    return int(getattr(removed, "rowcount", 0) or 0)


def _refusal(session: Session, row: Member, today: date) -> str | None:
    """Why ``row`` cannot be erased on ``today``, or None if it can."""
    number = row.membership_number
    if row.merged_into_id is not None:
        kept = session.get_one(Member, row.merged_into_id).membership_number
        return (
            f"Member number {number} was merged into member number {kept}; "
            f"erase {kept} and this record goes with it."
        )
    if row.left_on is None:
        who = "an applicant" if row.joined_on is None else "a current member"
        return f"Member number {number} is {who}: only former members' details are erased."
    years = organisation.get(session, row.organisation_id).retention_years
    cutoff = years_before(today, years)
    if row.left_on >= cutoff:
        return (
            f"Member number {number} left on {row.left_on:%d/%m/%Y}. Their details are kept "
            f"for {years} years after leaving, so cannot be erased before "
            f"{_after(years_before(row.left_on, -years)):%d/%m/%Y}."
        )
    return None


def _after(day: date) -> date:
    return date.fromordinal(day.toordinal() + 1)


def _erase(session: Session, actor: Actor, row: Member, today: date) -> DueMember | None:
    """Erase what is due of ``row`` and of records merged into it; None if nothing was held."""
    assert row.left_on is not None
    consents = _consent_counts(session, [row.id]).get(row.id, 0)
    fields = _erasable(row, row.left_on, today)
    duplicates = _merged_into(session, row.id)
    dup_consents = _consent_counts(session, [d.id for d in duplicates])
    nothing_held = not fields and not consents and not dup_consents
    if (
        nothing_held
        and row.erased_on is not None
        and not any(_erasable(d, row.left_on, today) for d in duplicates)
    ):
        return None
    years = organisation.get(session, row.organisation_id).retention_years
    removed = _blank(session, row, fields, today)
    merged_numbers = []
    for dup in duplicates:
        dup_fields = _erasable(dup, row.left_on, today)
        removed += _blank(session, dup, dup_fields, today)
        merged_numbers.append(dup.membership_number)
    register = any(f in REGISTER_DETAILS for f in fields)
    audit.record(
        session,
        actor,
        "erase personal data",
        "member",
        row.id,
        after={
            "fields": list(fields),
            "consents_removed": removed,
            "merged_records": merged_numbers,
            "rule": f"left {row.left_on:%d/%m/%Y}, more than {years} years ago"
            + (
                f"; register details after {STATUTORY_REGISTER_YEARS} years"
                if register
                else "; register details kept"
            ),
        },
    )
    return DueMember(
        row.id,
        row.membership_number,
        f"{row.given_name} {row.family_name}",
        row.left_on,
        whole_years(row.left_on, today),
        fields,
        removed,
    )


def erase_member(
    session: Session, actor: Actor, member_id: int, today: date | None = None
) -> DueMember:
    """Erase one former member's personal data, if due; a UserError says why not."""
    org_id = require_editor(actor)
    today = today or date.today()
    row = find_member(session, org_id, member_id)
    problem = _refusal(session, row, today)
    if problem:
        raise UserError(problem)
    done = _erase(session, actor, row, today)
    if done is None:
        assert row.erased_on is not None
        raise UserError(
            f"Member number {row.membership_number}'s details were already erased on "
            f"{row.erased_on:%d/%m/%Y}; nothing more is due yet."
        )
    return done


def erase_due(session: Session, actor: Actor, today: date | None = None) -> list[DueMember]:
    """Erase every due former member's personal data, in the caller's unit of work."""
    org_id = require_editor(actor)
    today = today or date.today()
    erased = []
    for item in due(session, org_id, today):
        row = session.get_one(Member, item.member_id)
        done = _erase(session, actor, row, today)
        if done is not None:
            erased.append(done)
    return erased


def due_report(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> TableReport:
    """Former members due for erasure: number, name, date left, years since, what goes."""

    actor.require(Permission.EDIT_MEMBERS)
    assert actor.organisation_id is not None
    today = options.on or now.date()
    years = organisation.get(session, actor.organisation_id).retention_years
    found = due(session, actor.organisation_id, today)
    return TableReport(
        title="Former members due for erasure",
        letterhead=letterhead(session, actor.organisation_id),
        generated=now,
        columns=(
            Column("No.", ColumnKind.IDENTIFIER, 0.6),
            Column("Name", width=2.2),
            Column("Date left", ColumnKind.DATE, 1),
            Column("Years since", ColumnKind.NUMBER, 0.8),
            Column("To erase", width=1.6),
        ),
        rows=tuple((d.membership_number, d.name, d.left_on, d.years_since, d.what) for d in found),
        subtitle=(
            f"Former members who left more than {years} years before {today:%d/%m/%Y} "
            f"and whose details are still held: {len(found):,}."
        ),
        notes=(
            f"Personal extras (title, preferred name, date of birth, phones, household, "
            f"interpreter, notes, large print, consents) are erased {years} years after "
            f"leaving (Settings). The register details (postal address, email notified for "
            f"notices, other property) are kept {STATUTORY_REGISTER_YEARS} years after leaving "
            "for the statutory register of members. Names, membership numbers, dates and the "
            "share ledger are always kept.",
            "To erase: `mutualdesk retention --erase --user NAME`.",
        ),
    )
