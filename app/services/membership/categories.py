"""Member categories (constituencies): which exist, and who in them may vote and stand."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Member, MemberCategory
from app.services.accounts import audit
from app.services.accounts.roles import Actor, Permission
from app.services.common.validation import raise_if_any, required_issue


@dataclass(frozen=True)
class CategoryInfo:
    """One category as the screens and rules see it."""

    id: int
    name: str
    may_vote: bool
    may_stand: bool
    probation_months: int
    is_default: bool
    members: int = 0


def _info(row: MemberCategory, members: int = 0) -> CategoryInfo:
    return CategoryInfo(
        row.id,
        row.name,
        row.may_vote,
        row.may_stand,
        row.probation_months,
        row.is_default,
        members,
    )


def list_categories(session: Session, organisation_id: int) -> list[CategoryInfo]:
    """The organisation's categories, by name, with how many members each has."""
    counts: dict[int, int] = dict(
        session.execute(
            select(Member.category_id, func.count())
            .where(Member.organisation_id == organisation_id, Member.merged_into_id.is_(None))
            .group_by(Member.category_id)
        ).all()
    )
    rows = session.scalars(
        select(MemberCategory)
        .where(MemberCategory.organisation_id == organisation_id)
        .order_by(MemberCategory.name)
    )
    return [_info(row, counts.get(row.id, 0)) for row in rows]


def by_name(session: Session, organisation_id: int) -> dict[str, CategoryInfo]:
    """Categories keyed by their name folded to lower case."""
    return {c.name.casefold(): c for c in list_categories(session, organisation_id)}


def default_category(session: Session, organisation_id: int) -> CategoryInfo:
    """The category a member gets when none is given."""
    row = session.scalars(
        select(MemberCategory)
        .where(MemberCategory.organisation_id == organisation_id)
        .order_by(MemberCategory.is_default.desc(), MemberCategory.id)
        .limit(1)
    ).first()
    if row is None:
        raise UserError("Add a member category first (Members ▸ Categories).")
    return _info(row)


def _issues(name: str, probation_months: int) -> list[Issue | None]:
    issues: list[Issue | None] = [required_issue("name", name, "category's name", max_length=60)]
    if not 0 <= probation_months <= 120:
        issues.append(Issue("probation_months", "The probation period must be 0 to 120 months."))
    return issues


def save_category(
    session: Session,
    actor: Actor,
    *,
    category_id: int | None,
    name: str,
    may_vote: bool,
    may_stand: bool,
    probation_months: int = 0,
    is_default: bool = False,
) -> CategoryInfo:
    """Add a category (``category_id`` None) or change one."""
    actor.require(Permission.EDIT_MEMBERS)
    assert actor.organisation_id is not None
    org_id = actor.organisation_id
    name = " ".join(name.split())
    raise_if_any(_issues(name, probation_months))
    clash = session.scalar(
        select(MemberCategory.id).where(
            MemberCategory.organisation_id == org_id,
            func.lower(MemberCategory.name) == name.lower(),
        )
    )
    if clash is not None and clash != category_id:
        raise UserError.from_issues([Issue("name", f"There is already a category '{name}'.")])
    if category_id is None:
        row = MemberCategory(organisation_id=org_id, name=name)
        session.add(row)
        before: dict[str, object] | None = None
    else:
        row = session.get_one(MemberCategory, category_id)
        if row.organisation_id != org_id:
            raise UserError("That category belongs to another organisation.")
        before = {"name": row.name, "may_vote": row.may_vote, "may_stand": row.may_stand}
    row.may_vote, row.may_stand = may_vote, may_stand
    row.name, row.probation_months = name, probation_months
    if is_default:
        session.execute(
            update(MemberCategory)
            .where(MemberCategory.organisation_id == org_id)
            .values(is_default=False)
        )
    row.is_default = is_default or bool(row.is_default)
    session.flush()
    audit.record(
        session,
        actor,
        "create" if before is None else "update",
        "category",
        row.id,
        before=before,
        after={"name": name, "may_vote": may_vote, "may_stand": may_stand},
    )
    return _info(row)
