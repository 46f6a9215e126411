"""What a mutual measures: its performance indicators and their figures, the reach of a
Children's Centre (counts only, never a child's record), surveys and their returns,
social return on investment worksheets, and the words of the annual report."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, OrgOwned, utc_now


class Indicator(OrgOwned, Base):
    """An indicator switched on (from the library, or the organisation's own): worked out
    from two figures typed per period. Decimals are kept in hundredths."""

    __tablename__ = "indicators"
    __table_args__ = (UniqueConstraint("organisation_id", "code", name="uq_indicators_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    method: Mapped[str] = mapped_column(String(20), nullable=False)
    first_label: Mapped[str] = mapped_column(String(200), nullable=False)
    second_label: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    unit: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    target_hundredths: Mapped[int | None] = mapped_column(nullable=True)
    close_hundredths: Mapped[int] = mapped_column(nullable=False, default=100)
    higher_is_better: Mapped[bool] = mapped_column(nullable=False, default=True)
    frequency: Mapped[str] = mapped_column(String(20), nullable=False, default="quarterly")
    # how the year comes from the quarters: added, rate (per homes) or latest
    year_rule: Mapped[str] = mapped_column(String(10), nullable=False, default="added")
    group_name: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    money: Mapped[bool] = mapped_column(nullable=False, default=False)
    from_library: Mapped[bool] = mapped_column(nullable=False, default=False)
    active: Mapped[bool] = mapped_column(nullable=False, default=True)


class IndicatorFigure(Base):
    """An indicator's two figures for one period (pence when the indicator is money)."""

    __tablename__ = "indicator_figures"
    __table_args__ = (
        UniqueConstraint("indicator_id", "start_year", "quarter", name="uq_indicator_figures"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicators.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    start_year: Mapped[int] = mapped_column(nullable=False)  # the financial year's start
    quarter: Mapped[int] = mapped_column(nullable=False)  # 0: the whole year
    first: Mapped[int] = mapped_column(nullable=False)
    second: Mapped[int | None] = mapped_column(nullable=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    source: Mapped[str] = mapped_column(String(40), nullable=False, default="typed")


class ReachCount(OrgOwned, Base):
    """How many families or children, of a group, for a period: counts only."""

    __tablename__ = "reach_counts"
    __table_args__ = (
        UniqueConstraint(
            "organisation_id", "start_year", "quarter", "measure", "group_name",
            name="uq_reach_counts_period",
        ),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    start_year: Mapped[int] = mapped_column(nullable=False)
    quarter: Mapped[int] = mapped_column(nullable=False)
    measure: Mapped[str] = mapped_column(String(60), nullable=False)
    group_name: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    count: Mapped[int] = mapped_column(nullable=False)


class Activity(OrgOwned, Base):
    """A regular activity (a stay-and-play, a baby group) whose sessions are counted."""

    __tablename__ = "activities"
    __table_args__ = (UniqueConstraint("organisation_id", "name", name="uq_activities_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    active: Mapped[bool] = mapped_column(nullable=False, default=True)


class ActivitySession(Base):
    """One session of an activity and how many came (a number, never names)."""

    __tablename__ = "activity_sessions"
    __table_args__ = (
        UniqueConstraint("activity_id", "held_on", name="uq_activity_sessions_held_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    held_on: Mapped[date] = mapped_column(nullable=False)
    attendance: Mapped[int] = mapped_column(nullable=False)
    counted_from: Mapped[str] = mapped_column(String(20), nullable=False, default="register")


class ProjectResult(Base):
    """One result of a community project, in words and (where there is one) a figure."""

    __tablename__ = "project_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("community_projects.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(nullable=False, default=0)
    words: Mapped[str] = mapped_column(Text, nullable=False)
    figure: Mapped[int | None] = mapped_column(nullable=True)
    unit: Mapped[str] = mapped_column(String(40), nullable=False, default="")


class Survey(OrgOwned, Base):
    """A paper questionnaire: its questions, and the returns typed in from it."""

    __tablename__ = "surveys"
    __table_args__ = (UniqueConstraint("organisation_id", "name", name="uq_surveys_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False, default="own")
    start_year: Mapped[int] = mapped_column(nullable=False)
    closed: Mapped[bool] = mapped_column(nullable=False, default=False)


class SurveyQuestion(Base):
    """A question: five-point satisfaction or agreement, yes or no, or free text; asked
    only of those who answered yes to another where ``only_if_yes_to`` says so."""

    __tablename__ = "survey_questions"
    __table_args__ = (
        UniqueConstraint("survey_id", "position", name="uq_survey_questions_position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(
        ForeignKey("surveys.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(nullable=False)
    code: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    wording: Mapped[str] = mapped_column(Text, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    only_if_yes_to: Mapped[int | None] = mapped_column(
        ForeignKey("survey_questions.id", ondelete="RESTRICT"), nullable=True
    )


class SurveyReturn(Base):
    """One questionnaire typed in (numbered as the paper is)."""

    __tablename__ = "survey_returns"
    __table_args__ = (UniqueConstraint("survey_id", "number", name="uq_survey_returns_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(
        ForeignKey("surveys.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    number: Mapped[int] = mapped_column(nullable=False)
    entered_by: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    entered_at: Mapped[datetime] = mapped_column(nullable=False, default=utc_now)
    # who typed it again and found it the same, or corrected it from the paper
    checked_by: Mapped[str] = mapped_column(String(60), nullable=False, default="")


class SurveyAnswer(Base):
    """One answer on a return: a choice (1 = very satisfied / strongly agree / yes ... 5)
    or words; a question left blank has no row."""

    __tablename__ = "survey_answers"

    return_id: Mapped[int] = mapped_column(
        ForeignKey("survey_returns.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("survey_questions.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    choice: Mapped[int | None] = mapped_column(nullable=True)
    words: Mapped[str] = mapped_column(Text, nullable=False, default="")


class SroiWorksheet(OrgOwned, Base):
    """A social return on investment worksheet, for a project or for a year."""

    __tablename__ = "sroi_worksheets"
    __table_args__ = (UniqueConstraint("organisation_id", "name", name="uq_sroi_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    start_year: Mapped[int] = mapped_column(nullable=False)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("community_projects.id", ondelete="RESTRICT"), nullable=True
    )
    investment_pence: Mapped[int] = mapped_column(nullable=False)
    discount_basis_points: Mapped[int] = mapped_column(nullable=False, default=350)


class SroiOutcome(Base):
    """One outcome for one stakeholder: how much, its financial proxy, how long it lasts,
    and the reductions (in basis points: 2500 is 25%)."""

    __tablename__ = "sroi_outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    worksheet_id: Mapped[int] = mapped_column(
        ForeignKey("sroi_worksheets.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(nullable=False, default=0)
    stakeholder: Mapped[str] = mapped_column(String(120), nullable=False)
    outcome: Mapped[str] = mapped_column(Text, nullable=False)
    indicator: Mapped[str] = mapped_column(Text, nullable=False, default="")
    quantity: Mapped[int] = mapped_column(nullable=False)
    proxy_pence: Mapped[int] = mapped_column(nullable=False)
    proxy_source: Mapped[str] = mapped_column(Text, nullable=False, default="")
    duration_years: Mapped[int] = mapped_column(nullable=False, default=1)
    deadweight_bp: Mapped[int] = mapped_column(nullable=False, default=0)
    attribution_bp: Mapped[int] = mapped_column(nullable=False, default=0)
    displacement_bp: Mapped[int] = mapped_column(nullable=False, default=0)
    drop_off_bp: Mapped[int] = mapped_column(nullable=False, default=0)


class AnnualReportWords(OrgOwned, Base):
    """What the chair and the treasurer say in the year's annual report (typed)."""

    __tablename__ = "annual_report_words"
    __table_args__ = (
        UniqueConstraint("organisation_id", "start_year", name="uq_annual_report_words_year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    start_year: Mapped[int] = mapped_column(nullable=False)
    chair: Mapped[str] = mapped_column(Text, nullable=False, default="")
    treasurer: Mapped[str] = mapped_column(Text, nullable=False, default="")


class ProjectBallot(OrgOwned, Base):
    """Members choosing which community projects go ahead: an approval vote (mark every
    project you support) or a ranked count (STV), of ``places`` projects."""

    __tablename__ = "project_ballots"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    method: Mapped[str] = mapped_column(String(20), nullable=False)
    places: Mapped[int] = mapped_column(nullable=False)
    held_on: Mapped[date] = mapped_column(nullable=False)
    declared: Mapped[bool] = mapped_column(nullable=False, default=False)
    count_json: Mapped[str] = mapped_column(Text, nullable=False, default="")
    seed: Mapped[str] = mapped_column(String(40), nullable=False, default="")


class ProjectBallotChoice(Base):
    """A project on the ballot paper, at its position."""

    __tablename__ = "project_ballot_choices"
    __table_args__ = (
        UniqueConstraint("ballot_id", "project_id", name="uq_project_ballot_choices_project"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(
        ForeignKey("project_ballots.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    project_id: Mapped[int] = mapped_column(
        ForeignKey("community_projects.id", ondelete="RESTRICT"), nullable=False
    )
    position: Mapped[int] = mapped_column(nullable=False)


class ProjectBallotPaper(Base):
    """One paper as marked: the positions marked (in order of preference, when ranked)."""

    __tablename__ = "project_ballot_papers"
    __table_args__ = (
        UniqueConstraint("ballot_id", "number", name="uq_project_ballot_papers_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(
        ForeignKey("project_ballots.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    number: Mapped[int] = mapped_column(nullable=False)
    marks: Mapped[str] = mapped_column(String(200), nullable=False)
