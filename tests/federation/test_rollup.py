"""The federation's roll-up: each centre's figures are what its own reports say, the
totals are their sums, the workbook's totals are formulas over the centres' sheets
(recalculated by LibreOffice to the same figures), and a centre's own people see their
centre only."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.reports.xlsx import federation_book
from app.services.accounts import auth
from app.services.common.report_options import ReportOptions
from app.services.demo import DEMO_PASSWORD, add_federation_user, create_demo
from app.services.federation import FIGURES, rollup
from app.services.finance import reports as finance_reports
from app.services.membership import year_end
from app.storage.database import open_database
from tests.recalc import needs_libreoffice, recalculated

NOW = datetime(2026, 12, 1, 10, 0)


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = open_database(tmp_path_factory.mktemp("fed") / "three.sqlite", daily_backup=False)
    for centre in range(3):
        with db.sessions.begin() as session:
            create_demo(
                session, members=25, seed=21 + centre, finance=True, centre=centre,
                today=NOW.date(),
            )  # fmt: skip
    with db.sessions.begin() as session:
        add_federation_user(session, 1)
    yield db
    db.close(backup=False)


def _sign_in(db: Any, name: str) -> Any:
    return auth.sign_in(db.sessions, name, DEMO_PASSWORD).actor


def test_each_centres_figures_are_its_own_reports_and_the_total_their_sum(three: Any) -> None:
    office = _sign_in(three, "federation")
    treasurers = [_sign_in(three, f"{p}treasurer") for p in ("", "millmead-", "northfield-")]
    with three.sessions() as session:
        found = rollup(session, office, NOW, ReportOptions(year=2025))
        assert len(found.centres) == 3
        for centre, own in zip(found.centres, treasurers, strict=True):
            people = year_end.year_end_figures(session, centre.organisation_id, 2025, NOW.date())
            accounts = finance_reports.accounts_statement(
                session, own, NOW, ReportOptions(year=2025)
            )
            rows = {r.label: r.total for r in accounts.rows}
            assert (centre.members_at_start, centre.members_at_end) == (
                people.members_at_start, people.members_at_end,
            )  # fmt: skip
            assert centre.joined == people.joined and centre.left == people.ceased
            assert centre.funds_at_end_pence == rows["Cash funds at the end of the year"]
            assert centre.receipts_pence == (
                rows["Total receipts"] + rows["Sales of assets"]
                + rows["Members' share capital received"]
            )  # fmt: skip
            assert centre.meetings_held >= centre.meetings_quorate
    for field, _label, _kind in FIGURES:
        assert found.total(field) == sum(getattr(c, field) for c in found.centres)


def test_a_centres_own_people_see_only_their_centre(three: Any) -> None:
    with three.sessions() as session:
        mine = rollup(session, _sign_in(three, "millmead-viewer"), NOW, ReportOptions(year=2025))
    assert [c.name for c in mine.centres] == ["Millmead Children's Centre"]


@needs_libreoffice
def test_the_workbooks_totals_are_formulas_over_the_centres_sheets(
    three: Any, tmp_path: Path
) -> None:
    with three.sessions() as session:
        found = rollup(session, _sign_in(three, "federation"), NOW, ReportOptions(year=2025))
    out = tmp_path / "federation.xlsx"
    federation_book.write(found, out)
    sheet = load_workbook(out)["Federation"]
    assert sheet["B3"].value == f"='{load_workbook(out).sheetnames[1]}'!B3"
    assert str(sheet["E3"].value).startswith("=SUM(B3:D3)")
    shown = recalculated(out, tmp_path)["Federation"]
    for offset, (field, label, kind) in enumerate(FIGURES):
        row = federation_book.FIRST + offset
        assert shown.cell(row, 1).value == label
        value = Decimal(str(shown.cell(row, 5).value))
        assert (round(value * 100) if kind == "money" else value) == found.total(field), label
