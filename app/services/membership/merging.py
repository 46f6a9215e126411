"""Merging two records of the same person: periods joined, shares moved, one record kept."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Member, MembershipPeriod
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.membership.records import find_member, require_editor
from app.services.membership.shares import holding, transfer


def _join_periods(session: Session, keep: Member, gone: Member) -> None:
    """The kept record's periods become the union of both records' (overlaps joined).

    The merged record keeps its own periods as they were; the kept record's
    dates of joining and leaving are those of its latest period afterwards.
    """
    rows = session.scalars(
        select(MembershipPeriod).where(MembershipPeriod.member_id.in_((keep.id, gone.id)))
    ).all()
    spans: list[list[Any]] = []
    for row in sorted(rows, key=lambda r: (r.joined_on, r.left_on or date.max)):
        end = row.left_on or date.max
        if spans and row.joined_on <= spans[-1][1]:
            if end > spans[-1][1]:
                spans[-1][1], spans[-1][2] = end, row.leaving_reason
        else:
            spans.append([row.joined_on, end, row.leaving_reason])
    for row in rows:
        if row.member_id == keep.id:
            session.delete(row)
    session.flush()
    for start, end, reason in spans:
        left = None if end == date.max else end
        session.add(
            MembershipPeriod(
                member_id=keep.id,
                joined_on=start,
                left_on=left,
                leaving_reason=reason if left else "",
            )
        )
    if spans:
        start, end, reason = spans[-1]
        keep.joined_on = start
        keep.left_on = None if end == date.max else end
        keep.leaving_reason = reason if keep.left_on else ""


def merge(session: Session, actor: Actor, keep_id: int, merge_id: int) -> None:
    """Merge ``merge_id`` into ``keep_id``, keeping the history of both.

    The merged record stays (marked as merged, out of lists) with its periods
    and ledger lines; its shares move to the kept record by a transfer in the
    ledger; any period of membership the kept record lacks is copied to it.
    """
    org_id = require_editor(actor)
    if keep_id == merge_id:
        raise UserError("Choose two different members to merge.")
    keep, gone = find_member(session, org_id, keep_id), find_member(session, org_id, merge_id)
    if keep.merged_into_id is not None or gone.merged_into_id is not None:
        raise UserError("One of these records has already been merged into another.")
    if keep.erased_on is not None or gone.erased_on is not None:
        raise UserError("One of these former members' details were erased; they cannot be merged.")
    held = holding(session, merge_id)
    if held.shares > 0:
        transfer(
            session,
            actor,
            from_member_id=merge_id,
            to_member_id=keep_id,
            shares=held.shares,
            on=date.today(),
            note=f"Merged member {gone.membership_number} into {keep.membership_number}",
        )
    _join_periods(session, keep, gone)
    for key in ("email", "phone", "mobile", "address", "date_of_birth", "title"):
        if not getattr(keep, key) and getattr(gone, key):
            setattr(keep, key, getattr(gone, key))
    if gone.notes:
        keep.notes = "\n".join(
            x for x in (keep.notes, f"From member {gone.membership_number}: {gone.notes}") if x
        )
    gone.merged_into_id = keep_id
    session.flush()
    audit.record(
        session,
        actor,
        "merge",
        "member",
        keep_id,
        after={"kept": keep.membership_number, "merged": gone.membership_number},
    )


def merge_by_number(session: Session, actor: Actor, keep_id: int, typed: str) -> None:
    """``merge`` the member whose membership number was typed (the box 'other') into ``keep_id``."""
    org_id = require_editor(actor)
    if not (typed.isascii() and typed.isdigit()) or len(typed) > 9:
        raise UserError.from_issues([Issue("other", "Enter the duplicate's membership number.")])
    other = session.scalar(
        select(Member.id).where(
            Member.organisation_id == org_id, Member.membership_number == int(typed)
        )
    )
    if other is None:
        raise UserError.from_issues([Issue("other", f"There is no member {typed}.")])
    merge(session, actor, keep_id, other)
