"""Shared set-up for the board and election tests: the demo without its board or election."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.models import AuditEntry, MemberCategory
from app.services import board
from app.services.accounts.roles import Actor
from tests.conftest import open_copy
from tests.services.membership.test_members import admin


@pytest.fixture
def plain(demo_files: Callable[..., Path], db_path: Path) -> Iterator[Any]:
    """The 40-member demo (seed 7) with no board and no election."""
    db = open_copy(demo_files(members=40, seed=7, board=False), db_path)
    yield db
    db.close(backup=False)


def category(db: Any, name: str) -> int:
    with db.sessions() as session:
        return int(session.scalar(select(MemberCategory.id).where(MemberCategory.name == name)))


def rows(db: Any, model: Any) -> int:
    with db.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def audit_rows(db: Any) -> int:
    return rows(db, AuditEntry)


def seat_type(
    db: Any, name: str = "Tenant seats", cat: str | None = "Tenant", **changes: Any
) -> int:
    fields: dict[str, Any] = {
        "seat_type_id": None,
        "name": name,
        "category_id": category(db, cat) if cat else None,
        "seats": 3,
        "term_years": 3,
        "filled_by": "elected",
    }
    fields.update(changes)
    with db.sessions.begin() as session:
        return board.save_seat_type(session, admin(db), **fields).id


_ACTORS: dict[int, Actor] = {}


def actor(db: Any) -> Actor:
    """The demo administrator (looked up once, so never inside another open transaction)."""
    if id(db) not in _ACTORS or _ACTORS[id(db)].organisation_id is None:
        _ACTORS[id(db)] = admin(db)
    return _ACTORS[id(db)]
