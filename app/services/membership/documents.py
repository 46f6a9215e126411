"""The data for member documents: address labels, letters from a template, share certificates."""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import date, datetime
from xml.sax.saxutils import escape

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import Member
from app.services import organisation
from app.services.accounts.roles import Actor, Permission
from app.services.common.letterhead import letterhead
from app.services.common.money import to_decimal
from app.services.common.report_options import DEFAULT_OPTIONS, MemberFilter, ReportOptions
from app.services.common.reports import uk_date
from app.services.membership.label_sheets import check_start, sheet
from app.services.membership.member_rows import MemberRow, member_query, member_rows
from app.services.membership.member_status import MemberStatus
from app.services.membership.report_types import (
    Label,
    LabelRun,
    Letter,
    LetterRun,
    ShareCertificate,
)


def _current_by_default(flt: MemberFilter) -> MemberFilter:
    if flt.status is None and flt.eligible_on is None:
        return MemberFilter(flt.category, MemberStatus.CURRENT, None, flt.needs_address)
    return flt


def labels(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> LabelRun:
    """Address labels: current members with an address unless the filter says otherwise."""
    actor.require(Permission.EDIT_MEMBERS)
    assert actor.organisation_id is not None
    layout = sheet(options.label)
    check_start(layout, options.start)
    if options.test_sheet:
        return LabelRun(layout, (), options.start, test_sheet=True)
    base = _current_by_default(options.members)
    flt = MemberFilter(base.category, base.status, base.eligible_on, needs_address=True)
    found = tuple(
        Label((row.name, *row.address_lines), options.large_print_labels and row.large_print)
        for row in member_rows(session, actor.organisation_id, flt)
    )
    if not found:
        raise UserError("No member matches, so there are no labels to print.")
    return LabelRun(layout, found, options.start)


FIELDS: dict[str, str] = {
    "title": "the member's title (Ms, Mr, Dr...)",
    "given_name": "first name",
    "family_name": "last name",
    "name": "title and full name",
    "address": "postal address, postcode last, one line each",
    "postcode": "postcode",
    "membership_number": "membership number",
    "category": "membership category",
    "shares": "shares held",
    "date": "today's date (dd/mm/yyyy)",
    "organisation": "the organisation's name",
}


def template_fields(template: str, extra: Mapping[str, str] | None = None) -> list[str]:
    """The fields a template uses; a UserError for any we do not know or a broken brace.

    ``extra`` names fields a kind of letter adds (a meeting notice's {when}) and says
    what each holds."""
    known_fields = {**FIELDS, **(extra or {})}
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise UserError(
            f"The template has a stray {{ or }} ({exc}). Write fields as {{given_name}}, "
            "and a brace on its own as {{ or }}."
        ) from None
    used = [name for _text, name, _spec, _conv in parsed if name is not None]
    for name in used:
        if name not in known_fields:
            known = ", ".join(f"{{{f}}}" for f in known_fields)
            shown = f"{{{name}}}" if name else "{}"
            raise UserError(
                f"The template uses the field {shown}, which MutualDesk does not know. "
                f"Fields you can use: {known}."
            )
    return used


def fill(
    template: str,
    row: MemberRow,
    organisation_name: str,
    on: date,
    extra: Mapping[str, str] | None = None,
) -> str:
    """The template with the member's details (and any ``extra`` values) in place, as
    Platypus markup (escaped)."""
    values = {
        **(extra or {}),
        "title": row.title,
        "given_name": row.given_name,
        "family_name": row.family_name,
        "name": row.name,
        "address": "\n".join(row.address_lines),
        "postcode": row.postcode,
        "membership_number": str(row.membership_number),
        "category": row.category,
        "shares": str(row.shares),
        "date": uk_date(on),
        "organisation": organisation_name,
    }
    parts = []
    for text, name, _spec, _conv in string.Formatter().parse(template):
        parts.append(escape(text))
        if name is not None:
            parts.append(escape(values[name]))
    return "".join(parts)


def letters(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> LetterRun:
    """One letter per member (current members unless the filter says otherwise)."""

    actor.require(Permission.EDIT_MEMBERS)
    assert actor.organisation_id is not None
    if not options.template or not options.template.strip():
        raise UserError("Choose a letter template: a text file with fields such as {given_name}.")
    template_fields(options.template)
    head = letterhead(session, actor.organisation_id)
    on = options.on or now.date()
    found = tuple(
        Letter(fill(options.template, row, head.organisation, on), row.large_print)
        for row in member_rows(session, actor.organisation_id, _current_by_default(options.members))
    )
    if not found:
        raise UserError("No member matches, so there are no letters to print.")
    return LetterRun(head, found)


def certificate(
    session: Session, actor: Actor, now: datetime, options: ReportOptions = DEFAULT_OPTIONS
) -> ShareCertificate:
    """The share certificate of the member numbered ``options.member_number``."""
    actor.require(Permission.EDIT_MEMBERS)
    org_id = actor.organisation_id
    assert org_id is not None
    number = options.member_number
    if number is None:
        raise UserError("Say whose certificate to print: give a membership number.")
    member = session.scalars(
        select(Member).where(Member.organisation_id == org_id, Member.membership_number == number)
    ).first()
    if member is None:
        raise UserError(f"There is no member number {number} on the register.")
    if member.merged_into_id is not None:
        raise UserError(f"Member number {number} was merged into another record.")
    row = _one_row(session, org_id, member.id)
    if row.shares <= 0:
        raise UserError(
            f"Member number {number} ({row.name}) holds no shares, so has no share certificate."
        )
    org = organisation.get(session, org_id)
    return ShareCertificate(
        organisation=org.name,
        legal_form=org.legal_form,
        registration_number=org.registration_number,
        organisation_address=", ".join(
            p for p in (*org.address.splitlines(), org.postcode) if p.strip()
        ),
        logo=org.logo_png,
        membership_number=row.membership_number,
        name=row.name,
        address_lines=row.address_lines,
        shares=row.shares,
        paid=to_decimal(row.paid_pence),
        share_value=to_decimal(org.share_value_pence),
        on=options.on or now.date(),
    )


def _one_row(session: Session, organisation_id: int, member_id: int) -> MemberRow:

    query = member_query(session, organisation_id).where(Member.id == member_id)
    return MemberRow(*session.execute(query).one())
