"""The tenant perception survey: its questions as the Regulator words them, returns
typed in, and TP01-TP12 counted as the Regulator counts them (very or fairly satisfied,
of all who answered; a follow-on question only from those who said yes before it)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from app.errors import UserError
from app.services.accounts import auth
from app.services.demo import DEMO_PASSWORD
from app.services.performance import indicators, survey_returns, surveys
from tests.services.board_helpers import plain

__all__ = ["plain"]

# Eight questionnaires, counted by hand: positions 1 (TP01), 2 (a repair? 1 yes, 2 no),
# 3 (TP02, only for those with a repair), 9 (TP08, agreement), 16 (words).
RETURNS: dict[int, dict[int, int | str]] = {
    1: {1: 1, 2: 1, 3: 1, 9: 2},
    2: {1: 2, 2: 1, 3: 4, 9: 2, 16: "The lift is often broken."},
    3: {1: 2, 2: 1, 9: 3},
    4: {1: 3, 2: 2, 3: 1},  # no repair, yet answered TP02: not counted there
    5: {1: 4, 2: 2},
    6: {1: 5},
    7: {1: 1},
    8: {3: 2, 16: "  "},  # TP01 blank; TP02 without saying whether there was a repair
}


def _office(db: Any) -> Any:
    return auth.sign_in(db.sessions, "secretary", DEMO_PASSWORD).actor


def test_tp01_and_a_follow_on_question_are_counted_as_the_regulator_counts(plain: Any) -> None:
    """TP01: 4 of the 7 who answered were very or fairly satisfied (1, 2, 2, 1): 57.1%.
    TP02: of the 3 who had a repair, 2 answered it, 1 satisfied: 50.0%. TP08: 2 of 3
    agree: 66.7%. TP01 then stands as its indicator's figures for the year."""
    office = _office(plain)
    with plain.sessions.begin() as session:
        survey = surveys.tenant_perception(session, office, 2025, "Southwark Council")
        for number, answers in RETURNS.items():
            survey_returns.enter_return(session, office, survey, number, answers)
    with plain.sessions() as session:
        found = {r.code: r for r in surveys.results(session, survey)}
        wording = surveys.questions(session, survey)[0].wording
    assert wording == (
        "Taking everything into account, how satisfied or dissatisfied are you with the "
        "service provided by Southwark Council?"
    )
    tp01, tp02, tp08 = found["TP01"], found["TP02"], found["TP08"]
    assert (tp01.counts, tp01.answered, tp01.favourable) == ((2, 2, 1, 1, 1), 7, 4)
    assert tp01.share == Decimal(400) / 7 and tp01.shown == "57.1%"
    assert (tp02.answered, tp02.favourable, tp02.shown) == (2, 1, "50.0%")
    assert (tp08.answered, tp08.favourable, tp08.shown) == (3, 2, "66.7%")
    assert found["WHY"].words == ("The lift is often broken.",)
    assert found["TP09"].shown == "–"  # nobody was asked
    with plain.sessions.begin() as session:
        fed = surveys.feed_indicators(session, office, survey)
    assert fed == ["TP01", "TP02", "TP08"]
    with plain.sessions() as session:
        row = indicators.find_indicator(session, 1, "TP01")
        assert indicators.working(row, 4, 7) == (
            "4 respondents who were very or fairly satisfied ÷ 7 respondents who answered the "
            "question × 100 = 57.1%"
        )


def test_a_return_typed_wrongly_is_refused_whole(plain: Any) -> None:
    """A choice out of range, a question the survey lacks, or a number typed twice: each
    refused with its own message, and nothing of that questionnaire kept."""
    office = _office(plain)
    with plain.sessions.begin() as session:
        survey = surveys.tenant_perception(session, office, 2025, "the council")
        survey_returns.enter_return(session, office, survey, 1, {1: 1})
    for answers, number, message in (
        ({1: 6}, 2, "Question 1 takes a choice from 1 to 5"),
        ({2: 3}, 2, "Question 2 takes a choice from 1 to 2"),
        ({40: 1}, 2, "no question 40"),
        ({1: 1}, 1, "Questionnaire 1 is typed in already"),
        ({16: 3}, 2, "Question 16 takes words"),
        ({1: 1}, 10**19, "Give the number printed"),  # too big to store: refused, no crash
    ):
        with plain.sessions.begin() as session, pytest.raises(UserError) as refused:
            survey_returns.enter_return(session, office, survey, number, answers)
        assert message in str(refused.value.issues)
    with plain.sessions() as session:
        assert surveys.results(session, survey)[0].answered == 1


def test_a_questionnaire_typed_twice_is_checked_or_its_differences_named(plain: Any) -> None:
    """Typed the same a second time, questionnaire 2 counts as checked. Typed differently,
    questionnaire 1's differences are named in words and nothing changes; put right from
    the paper, the results follow the correction and it counts as checked."""
    office = _office(plain)
    with plain.sessions.begin() as session:
        survey = surveys.tenant_perception(session, office, 2025, "the council")
        for number in (1, 2, 3):
            survey_returns.enter_return(session, office, survey, number, RETURNS[number])
    with plain.sessions.begin() as session, pytest.raises(UserError) as refused:
        survey_returns.check_return(session, office, survey, 2, dict(RETURNS[2]))
    assert "someone else types it again" in str(refused.value.issues)  # not its own typist
    checker = auth.sign_in(plain.sessions, "admin", DEMO_PASSWORD).actor
    with plain.sessions.begin() as session:
        same = survey_returns.check_return(session, checker, survey, 2, dict(RETURNS[2]))
        differ = survey_returns.check_return(session, checker, survey, 1, {1: 2, 2: 1, 3: 1})
    assert same == []
    assert [d.text for d in differ] == [
        "question 1: first typed “Very satisfied”, now “Fairly satisfied”",
        "question 9: first typed “Agree”, now (not answered)",
    ]
    with plain.sessions() as session:
        assert survey_returns.typed_and_checked(session, survey) == (3, 1)
        assert surveys.results(session, survey)[0].counts == (1, 2, 0, 0, 0)
    with plain.sessions.begin() as session:
        survey_returns.correct_return(session, checker, survey, 1, {1: 2, 2: 1, 3: 1})
    with plain.sessions() as session:
        assert survey_returns.typed_and_checked(session, survey) == (3, 2)
        found = {r.code: r for r in surveys.results(session, survey)}
    assert found["TP01"].counts == (0, 3, 0, 0, 0)
    assert found["TP08"].answered == 2  # 3 before: questionnaire 1's "agree" was mistyped
    with plain.sessions.begin() as session, pytest.raises(UserError) as refused:
        survey_returns.check_return(session, checker, survey, 9, {1: 1})
    assert "has not been typed in yet" in str(refused.value.issues)


def test_the_demo_surveys_tp01_and_tp02_as_counted_by_hand(demo_files: Any, tmp_path: Any) -> None:
    """The demo's 60 questionnaires, read straight from the tables and counted here: TP01
    is those who ticked very (1) or fairly (2) satisfied, of all who ticked anything;
    TP02 counts only those who said yes (1) to a repair. The survey's results and the
    indicator recorded for the year say the same."""
    from collections import Counter

    from sqlalchemy import text

    from tests.conftest import open_copy

    db = open_copy(demo_files(members=30, seed=4, board=False, finance=True), tmp_path / "s.db")
    try:
        with db.sessions() as session:
            (survey,) = session.execute(text("select id, start_year from surveys")).all()
            rows = session.execute(text(
                "select r.number, q.code, a.choice from survey_answers a "
                "join survey_returns r on r.id = a.return_id "
                "join survey_questions q on q.id = a.question_id where r.survey_id = :s"
            ), {"s": survey.id}).all()  # fmt: skip
            papers: dict[int, dict[str, int]] = {}
            for number, code, choice in rows:
                if choice is not None:
                    papers.setdefault(number, {})[code] = choice
            tp01 = Counter(p["TP01"] for p in papers.values() if "TP01" in p)
            tp02 = Counter(p["TP02"] for p in papers.values()
                           if "TP02" in p and p.get("REPAIR") == 1)  # fmt: skip
            found = {r.code: r for r in surveys.results(session, survey.id)}
            row = indicators.find_indicator(session, 1, "TP01")
            recorded = session.execute(text(
                "select first, second from indicator_figures where indicator_id = :i "
                "and start_year = :y and quarter = 0"
            ), {"i": row.id, "y": survey.start_year}).one()  # fmt: skip
    finally:
        db.close(backup=False)
    assert len(papers) == 60
    by_hand = (tp01[1] + tp01[2], sum(tp01.values()))
    assert (found["TP01"].favourable, found["TP01"].answered) == by_hand
    assert tuple(recorded) == by_hand
    assert (found["TP02"].favourable, found["TP02"].answered) == (
        tp02[1] + tp02[2],
        sum(tp02.values()),
    )
    assert 0 < by_hand[0] < by_hand[1] <= 60
