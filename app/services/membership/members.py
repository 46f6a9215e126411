"""Members: add, change, leave and re-join, each one unit of work with an audit row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from app.errors import ChangedMeanwhile, Issue, UserError
from app.models import AuditEntry, Member, MemberCategory, MemberConsent, MembershipPeriod
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.contact import email_issue, normalise_email, normalise_phone, phone_issue
from app.services.common.names import display_name
from app.services.common.validation import (
    normalise_postcode,
    postcode_issue,
    raise_if_any,
    required_issue,
)
from app.services.membership.duplicates import duplicate_warnings
from app.services.membership.member_search import search_text
from app.services.membership.member_status import status_of
from app.services.membership.records import Consent as Consent  # re-exported
from app.services.membership.records import MemberDetails as MemberDetails  # re-exported
from app.services.membership.records import find_member, require_editor
from app.storage.numbering import hold_numbers

LEAVING_REASONS: dict[str, str] = {
    "resigned": "Resigned",
    "moved": "Moved away",
    "deceased": "Deceased",
    "expelled": "Expelled",
    "no_longer_qualifies": "No longer qualifies",
}
CONSENT_KINDS: dict[str, str] = {
    "post": "Letters by post",
    "email": "Email",
    "phone": "Phone calls and texts",
    "photos": "Photographs",
}
EARLIEST = date(1900, 1, 1)


@dataclass(frozen=True)
class MemberRecord(MemberDetails):
    """A member as stored, with what the service works out."""

    id: int = 0
    category: str = ""
    left_on: date | None = None
    leaving_reason: str = ""
    merged_into_id: int | None = None
    erased_on: date | None = None
    periods: tuple[tuple[date, date | None, str], ...] = ()
    version: int = 0  # as read: a save from this copy is refused once another is made

    @property
    def status(self) -> str:
        """'applicant', 'current' or 'former'."""
        return status_of(self.joined_on, self.left_on)

    @property
    def display_name(self) -> str:
        """'Ms Zoë Wróbel'."""
        return display_name(self.given_name, self.family_name, self.title)


@dataclass(frozen=True)
class SaveResult:
    """What was saved, and anything the person should look at (it did not stop the save)."""

    member_id: int
    membership_number: int
    warnings: tuple[str, ...] = ()


def _spaces(text: str) -> str:
    return " ".join(text.split())


def _lines(text: str) -> str:
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _postcode(text: str) -> str:
    text = _spaces(text)
    return normalise_postcode(text) if text else ""


# How each text field is tidied: ``cleaned`` applies these, and an import applies the same
# functions column by column (so a spreadsheet row is tidied exactly as the form is).
CLEANERS: dict[str, Callable[[str], str]] = {
    **{f.name: _spaces for f in fields(MemberDetails) if f.type == "str"},
    "address": _lines,
    "notes": str.strip,
    "postcode": _postcode,
    "email": lambda text: normalise_email(_spaces(text)),
    "phone": lambda text: normalise_phone(_spaces(text)),
    "mobile": lambda text: normalise_phone(_spaces(text)),
}


def cleaned(details: MemberDetails) -> MemberDetails:
    """Spaces trimmed, postcode and phones written the usual way."""
    tidy: dict[str, Any] = {name: clean(getattr(details, name)) for name, clean in CLEANERS.items()}
    return replace(details, **tidy)


Rule = Callable[[Any], Issue | None]
DATE_LABELS = (
    ("date_of_birth", "date of birth"),
    ("applied_on", "application date"),
    ("joined_on", "date admitted"),
)
SHORT_FIELDS = (
    "title",
    "preferred_name",
    "household_ref",
    "interpreter_language",
    "email_purpose",
    "admitted_by",
    "other_property",
)
LONGEST_NUMBER = 2_147_483_647  # what every database's integer column holds


def _date_rule(name: str, label: str, today: date) -> Rule:
    def rule(value: date | None) -> Issue | None:
        if value is None or EARLIEST <= value <= today:
            return None
        return Issue(
            name,
            f"The {label} {value:%d/%m/%Y} cannot be in the future."
            if value > today
            else f"The {label} is before 1900.",
        )

    return rule


def _short_rule(name: str) -> Rule:
    longest = Member.__table__.c[name].type.length or 100  # type: ignore[attr-defined]

    def rule(value: str) -> Issue | None:
        if len(value) > longest:
            return Issue(name, f"This is too long (at most {longest} characters).")
        return None

    return rule


def _postcode_rule(value: str) -> Issue | None:
    return Issue("postcode", f"Postcode '{value}' is too long.") if len(value) > 10 else None


def _number_rule(value: int | None) -> Issue | None:
    if value is not None and value <= 0:
        return Issue("membership_number", "The membership number must be 1 or more.")
    if value is not None and value > LONGEST_NUMBER:
        return Issue("membership_number", "The membership number is too large.")
    return None


def field_rules(today: date) -> tuple[tuple[tuple[str, Rule], ...], tuple[tuple[str, Rule], ...]]:
    """``validate``'s rules about one field each, in the order it reports them.

    The first group comes before the rules about the order of the dates (and
    consents), the second after. An import applies them column by column, each
    distinct value once, and so gives the same messages as the member form.
    """
    first: tuple[tuple[str, Rule], ...] = (
        ("given_name", lambda v: required_issue("given_name", v, "first name", max_length=100)),
        ("family_name", lambda v: required_issue("family_name", v, "last name", max_length=100)),
        ("email", lambda v: email_issue("email", v)),
        (
            "address",
            lambda v: Issue("address", "The address is too long.") if len(v) > 500 else None,
        ),
        ("phone", lambda v: phone_issue("phone", v)),
        ("mobile", lambda v: phone_issue("mobile", v, "Mobile number")),
        ("postcode", _postcode_rule),
        ("membership_number", _number_rule),
        *((name, _date_rule(name, label, today)) for name, label in DATE_LABELS),
    )
    last = tuple((name, _short_rule(name)) for name in SHORT_FIELDS)
    return first, last


def date_order_issues(
    date_of_birth: date | None, applied_on: date | None, joined_on: date | None
) -> list[Issue]:
    """The rules about the order of a member's dates."""
    issues = []
    if applied_on and joined_on and joined_on < applied_on:
        issues.append(Issue("joined_on", "The date admitted is before the application date."))
    if date_of_birth and joined_on and joined_on < date_of_birth:
        issues.append(Issue("joined_on", "The date admitted is before the date of birth."))
    return issues


def validate(details: MemberDetails, today: date | None = None) -> list[Issue]:
    """Every problem that stops ``details`` being saved, field by field."""
    first, last = field_rules(today or date.today())
    if details.represents_id is not None:  # an organisation has a name, not a first name
        first = tuple((name, rule) for name, rule in first if name != "given_name")
    issues = [rule(getattr(details, name)) for name, rule in first]
    found = [issue for issue in issues if issue is not None]
    if details.represents_id is not None and not details.representative:
        found.append(
            Issue("representative", "Name the person who represents this member organisation.")
        )
    elif len(details.representative) > 200:
        found.append(Issue("representative", "This is too long (at most 200 characters)."))
    found += date_order_issues(details.date_of_birth, details.applied_on, details.joined_on)
    for kind in details.consents:
        if kind not in CONSENT_KINDS:
            found.append(Issue("consents", f"'{kind}' is not a kind of consent."))
    found += [issue for name, rule in last if (issue := rule(getattr(details, name)))]
    return found


def postcode_warning(postcode: str) -> str | None:
    """A warning if a (tidied) postcode does not look like a UK one."""
    if postcode and postcode_issue("postcode", postcode):
        return f"Postcode '{postcode}' does not look like a UK postcode."
    return None


def warnings_for(details: MemberDetails) -> list[str]:
    """Things worth a second look that do not stop a save."""
    found = postcode_warning(details.postcode)
    return [found] if found else []


def next_number(session: Session, organisation_id: int) -> int:
    """The next unused membership number."""
    top = session.scalar(
        select(func.max(Member.membership_number)).where(Member.organisation_id == organisation_id)
    )
    return int(top or 0) + 1


def _check(session: Session, org_id: int, details: MemberDetails, member_id: int | None) -> None:
    issues = validate(details)
    category = session.get(MemberCategory, details.category_id)
    if category is None or category.organisation_id != org_id:
        issues.append(Issue("category_id", "Choose the member's category."))
    if details.membership_number is not None and 0 < details.membership_number <= LONGEST_NUMBER:
        clash = session.scalar(
            select(Member.id).where(
                Member.organisation_id == org_id,
                Member.membership_number == details.membership_number,
            )
        )
        if clash is not None and clash != member_id:
            issues.append(
                Issue(
                    "membership_number",
                    f"Membership number {details.membership_number} is already used.",
                )
            )
    raise_if_any(list(issues))


_COLUMNS = tuple(k for k in MemberDetails.__dataclass_fields__ if k != "consents")


def _apply(row: Member, details: MemberDetails) -> None:
    for key in _COLUMNS:
        setattr(row, key, getattr(details, key))
    refresh_search_text(row)


def refresh_search_text(row: Member) -> None:
    """Work out again the text ``row`` is found by (after any change to it)."""
    row.search_text = search_text(
        row.membership_number,
        row.given_name,
        row.family_name,
        row.preferred_name,
        row.postcode,
        row.email,
        row.phone,
        row.mobile,
    )


def _save_consents(session: Session, member_id: int, consents: dict[str, Consent]) -> None:
    existing = {
        c.kind: c
        for c in session.scalars(select(MemberConsent).where(MemberConsent.member_id == member_id))
    }
    for kind, consent in consents.items():
        row = existing.get(kind) or MemberConsent(member_id=member_id, kind=kind)
        row.given, row.recorded_on, row.source = consent.given, consent.recorded_on, consent.source
        session.add(row)


def _loggable(details: MemberDetails) -> dict[str, object]:
    data = {k: v for k, v in asdict(details).items() if k != "consents" and v not in ("", None)}
    data["consents"] = {k: c.given for k, c in details.consents.items()}
    return data


def add_member(session: Session, actor: Actor, details: MemberDetails) -> SaveResult:
    """Add a member (or an applicant, when there is no date admitted)."""
    org_id = require_editor(actor)
    details = cleaned(details)
    hold_numbers(session, org_id)
    if details.membership_number is None:
        details = replace(details, membership_number=next_number(session, org_id))
    _check(session, org_id, details, None)
    row = Member(organisation_id=org_id)
    _apply(row, details)
    session.add(row)
    session.flush()
    if details.joined_on is not None:
        session.add(MembershipPeriod(member_id=row.id, joined_on=details.joined_on))
    _save_consents(session, row.id, details.consents)
    audit.record(session, actor, "create", "member", row.id, after=_loggable(details))
    found = warnings_for(details) + duplicate_warnings(session, org_id, details, row.id)
    return SaveResult(row.id, row.membership_number, tuple(found))


def _changed_meanwhile(session: Session, row: Member) -> ChangedMeanwhile:
    """Who saved the record last, and when, in words."""
    last = session.execute(
        select(AuditEntry.username, AuditEntry.at)
        .where(AuditEntry.entity == "member", AuditEntry.entity_id == str(row.id))
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    who = (
        f"by {last.username} at {datetime.fromisoformat(last.at).astimezone():%H:%M on %d/%m/%Y}"
        if last is not None
        else "by someone else"
    )
    return ChangedMeanwhile(
        f"{display_name(row.given_name, row.family_name)}'s record was changed {who}, since "
        "you opened it. Nothing you typed was saved over their change: reload the record to "
        "see it, then make your change again."
    )


def update_member(
    session: Session,
    actor: Actor,
    member_id: int,
    details: MemberDetails,
    *,
    expected_version: int | None = None,
) -> SaveResult:
    """Change a member's record (their dates of leaving are changed by leave/re-join).
    With ``expected_version`` (the version the form was filled from), a record saved by
    someone else since is refused with ``ChangedMeanwhile``, naming who and when."""
    org_id = require_editor(actor)
    row = find_member(session, org_id, member_id)
    if expected_version is not None and row.version != expected_version:
        raise _changed_meanwhile(session, row)
    if row.merged_into_id is not None:
        raise UserError("This record was merged into another; change that one instead.")
    if row.erased_on is not None:
        raise UserError(
            f"This former member's details were erased on {row.erased_on:%d/%m/%Y}, as the "
            "organisation's keeping period requires; the record can no longer be changed."
        )
    details = cleaned(details)
    if details.membership_number is None:
        details = replace(details, membership_number=row.membership_number)
    # Whether the member is a person or an organisation is settled when they join.
    details = replace(details, represents_id=row.represents_id)
    if row.represents_id is None:
        details = replace(details, representative="")
    _check(session, org_id, details, member_id)
    if row.left_on and details.joined_on and row.left_on < details.joined_on:
        raise UserError.from_issues(
            [Issue("joined_on", "The date admitted is after the date this member left.")]
        )
    before = _loggable(get_member(session, org_id, member_id))
    period = _latest_period(session, member_id)
    earlier = session.scalar(
        select(func.max(MembershipPeriod.left_on)).where(
            MembershipPeriod.member_id == member_id,
            MembershipPeriod.id != (period.id if period is not None else -1),
        )
    )
    if details.joined_on is not None and earlier is not None and details.joined_on <= earlier:
        raise UserError.from_issues(
            [
                Issue(
                    "joined_on",
                    f"This period of membership must start after the last one ended "
                    f"({earlier:%d/%m/%Y}).",
                )
            ]
        )
    if details.joined_on is not None and period is not None:
        period.joined_on = details.joined_on
    elif details.joined_on is not None:
        session.add(MembershipPeriod(member_id=member_id, joined_on=details.joined_on))
    elif period is not None:
        raise UserError.from_issues(
            [Issue("joined_on", "A member who has been admitted needs the date admitted.")]
        )
    name = display_name(row.given_name, row.family_name)
    _apply(row, details)
    flag_modified(row, "given_name")  # a new version even when only consents or dates change
    try:
        session.flush()  # the update carries the version read: another's save since fails it
    except StaleDataError:
        raise ChangedMeanwhile(
            f"{name}'s record was changed by someone else a moment ago. Nothing you typed was "
            "saved over their change: reload the record to see it, then make your change again."
        ) from None
    _save_consents(session, member_id, details.consents)
    audit.record(
        session, actor, "update", "member", member_id, before=before, after=_loggable(details)
    )
    found = warnings_for(details) + duplicate_warnings(session, org_id, details, member_id)
    return SaveResult(member_id, row.membership_number, tuple(found))


def _latest_period(session: Session, member_id: int) -> MembershipPeriod | None:
    return session.scalars(
        select(MembershipPeriod)
        .where(MembershipPeriod.member_id == member_id)
        .order_by(MembershipPeriod.joined_on.desc(), MembershipPeriod.id.desc())
        .limit(1)
    ).first()


def leave(session: Session, actor: Actor, member_id: int, on: date, reason: str) -> None:
    """Record that a member left; they stay on the register as a former member."""
    org_id = require_editor(actor)
    row = find_member(session, org_id, member_id, merged_ok=False)
    if reason not in LEAVING_REASONS:
        raise UserError.from_issues([Issue("reason", "Choose why the member is leaving.")])
    if row.joined_on is None:
        raise UserError("This person is an applicant, not yet a member, so cannot leave.")
    if row.left_on is not None:
        raise UserError(f"This member already left on {row.left_on:%d/%m/%Y}.")
    if on < row.joined_on:
        raise UserError.from_issues(
            [
                Issue(
                    "left_on",
                    f"The leaving date {on:%d/%m/%Y} is before the member joined "
                    f"({row.joined_on:%d/%m/%Y}).",
                )
            ]
        )
    if on > date.today():
        raise UserError.from_issues([Issue("left_on", "The leaving date is in the future.")])
    period = _latest_period(session, member_id)
    assert period is not None
    period.left_on, period.leaving_reason = on, reason
    row.left_on, row.leaving_reason = on, reason
    audit.record(session, actor, "leave", "member", member_id, after={"on": on, "reason": reason})


def rejoin(session: Session, actor: Actor, member_id: int, on: date) -> None:
    """Start a new period of membership for a former member."""
    org_id = require_editor(actor)
    row = find_member(session, org_id, member_id, merged_ok=False)
    if row.left_on is None:
        raise UserError("This person is not a former member, so cannot re-join.")
    if row.erased_on is not None:
        raise UserError("This former member's details were erased; add them as a new member.")
    if on <= row.left_on:
        raise UserError.from_issues(
            [Issue("joined_on", f"Re-joining must be after they left ({row.left_on:%d/%m/%Y}).")]
        )
    if on > date.today():
        raise UserError.from_issues([Issue("joined_on", "The re-joining date is in the future.")])
    session.add(MembershipPeriod(member_id=member_id, joined_on=on))
    row.joined_on, row.left_on, row.leaving_reason = on, None, ""
    audit.record(session, actor, "rejoin", "member", member_id, after={"on": on})


def get_member(session: Session, organisation_id: int, member_id: int) -> MemberRecord:
    """One member with their periods of membership and consents."""
    row = find_member(session, organisation_id, member_id)
    category = session.get_one(MemberCategory, row.category_id)
    consents = {
        c.kind: Consent(c.given, c.recorded_on, c.source)
        for c in session.scalars(select(MemberConsent).where(MemberConsent.member_id == member_id))
    }
    periods = tuple(
        (p.joined_on, p.left_on, p.leaving_reason)
        for p in session.scalars(
            select(MembershipPeriod)
            .where(MembershipPeriod.member_id == member_id)
            .order_by(MembershipPeriod.joined_on, MembershipPeriod.id)
        )
    )
    values = {key: getattr(row, key) for key in _COLUMNS}
    return MemberRecord(
        **values,
        consents=consents,
        id=row.id,
        category=category.name,
        left_on=row.left_on,
        leaving_reason=row.leaving_reason,
        merged_into_id=row.merged_into_id,
        erased_on=row.erased_on,
        periods=periods,
        version=row.version,
    )
