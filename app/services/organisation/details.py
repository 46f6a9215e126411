"""The organisation: its details and settings, and the first-run set-up."""

from __future__ import annotations

import calendar
from dataclasses import asdict, fields, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import Issue, PermissionDenied, UserError
from app.models import CentreReturn, Organisation
from app.services.accounts import audit, auth
from app.services.accounts.roles import SYSTEM, Actor, Permission, Role
from app.services.common.validation import (
    normalise_postcode,
    postcode_issue,
    raise_if_any,
    required_issue,
)
from app.services.organisation.default_categories import add_defaults
from app.services.organisation.info import (
    KINDS,
    MAX_IDLE_LOCK_MINUTES,
    MAX_LOGO_BYTES,
    OrganisationDetails,
    OrganisationInfo,
    info_from,
)


def validate(details: OrganisationDetails) -> list[Issue]:
    """Every problem with ``details``, field by field."""
    issues = [
        required_issue("name", details.name, "organisation's name"),
        postcode_issue("postcode", details.postcode),
    ]
    if details.kind not in KINDS:
        issues.append(Issue("kind", "Choose what kind of organisation this is."))
    if not 1 <= details.fy_start_month <= 12:
        issues.append(Issue("fy_start", "Choose the month the financial year starts."))
    elif not 1 <= details.fy_start_day <= calendar.monthrange(2023, details.fy_start_month)[1]:
        month = calendar.month_name[details.fy_start_month]
        issues.append(Issue("fy_start", f"{month} has no day {details.fy_start_day}."))
    if details.share_value_pence <= 0:
        issues.append(Issue("share_value", "The value of one share must be more than £0.00."))
    if details.logo_png is not None:
        if len(details.logo_png) > MAX_LOGO_BYTES:
            issues.append(Issue("logo", "The logo is too large: choose a picture under 1 MB."))
        elif not details.logo_png.startswith((b"\x89PNG", b"\xff\xd8")):
            issues.append(Issue("logo", "The logo must be a PNG or JPEG picture."))
    if not 0 <= details.idle_lock_minutes <= MAX_IDLE_LOCK_MINUTES:
        issues.append(
            Issue("idle_lock", f"Lock after between 0 and {MAX_IDLE_LOCK_MINUTES} minutes.")
        )
    if not 0 <= details.minimum_voting_age <= 120:
        issues.append(Issue("minimum_voting_age", "The minimum voting age must be 0 to 120."))
    if not 1 <= details.retention_years <= 100:
        issues.append(
            Issue("retention_years", "Keep former members' contact details 1 to 100 years.")
        )
    if details.founded_on is not None and details.founded_on > date.today():
        issues.append(Issue("founded_on", "The founding date is in the future."))
    return [issue for issue in issues if issue is not None]


def _cleaned(details: OrganisationDetails) -> OrganisationDetails:
    raise_if_any(list(validate(details)))
    return replace(
        details,
        name=details.name.strip(),
        registration_number=details.registration_number.strip(),
        address=details.address.strip(),
        postcode=normalise_postcode(details.postcode) if details.postcode.strip() else "",
    )


def _loggable(details: OrganisationDetails) -> dict[str, object]:
    data = asdict(details)
    data["logo_png"] = None if details.logo_png is None else f"{len(details.logo_png)} bytes"
    return data


def _info(org: Organisation) -> OrganisationInfo:
    return info_from({field.name: getattr(org, field.name) for field in fields(OrganisationInfo)})


def _name_free(session: Session, name: str, org_id: int | None) -> None:
    """Refuse a name another organisation in the database has, or one the federation keeps
    centres' returns under (the roll-up knows centres by name)."""
    taken = session.scalar(
        select(Organisation.id).where(Organisation.name == name, Organisation.id != (org_id or 0))
    )
    returns = session.scalar(select(CentreReturn.id).where(CentreReturn.centre == name).limit(1))
    if taken is not None or returns is not None:
        where = "another organisation here" if taken is not None else "a centre that sends returns"
        raise UserError.from_issues(
            [Issue("name", f"'{name}' is the name of {where}: choose another.")]
        )


def create(session: Session, actor: Actor, details: OrganisationDetails) -> OrganisationInfo:
    """Add an organisation (administrators only)."""
    actor.require(Permission.MANAGE_ORGANISATION)
    details = _cleaned(details)
    _name_free(session, details.name, None)
    org = Organisation(**asdict(details))
    session.add(org)
    session.flush()
    add_defaults(session, org.id, org.kind)
    audit.record(
        session,
        actor,
        "create",
        "organisation",
        org.id,
        after=_loggable(details),
        organisation_id=org.id,
    )
    return _info(org)


def update(session: Session, actor: Actor, org_id: int, details: OrganisationDetails) -> None:
    """Change an organisation's details and settings."""
    actor.require(Permission.MANAGE_ORGANISATION)
    if actor.organisation_id != org_id and not (
        actor.user_id is None or actor.role.sees_every_organisation
    ):
        raise PermissionDenied("You may change your own organisation's details only.")
    details = _cleaned(details)
    _name_free(session, details.name, org_id)
    org = session.get_one(Organisation, org_id)
    before = _loggable(_info(org))
    for key, value in asdict(details).items():
        setattr(org, key, value)
    audit.record(
        session,
        actor,
        "update",
        "organisation",
        org.id,
        before=before,
        after=_loggable(details),
        organisation_id=org.id,
    )


def get(session: Session, org_id: int) -> OrganisationInfo:
    """One organisation."""
    return _info(session.get_one(Organisation, org_id))


def list_all(session: Session) -> list[OrganisationInfo]:
    """Every organisation in the database."""
    return [_info(org) for org in session.scalars(select(Organisation).order_by(Organisation.id))]


def is_set_up(session: Session) -> bool:
    """True once an organisation exists."""
    return bool(session.scalar(select(func.count(Organisation.id))))


def first_run(
    session: Session,
    details: OrganisationDetails,
    *,
    username: str,
    full_name: str,
    password: str,
) -> auth.UserInfo:
    """Create the organisation and its first administrator in one unit of work."""
    if is_set_up(session):
        raise UserError("This database already has an organisation. Sign in instead.")
    return found(session, details, username=username, full_name=full_name, password=password)


def found(
    session: Session,
    details: OrganisationDetails,
    *,
    username: str,
    full_name: str,
    password: str,
) -> auth.UserInfo:
    """An organisation and its first administrator (another centre of a federation's
    database; ``first_run`` for the first)."""
    try:
        org = create(session, SYSTEM, details)
    except UserError as exc:
        issues = list(exc.issues)
    else:
        issues = []
    issues += [
        i
        for i in (
            auth.username_issue("username", username),
            required_issue("full_name", full_name, "your full name"),
            auth.password_issue("password", password, username),
        )
        if i is not None
    ]
    if issues:
        raise UserError.from_issues(issues)
    founder = replace(SYSTEM, organisation_id=org.id)
    return auth.add_user(
        session,
        founder,
        username=username,
        full_name=full_name,
        role=Role.ADMINISTRATOR,
        password=password,
    )
