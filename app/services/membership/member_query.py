"""The Members page's questions, answered in SQL: which ids, in what order; then their rows.

A search, a filter or a sort asks the database again for the ordered ids (one
query, answered from an index), and the page fetches the rows it paints a
page at a time, as Anki's browser does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Member, MemberCategory
from app.services.membership.member_page import PageFilter, PageRow, SortKey, page_row
from app.services.membership.member_rows import holdings_subquery
from app.services.membership.member_search import like_pattern
from app.services.membership.member_status import status_clause

_ORDER: dict[SortKey, tuple[Any, ...]] = {
    SortKey.NAME: (Member.family_name, Member.given_name),
    SortKey.NUMBER: (Member.membership_number,),
    SortKey.POSTCODE: (Member.postcode,),
    SortKey.CATEGORY: (Member.category_id,),
    SortKey.JOINED: (Member.joined_on,),
    SortKey.LEFT: (Member.left_on,),
    SortKey.EMAIL: (Member.email,),
    SortKey.PHONE: (Member.mobile, Member.phone),
    SortKey.ADDRESS: (Member.address,),
}


def _where(session: Session, organisation_id: int, flt: PageFilter) -> list[Any]:
    conditions: list[Any] = [
        Member.organisation_id == organisation_id,
        Member.merged_into_id.is_(None),
    ]
    if flt.search.strip():
        conditions.append(Member.search_text.like(like_pattern(flt.search), escape="\\"))
    if flt.category_id is not None:
        conditions.append(Member.category_id == flt.category_id)
    if flt.status:
        conditions.append(status_clause(flt.status))
    if flt.eligible_on is not None:
        from app.services.membership import (
            eligibility,  # only when asked: keeps the page quick to open
        )

        rules = eligibility.rules_for(session, organisation_id)
        conditions.append(eligibility.eligible_clause(rules, organisation_id, flt.eligible_on))
    return conditions


def member_ids(
    session: Session,
    organisation_id: int,
    flt: PageFilter = PageFilter(),
    sort: SortKey = SortKey.NAME,
    descending: bool = False,
) -> list[int]:
    """The ids of the members matching ``flt``, in the order asked for."""
    keys = _ORDER[sort]
    if sort is SortKey.CATEGORY:
        name = (
            select(MemberCategory.name)
            .where(MemberCategory.id == Member.category_id)
            .scalar_subquery()
        )
        keys = (name, Member.family_name, Member.given_name)
    order = [key.desc() if descending else key for key in keys]
    order.append(Member.id.desc() if descending else Member.id)
    query = select(Member.id).where(*_where(session, organisation_id, flt)).order_by(*order)
    result = session.connection().execute(query)
    try:
        # 100,000 plain ints: read them from the driver's cursor, without building a Row
        # for each (half the time); the SQL and its parameters are still SQLAlchemy's.
        return [row[0] for row in result.cursor.fetchall()]
    finally:
        result.close()


def count(session: Session, organisation_id: int, flt: PageFilter = PageFilter()) -> int:
    """How many members match ``flt``."""
    return int(
        session.scalar(select(func.count(Member.id)).where(*_where(session, organisation_id, flt)))
        or 0
    )


def page_rows(session: Session, ids: Sequence[int]) -> list[PageRow]:
    """The rows for ``ids``, in the same order (a page of the list)."""
    if not ids:
        return []
    held = holdings_subquery(member_ids=ids)
    query = (
        select(
            Member.id,
            Member.membership_number,
            Member.title,
            Member.given_name,
            Member.family_name,
            Member.postcode,
            MemberCategory.name,
            Member.joined_on,
            Member.left_on,
            Member.email,
            Member.mobile,
            Member.phone,
            Member.address,
            held.c.shares,
        )
        .join(MemberCategory, MemberCategory.id == Member.category_id)
        .outerjoin(held, held.c.member_id == Member.id)
        .where(Member.id.in_(ids))
    )
    found = {values[0]: page_row(tuple(values)) for values in session.execute(query).all()}
    return [found[i] for i in ids if i in found]
