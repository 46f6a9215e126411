"""An import's share columns, and one share each for those the file gives none."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from app.services.membership import shares
from app.services.membership.member_import import plan_import, run_import
from tests.services.membership.test_member_import import _actor, _csv, _member

HEAD = ["First name", "Surname", "Post Code", "Date Joined", "Shares", "Amount paid",
        "Share date", "Certificate no"]  # fmt: skip
TODAY = date(2026, 6, 1)


def test_share_columns_go_into_the_ledger_and_the_rest_are_warned_about(
    demo: Any, tmp_path: Path
) -> None:
    """Two rows with shares (one at the share value, one part paid with its certificate),
    one without: the ledger has two lines, and the one without is still warned about."""
    source = _csv(tmp_path / "m.csv", [
        HEAD,
        ["Adaora", "Okafor", "SE1 7PB", "01/02/2010", "1", "", "", ""],
        ["Zoëlle", "Wróbel", "SE5 8QA", "12/03/2015", "2", "£1.50", "20/03/2015", "C-114"],
        ["Kwame", "Mensah", "N1 9GU", "05/06/2020", "", "", "", ""],
    ])  # fmt: skip
    actor = _actor(demo)
    with demo.sessions.begin() as session:
        summary = run_import(session, actor, source, today=TODAY)
    assert summary.applied and summary.shares_issued == 2
    assert summary.share_warning.startswith("This member holds no share")
    ada_id, zoe_id = _member(demo, "Adaora").id, _member(demo, "Zoëlle").id
    with demo.sessions() as session:
        ada = shares.ledger(session, actor.organisation_id, ada_id)
        zoe = shares.ledger(session, actor.organisation_id, zoe_id)
    assert [(x.on, x.shares, x.amount_pence) for x in ada] == [(date(2010, 2, 1), 1, 100)]
    assert [(x.on, x.shares, x.amount_pence) for x in zoe] == [(date(2015, 3, 20), 2, 150)]
    assert zoe[0].note.endswith("certificate C-114")


def test_share_problems_are_row_problems(demo: Any, tmp_path: Path) -> None:
    source = _csv(tmp_path / "m.csv", [
        HEAD,
        ["Ada", "Okafor", "SE1 7PB", "01/02/2010", "1", "", "01/01/1990", ""],
        ["Zoë", "Wróbel", "SE5 8QA", "12/03/2015", "", "£1.00", "", ""],
        ["Kwame", "Mensah", "N1 9GU", "05/06/2020", "two", "", "", ""],
    ])  # fmt: skip
    with demo.sessions() as session:
        plan = plan_import(session, _actor(demo).organisation_id, source, today=TODAY)
    said = [str(p) for p in plan.problems]
    assert "row 2: Date shares issued 01/01/1990 is before the member applied or joined " \
           "(01/02/2010)." in said  # fmt: skip
    assert "row 3: Amount paid on shares is £1.00 but no shares are given." in said
    assert any(s.startswith("row 4: Shares held 'two'") for s in said)


def test_one_share_each_to_a_member_chosen_twice_is_one_share(demo: Any) -> None:
    actor = _actor(demo)
    with demo.sessions.begin() as session:
        before = shares.holding(session, 4).shares
        assert shares.issue_one_each(session, actor, [4, 4], paid=True) == 1
        assert shares.holding(session, 4).shares == before + 1
