"""The demo's measures: two years of quarterly indicators (some missed, with a note
why), the year's tenant perception survey feeding TP01-TP12, a family hub's reach and
its activities' sessions, a social return worksheet for the playground, and the
chair's and treasurer's words for the annual report."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.models import Project
from app.services.accounts.roles import Actor
from app.services.organisation.financial_year import financial_year
from app.services.performance import annual, indicators, reach, sroi, survey_returns, surveys
from app.services.performance.indicators import quarter_dates
from app.services.performance.library import find
from app.services.performance.sroi_sums import Outcome

QUARTERLY = ("BS01", "BS02", "BS03", "BS04", "BS05", "CH01-1", "CH01-2", "CH02-1", "CH02-2",
             "NM01-1", "NM01-2", "RP02-1", "RP02-2", "RENT-1", "RENT-2", "REP-E", "REP-U",
             "REP-R", "VOID", "EST", "ASB-O", "ASB-R", "COMP")  # fmt: skip
HOMES = 412  # homes the TMO manages
# code -> (second figure a quarter, the share usually reached, how much it wanders)
USUAL = {
    "BS01": (HOMES, 1.0, 0.0), "BS02": (18, 1.0, 0.0), "BS03": (24, 1.0, 0.0),
    "BS04": (18, 1.0, 0.0), "BS05": (6, 1.0, 0.0),
    "CH01-1": (HOMES, 0.006, 0.003), "CH01-2": (HOMES, 0.001, 0.001),
    "CH02-1": (9, 0.96, 0.04), "CH02-2": (2, 1.0, 0.0),
    "NM01-1": (HOMES, 0.008, 0.004), "NM01-2": (HOMES, 0.0, 0.0),
    "RP02-1": (310, 0.92, 0.04), "RP02-2": (45, 0.98, 0.02),
    "RENT-1": (50_000_00, 0.975, 0.01), "RENT-2": (200_000_00, 0.028, 0.006),
    "REP-E": (45, 0.98, 0.02), "REP-U": (80, 0.95, 0.03), "REP-R": (230, 0.91, 0.04),
    "VOID": (3, 26.0, 6.0), "EST": (12, 1.0, 0.1), "ASB-O": (0, 4.0, 3.0),
    "ASB-R": (4, 0.85, 0.15), "COMP": (12, 0.95, 0.05),
}  # fmt: skip
MISSED = {  # (year offset, quarter, code): (first figure, the note why)
    (0, 3, "RENT-1"): (46_900_00, "Universal Credit changes delayed 31 tenants' payments; "
                                  "a money adviser now holds a weekly surgery."),
    (0, 2, "REP-R"): (186, "The new repairs contractor started in July; jobs raised in the "
                           "changeover were logged late."),
    (-1, 4, "VOID"): (117, "One flat needed a new kitchen and rewiring before re-letting."),
}  # fmt: skip
# tenant perception: the share very or fairly satisfied the demo's answers lean to
LEANING = {
    "TP01": 0.78, "TP02": 0.74, "TP03": 0.66, "TP04": 0.72, "TP05": 0.81, "TP06": 0.6,
    "TP07": 0.7, "TP08": 0.82, "TP09": 0.38, "TP10": 0.63, "TP11": 0.66, "TP12": 0.55,
}  # fmt: skip


def _first(rng: random.Random, code: str, second: int) -> int:
    _second, usual, wander = USUAL[code]
    share = max(0.0, usual + rng.uniform(-wander, wander))
    if code == "ASB-O":  # a count of cases
        return round(share)
    if code not in ("RENT-1", "VOID"):  # a share of at most all (rent may clear arrears)
        share = min(share, 1.0)
    return round(second * share)


def _quarters(session: Session, actor: Actor, rng: random.Random, years: list[int],
              today: date) -> None:  # fmt: skip
    org = actor.organisation_id or 0
    ids = {code: indicators.find_indicator(session, org, code).id for code in QUARTERLY}
    last = years[1]  # the last complete year
    for year in years:
        start = financial_year(session, org, year, today).start
        for quarter in range(1, 5):
            ends = quarter_dates(start, quarter)[1]
            if ends > today:
                return
            for code in QUARTERLY:
                second = USUAL[code][0] or 1
                first = _first(rng, code, second)
                note = ""
                missed = MISSED.get((year - last, quarter, code))
                if missed:
                    first, note = missed
                kind = find(code)
                source = "council" if code.startswith("RENT") else "typed"
                indicators.record(session, actor, ids[code], year, quarter, first,
                                  None if kind and kind.method == "count" else second, note,
                                  source=source)  # fmt: skip


def _survey(session: Session, actor: Actor, rng: random.Random, year: int) -> int:
    survey = surveys.tenant_perception(session, actor, year, "Southwark Council")
    asked = surveys.questions(session, survey)
    comments = ("Repairs are quicker than they were.", "The lifts in Marlow House break down "
                "too often.", "Staff in the office are friendly and helpful.", "")  # fmt: skip
    for number in range(1, 61):
        answers: dict[int, int | str] = {}
        said_yes: set[str] = set()
        for question in asked:
            if question.kind == surveys.YES_NO:
                answer = 1 if rng.random() < 0.55 else 2
                answers[question.position] = answer
                if answer == 1:
                    said_yes.add(question.code)
            elif question.kind == surveys.TEXT:
                answers[question.position] = rng.choice(comments)
            else:
                gate = next((q.code for q in asked if q.id == question.only_if_yes_to), "")
                if (gate and gate not in said_yes) or rng.random() < 0.05:
                    continue  # not asked, or left blank
                leaning = LEANING.get(question.code, 0.7)
                answers[question.position] = (rng.choice((1, 2)) if rng.random() < leaning
                                              else rng.choice((3, 4, 5)))  # fmt: skip
        survey_returns.enter_return(session, actor, survey, number, answers)
    return survey


def _reach(session: Session, actor: Actor, rng: random.Random, year: int, today: date) -> None:
    org = actor.organisation_id or 0
    start = financial_year(session, org, year, today).start
    families = 310
    for quarter in range(1, 5):
        if quarter_dates(start, quarter)[1] > today:
            break
        families += rng.randint(8, 20)
        counts = {
            ("Families registered", reach.ALL): families,
            ("Children registered", reach.ALL): round(families * 1.4),
            ("Families seen at least once", reach.ALL): round(families * 0.62),
            ("Children seen at least once", reach.ALL): round(families * 0.81),
            ("Families seen regularly", reach.ALL): round(families * 0.31),
            ("Children seen regularly", reach.ALL): round(families * 0.4),
            ("Families registered", "Lone parents"): round(families * 0.22),
            ("Families seen at least once", "Lone parents"): round(families * 0.15),
            ("Children registered", "Children under two"): round(families * 0.38),
            ("Families registered", "Families new to the area"): rng.randint(6, 14),
            ("Families seen regularly", "Fathers and male carers"): rng.randint(2, 4),
        }
        reach.record_counts(session, actor, year, quarter, counts)
    for name, weekday, usual in (("Stay and play", 1, 14), ("Baby massage", 3, 7),
                                 ("Dads' Saturday club", 5, 5)):  # fmt: skip
        activity = reach.add_activity(session, actor, name)
        day = start + timedelta(days=(weekday - start.weekday()) % 7)
        while day <= min(today, start + timedelta(days=364)):
            if rng.random() < 0.9:  # the odd week off
                came = max(0, usual + rng.randint(-4, 4))
                how = reach.SHEET if name == "Stay and play" else reach.REGISTER
                reach.record_session(session, actor, activity, day, came, how)
            day += timedelta(days=7)


def _social_value(session: Session, actor: Actor, year: int) -> None:
    from sqlalchemy import select

    playground = session.scalars(
        select(Project.id).where(Project.organisation_id == actor.organisation_id,
                                 Project.name == "Playground refurbishment")
    ).first()  # fmt: skip
    sheet = sroi.create(session, actor, "Playground refurbishment: social value", year,
                        3_230_00, project_id=playground)  # fmt: skip
    for outcome in (
        Outcome("Children on the estate", "More outdoor play close to home",
                "children counted playing on a weekday afternoon", 32, 60_00,
                "Cost of a term's place at a local after-school play scheme", 3,
                deadweight_bp=2000, attribution_bp=1000, drop_off_bp=1000),
        Outcome("Parents and carers", "Less travel to a playground further away",
                "households no longer taking the bus to Burgess Park", 40, 25_00,
                "A year's bus fares saved (TfL fares, one trip a week)", 2,
                deadweight_bp=2500, displacement_bp=0, attribution_bp=0, drop_off_bp=2500),
        Outcome("The NHS", "Fewer injuries from falls on hard ground",
                "A&E visits after playground falls, as counted by the TMO office", 2,
                220_00, "NHS reference cost of an A&E attendance", 3,
                deadweight_bp=3000, attribution_bp=2000, drop_off_bp=0),
    ):  # fmt: skip
        sroi.add_outcome(session, actor, sheet, outcome)


def _project_ballot(session: Session, actor: Actor, rng: random.Random, year: int) -> None:
    """The residents' vote on the savings: three projects for two places, by approval."""
    from sqlalchemy import select

    from app.services.performance import project_ballot, projects

    org = actor.organisation_id or 0
    ids = dict(session.execute(
        select(Project.name, Project.id).where(Project.organisation_id == org)
    ).all())  # fmt: skip
    garden = session.get_one(Project, ids["Community garden"])
    mural = projects.add_project(session, actor, projects.ProjectDetails(
        "Mural on Marlow House", garden.fund_id, 1_200_00, "Aisha Bello",
        description="A mural painted with the estate's children on the end wall.",
    ))  # fmt: skip
    held = financial_year(session, org, year, date(year + 1, 4, 1)).start + timedelta(days=280)
    ballot = project_ballot.create(
        session, actor, "Which projects should the savings pay for?",
        [ids["Community garden"], ids["Youth football sessions"], mural], 2, "approval", held,
    )  # fmt: skip
    for number in range(1, 49):
        marks = [position for position, support in ((1, 0.7), (2, 0.6), (3, 0.35))
                 if rng.random() < support] or [rng.randint(1, 3)]  # fmt: skip
        project_ballot.enter_paper(session, actor, ballot, number, marks)
    project_ballot.declare(
        session, actor, ballot, seed=2025, item_id=_item_for(session, actor, held)
    )


def _item_for(session: Session, actor: Actor, held: date) -> int | None:
    """An agenda item of the first meeting after ``held`` whose minutes are still open, to
    minute the ballot's result in (none when no such meeting has been held)."""
    from app.services.meetings import agenda, schedule

    org = actor.organisation_id or 0
    after = [m for m in schedule.list_meetings(session, org)
             if m.held_on > held and m.status in ("held", "draft")]  # fmt: skip
    if not after:
        return None
    meeting = min(after, key=lambda m: m.held_on)
    return agenda.add_item(session, actor, meeting.id, "Community projects: the members' ballot")


def demo_performance(session: Session, actor: Actor, rng: random.Random, today: date) -> None:
    """Everything above, for the last two complete years (and this year so far)."""
    org = actor.organisation_id or 0
    current = financial_year(session, org, None, today).start.year + 1  # the year under way
    years = [current - 2, current - 1, current]
    indicators.switch_on(session, actor, [*QUARTERLY, "RP01", *LEANING])
    _quarters(session, actor, rng, years, today)
    last = years[1]
    indicators.record(session, actor, indicators.find_indicator(session, org, "RP01").id,
                      last, 0, 9, HOMES)  # fmt: skip
    earlier = {"TP01": (41, 58), "TP02": (22, 31), "TP04": (38, 57), "TP05": (45, 56)}
    for code, (first, second) in earlier.items():  # last but one year's survey, typed in
        row = indicators.find_indicator(session, org, code)
        indicators.record(session, actor, row.id, years[0], 0, first, second, source="survey")
    survey = _survey(session, actor, rng, last)
    surveys.feed_indicators(session, actor, survey)
    _reach(session, actor, rng, last, today)
    _social_value(session, actor, last)
    _project_ballot(session, actor, rng, last)
    annual.save_words(
        session, actor, last,
        chair="This was the year residents chose how to spend the estate's savings: a new "
              "playground, a community garden and football for our young people. Thank you "
              "to every volunteer who gave their evenings to the board and its committees.",
        treasurer="We kept within budget on every service line and saved enough to fund "
                  "three community projects. The accounts were examined independently and "
                  "the examiner raised no concerns.",
    )  # fmt: skip
