"""Surveys on paper: the questions (five-point satisfaction or agreement, yes or no,
free text), returns typed in, results per question, and the tenant perception survey
ready-made with the questions worded as the Regulator of Social Housing's Tenant Survey
Requirements word them. Its results give TP01-TP12 as the Regulator counts them: the
share answering "very" or "fairly" satisfied (or agreeing), of all who answered the
question; a question asked only of those who answered yes to another (a repair, a
complaint, communal areas) counts only their answers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import Survey, SurveyAnswer, SurveyQuestion, SurveyReturn
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.performance import indicators
from app.services.performance.access import recorder_org

SATISFACTION, AGREEMENT, YES_NO, TEXT = "satisfaction", "agreement", "yes_no", "text"
CHOICES = {
    SATISFACTION: ("Very satisfied", "Fairly satisfied", "Neither satisfied nor dissatisfied",
                   "Fairly dissatisfied", "Very dissatisfied"),
    AGREEMENT: ("Strongly agree", "Agree", "Neither agree nor disagree", "Disagree",
                "Strongly disagree"),
    YES_NO: ("Yes", "No"),
    TEXT: (),
}  # fmt: skip
TENANT_PERCEPTION = "tenant perception"
L = "{landlord}"
# (code, wording, kind, the code of the yes/no question it depends on)
TP_QUESTIONS: tuple[tuple[str, str, str, str], ...] = (
    ("TP01", f"Taking everything into account, how satisfied or dissatisfied are you with the "
             f"service provided by {L}?", SATISFACTION, ""),
    ("REPAIR", f"Has {L} carried out a repair to your home in the last 12 months?", YES_NO, ""),
    ("TP02", f"How satisfied or dissatisfied are you with the overall repairs service from {L} "
             "over the last 12 months?", SATISFACTION, "REPAIR"),
    ("TP03", "How satisfied or dissatisfied are you with the time taken to complete your most "
             "recent repair after you reported it?", SATISFACTION, "REPAIR"),
    ("TP04", f"How satisfied or dissatisfied are you that {L} provides a home that is well "
             "maintained?", SATISFACTION, ""),
    ("TP05", "Thinking about the condition of the property or building you live in, how "
             f"satisfied or dissatisfied are you that {L} provides a home that is safe?",
     SATISFACTION, ""),
    ("TP06", f"How satisfied or dissatisfied are you that {L} listens to your views and acts "
             "upon them?", SATISFACTION, ""),
    ("TP07", f"How satisfied or dissatisfied are you that {L} keeps you informed about things "
             "that matter to you?", SATISFACTION, ""),
    ("TP08", "To what extent do you agree or disagree with the following: "
             f"\"{L} treats me fairly and with respect\"?", AGREEMENT, ""),
    ("COMPLAINT", f"Have you made a complaint to {L} in the last 12 months?", YES_NO, ""),
    ("TP09", f"How satisfied or dissatisfied are you with {L}'s approach to complaints "
             "handling?", SATISFACTION, "COMPLAINT"),
    ("COMMUNAL", "Do you live in a building with communal areas, either inside or outside, "
                 f"that {L} is responsible for maintaining?", YES_NO, ""),
    ("TP10", f"How satisfied or dissatisfied are you that {L} keeps these communal areas clean "
             "and well maintained?", SATISFACTION, "COMMUNAL"),
    ("TP11", f"How satisfied or dissatisfied are you that {L} makes a positive contribution "
             "to your neighbourhood?", SATISFACTION, ""),
    ("TP12", f"How satisfied or dissatisfied are you with {L}'s approach to handling "
             "anti-social behaviour?", SATISFACTION, ""),
    ("WHY", "Is there anything else you would like to tell us about our services?", TEXT, ""),
)  # fmt: skip


def owned_survey(session: Session, org_id: int, survey_id: int) -> Survey:
    row = session.get(Survey, survey_id)
    if row is None or row.organisation_id != org_id:
        raise UserError("That survey is not one of this organisation's.")
    return row


def tenant_perception(
    session: Session, actor: Actor, start_year: int, landlord: str, name: str = ""
) -> int:
    """Set up the tenant perception survey for the year, its questions worded as the
    Regulator words them (``landlord`` named in them); the survey's id."""
    org_id = recorder_org(actor)
    landlord = " ".join(landlord.split())
    if not landlord:
        raise UserError("Name the landlord the questions ask about (e.g. the council).")
    title = name.strip() or f"Tenant perception survey {indicators.period_label(start_year, 0)}"
    if session.scalar(select(Survey.id).where(Survey.organisation_id == org_id,
                                              Survey.name == title)):  # fmt: skip
        raise UserError(f"There is already a survey called '{title}'.")
    survey = Survey(organisation_id=org_id, name=title, kind=TENANT_PERCEPTION,
                    start_year=start_year)  # fmt: skip
    session.add(survey)
    session.flush()
    ids: dict[str, int] = {}
    for position, (code, wording, kind, after) in enumerate(TP_QUESTIONS, start=1):
        question = SurveyQuestion(
            survey_id=survey.id, position=position, code=code, kind=kind,
            wording=wording.replace(L, landlord), only_if_yes_to=ids.get(after),
        )  # fmt: skip
        session.add(question)
        session.flush()
        ids[code] = question.id
    audit.record(session, actor, "create", "survey", survey.id,
                 after={"name": title, "kind": TENANT_PERCEPTION})  # fmt: skip
    return survey.id


def questions(session: Session, survey_id: int) -> list[SurveyQuestion]:
    """The survey's questions in order."""
    return list(
        session.scalars(
            select(SurveyQuestion)
            .where(SurveyQuestion.survey_id == survey_id)
            .order_by(SurveyQuestion.position)
        )
    )


@dataclass(frozen=True)
class QuestionResult:
    """What the returns said to one question."""

    position: int
    code: str
    wording: str
    kind: str
    counts: tuple[int, ...]  # how many gave each choice, in order
    answered: int  # who answered (and, for a follow-on question, said yes before it)
    favourable: int  # very or fairly satisfied; strongly agree or agree; yes
    words: tuple[str, ...]

    @property
    def share(self) -> Decimal | None:
        """The favourable share of those who answered, as a percentage (exact)."""
        return None if not self.answered else Decimal(self.favourable) * 100 / self.answered

    @property
    def shown(self) -> str:
        """'66.7%', or '–' when nobody answered."""
        share = self.share
        return "–" if share is None else f"{share.quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def results(session: Session, survey_id: int) -> list[QuestionResult]:
    """Each question's results, counted as the Regulator counts them."""
    asked = questions(session, survey_id)
    rows = session.execute(
        select(SurveyAnswer.return_id, SurveyAnswer.question_id, SurveyAnswer.choice,
               SurveyAnswer.words)
        .join(SurveyReturn, SurveyReturn.id == SurveyAnswer.return_id)
        .where(SurveyReturn.survey_id == survey_id)
        .order_by(SurveyReturn.number)
    ).all()  # fmt: skip
    given = {(r.return_id, r.question_id): r for r in rows}
    papers = sorted({r.return_id for r in rows})
    found = []
    for question in asked:
        counted: Counter[int] = Counter()
        words = []
        for paper in papers:
            answer = given.get((paper, question.id))
            if answer is None:
                continue
            if question.only_if_yes_to is not None:
                gate = given.get((paper, question.only_if_yes_to))
                if gate is None or gate.choice != 1:
                    continue  # asked only of those who said yes
            if question.kind == TEXT:
                words.append(answer.words)
            elif answer.choice is not None:
                counted[answer.choice] += 1
        size = len(CHOICES[question.kind])
        counts = tuple(counted[c] for c in range(1, size + 1))
        favourable = counts[0] if question.kind == YES_NO else sum(counts[:2])
        found.append(QuestionResult(
            question.position, question.code, question.wording, question.kind, counts,
            sum(counts), favourable if counts else 0, tuple(words),
        ))  # fmt: skip
    return found


def feed_indicators(session: Session, actor: Actor, survey_id: int) -> list[str]:
    """Record each TP result of the survey as its indicator's figures for the survey's
    year (switching the indicator on where it is not): favourable of answered. The
    codes recorded."""
    from app.services.performance.library import find

    org_id = recorder_org(actor)
    survey = owned_survey(session, org_id, survey_id)
    done = []
    for result in results(session, survey_id):
        if find(result.code) is None or not result.answered:
            continue
        indicators.switch_on(session, actor, [result.code])
        row = indicators.find_indicator(session, org_id, result.code)
        indicators.record(session, actor, row.id, survey.start_year, 0, result.favourable,
                          result.answered, source=f"survey: {survey.name}")  # fmt: skip
        done.append(result.code)
    return done


def list_surveys(session: Session, organisation_id: int) -> list[tuple[str, int]]:
    """The organisation's surveys, newest year first: (name, id)."""
    rows = session.execute(
        select(Survey.name, Survey.id)
        .where(Survey.organisation_id == organisation_id)
        .order_by(Survey.start_year.desc(), Survey.name)
    ).all()
    return [(name, survey_id) for name, survey_id in rows]
