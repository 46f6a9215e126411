"""Performance indicators: switched on from the library, worked out from two figures
typed for a period, and judged met / close / missed in words against the target."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from app.errors import PermissionDenied, UserError
from app.services.accounts import auth
from app.services.demo import DEMO_PASSWORD
from app.services.performance import indicators
from app.services.performance.library import LIBRARY, TSM_CODES
from tests.services.board_helpers import plain

__all__ = ["plain"]


def _signed(db: Any, name: str = "admin") -> Any:
    return auth.sign_in(db.sessions, name, DEMO_PASSWORD).actor


def test_the_library_holds_the_22_tenant_satisfaction_measures() -> None:
    """TP01-TP12, BS01-BS05, CH01-CH02, NM01, RP01-RP02: 22 measures, four in two parts."""
    measures = {code.split("-")[0] for code in TSM_CODES}
    assert len(measures) == 22
    assert {f"TP{n:02d}" for n in range(1, 13)} <= measures
    assert {"BS01", "BS05", "CH01", "CH02", "NM01", "RP01", "RP02"} <= measures
    assert [c for c in TSM_CODES if "-" in c] == [
        "CH01-1", "CH01-2", "CH02-1", "CH02-2", "NM01-1", "NM01-2", "RP02-1", "RP02-2",
    ]  # fmt: skip
    assert len({i.code for i in LIBRARY}) == len(LIBRARY)


def test_rent_collected_of_rent_due_shows_96_percent_and_missed(plain: Any) -> None:
    """'Collected £48,000 of £50,000 due' is 96.0%, missed against a 97% target, and the
    working says how it was worked out."""
    office = _signed(plain)
    with plain.sessions.begin() as session:
        indicators.switch_on(session, office, ["RENT-1"])
        rent = indicators.find_indicator(session, 1, "rent-1")
        indicators.record(session, office, rent.id, 2025, 2, 4_800_000, 5_000_000)
    with plain.sessions() as session:
        rent = indicators.find_indicator(session, 1, "RENT-1")
        value = indicators.value_of(rent.method, 4_800_000, 5_000_000)
        target = Decimal(rent.target_hundredths or 0) / 100
        verdict = indicators.judge(value, target, rent.higher_is_better,
                                   Decimal(rent.close_hundredths) / 100)  # fmt: skip
        working = indicators.working(rent, 4_800_000, 5_000_000)
    assert indicators.shown(value, rent.unit) == "96.0%"
    assert (target, verdict) == (Decimal(97), "missed")
    assert working == "£48,000.00 rent collected ÷ £50,000.00 rent due × 100 = 96.0%"


@pytest.mark.parametrize(
    ("value", "target", "higher", "close", "verdict"),
    [
        ("96.96", "97", True, "0.5", "met"),  # shown as 97.0%: met, as the Regulator rounds
        ("96.6", "97", True, "0.5", "close"),
        ("96.4", "97", True, "0.5", "missed"),
        ("27", "28", False, "3", "met"),  # days to re-let: fewer is better
        ("30", "28", False, "3", "close"),
        ("31.1", "28", False, "3", "missed"),
    ],
)
def test_met_close_and_missed(
    value: str, target: str, higher: bool, close: str, verdict: str
) -> None:
    """Which way is good, and how close counts as close, decide the word shown."""
    assert indicators.judge(Decimal(value), Decimal(target), higher, Decimal(close)) == verdict


def test_bad_figures_are_refused_plainly_and_nothing_is_kept(plain: Any) -> None:
    """No rent due, a negative figure, a code not in the library, or a viewer: each is
    refused with its own message, and nothing is recorded."""
    office = _signed(plain)
    with plain.sessions.begin() as session:
        indicators.switch_on(session, office, ["RENT-1", "VOID"])
        rent = indicators.find_indicator(session, 1, "RENT-1").id
    with plain.sessions.begin() as session, pytest.raises(UserError) as refused:
        indicators.record(session, office, rent, 2025, 2, -5, 0)
    assert "less than nothing" in refused.value.message
    assert "rent due: more than nothing" in str(refused.value.issues)
    with plain.sessions.begin() as session, pytest.raises(UserError, match="no indicator XX9"):
        indicators.switch_on(session, office, ["XX9"])
    with plain.sessions.begin() as session, pytest.raises(PermissionDenied):
        indicators.record(session, _signed(plain, "viewer"), rent, 2025, 2, 1, 2)
    with plain.sessions() as session:
        from app.models import IndicatorFigure

        assert session.query(IndicatorFigure).count() == 0


def test_an_own_indicator_is_added_once(plain: Any) -> None:
    """A TMO adds its own indicator; the same code twice is refused, naming it."""
    office = _signed(plain)
    own = indicators.OwnIndicator(
        code="gard", name="Gardens tidied on time", method="percent",
        first_label="gardens tidied on time", second_label="gardens due", target="90%",
        higher_is_better=True,
    )  # fmt: skip
    with plain.sessions.begin() as session:
        made = indicators.add_own(session, office, own)
        indicators.record(session, office, made, 2025, 1, 45, 50)
    with plain.sessions.begin() as session, pytest.raises(UserError, match="GARD is already"):
        indicators.add_own(session, office, own)


def test_the_councils_csv_is_read_whole_or_not_at_all(plain: Any) -> None:
    """A file of figures is recorded line by line; a file with one bad line records none,
    and the message names the line."""
    from app.models import IndicatorFigure
    from app.services.performance.figures_import import import_figures

    office = _signed(plain)
    with plain.sessions.begin() as session:
        indicators.switch_on(session, office, ["RENT-1", "ASB-O"])
    good = ("Indicator,Year,Quarter,Figure,Out of\n"
            "RENT-1,2025/26,Q1,\"£48,000.00\",\"£50,000.00\"\nasb-o,2025,2,7,\n")  # fmt: skip
    with plain.sessions.begin() as session:
        assert import_figures(session, office, good) == 2
    bad = "Code,Year,Quarter,First,Second\nRENT-1,2025,3,4800000,0\nRENT-1,2025,4,1,2\n"
    with plain.sessions.begin() as session, pytest.raises(UserError, match="Line 2: RENT-1"):
        import_figures(session, office, bad)
    with plain.sessions.begin() as session, pytest.raises(UserError, match="Line 2: there is"):
        import_figures(session, office, "Code,Year,First\nTP99,2025,3\n")
    with plain.sessions() as session:
        kept = {(f.quarter, f.first, f.second) for f in session.query(IndicatorFigure)}
    assert kept == {(1, 4_800_000, 5_000_000), (2, 7, None)}
