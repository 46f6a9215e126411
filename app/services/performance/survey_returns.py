"""Paper questionnaires typed in, and typed a second time to check them (as ballots
are): a second typing that matches marks the questionnaire checked; one that does not
lists the questions the two disagree on, in words, and changes nothing until one typing
is put right from the paper."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Issue, UserError
from app.models import Survey, SurveyAnswer, SurveyQuestion, SurveyReturn
from app.services.accounts import audit
from app.services.accounts.roles import Actor
from app.services.common.validation import raise_if_any
from app.services.performance.access import recorder_org
from app.services.performance.surveys import CHOICES, TEXT, owned_survey, questions


def _typed_issues(asked: dict[int, SurveyQuestion],
                  answers: dict[int, int | str]) -> list[Issue | None]:  # fmt: skip
    """What is wrong with ``answers`` for the questions ``asked`` (by position)."""
    issues: list[Issue | None] = []
    for position, answer in answers.items():
        question = asked.get(position)
        if question is None:
            issues.append(Issue("answers", f"The survey has no question {position}."))
        elif question.kind == TEXT and not isinstance(answer, str):
            issues.append(Issue("answers", f"Question {position} takes words."))
        elif question.kind != TEXT and (
            not isinstance(answer, int) or not 1 <= answer <= len(CHOICES[question.kind])
        ):
            issues.append(Issue("answers", f"Question {position} takes a choice from 1 to "
                                           f"{len(CHOICES[question.kind])}."))  # fmt: skip
        elif isinstance(answer, str) and len(answer) > 4000:
            issues.append(Issue("answers", f"The words for question {position} are too long."))
    return issues


def _open_survey(session: Session, actor: Actor, survey_id: int) -> Survey:
    survey = owned_survey(session, recorder_org(actor), survey_id)
    if survey.closed:
        raise UserError(f"'{survey.name}' is closed: no more returns can be typed in.")
    return survey


def _kept(answers: dict[int, int | str]) -> dict[int, int | str]:
    """The answers as kept: words trimmed, a blank left out."""
    return {p: a.strip() if isinstance(a, str) else a for p, a in answers.items()
            if not (isinstance(a, str) and not a.strip())}  # fmt: skip


def _store(session: Session, paper: SurveyReturn, asked: dict[int, SurveyQuestion],
           answers: dict[int, int | str]) -> None:  # fmt: skip
    for position, answer in sorted(_kept(answers).items()):
        session.add(SurveyAnswer(
            return_id=paper.id, question_id=asked[position].id,
            choice=answer if isinstance(answer, int) else None,
            words=answer if isinstance(answer, str) else "",
        ))  # fmt: skip
    session.flush()


def enter_return(
    session: Session, actor: Actor, survey_id: int, number: int, answers: dict[int, int | str]
) -> int:
    """Type in questionnaire ``number``: its answers by question position (a choice 1-5,
    1-2 for yes/no, or words); a question left blank is left out. The return's id."""
    _open_survey(session, actor, survey_id)
    asked = {q.position: q for q in questions(session, survey_id)}
    issues: list[Issue | None] = []
    if not 0 < number <= 1_000_000:
        issues.append(Issue("number", "Give the number printed on the questionnaire."))
    elif _return(session, survey_id, number) is not None:
        issues.append(Issue("number", f"Questionnaire {number} is typed in already."))
    raise_if_any([*issues, *_typed_issues(asked, answers)])
    paper = SurveyReturn(survey_id=survey_id, number=number, entered_by=actor.username)
    session.add(paper)
    session.flush()
    _store(session, paper, asked, answers)
    audit.record(session, actor, "enter return", "survey", survey_id,
                 after={"number": number, "answers": len(answers)})  # fmt: skip
    return paper.id


def _return(session: Session, survey_id: int, number: int) -> SurveyReturn | None:
    return session.scalar(select(SurveyReturn).where(SurveyReturn.survey_id == survey_id,
                                                     SurveyReturn.number == number))  # fmt: skip


def _typed_return(session: Session, survey_id: int, number: int) -> SurveyReturn:
    paper = _return(session, survey_id, number)
    if paper is None:
        said = f"Questionnaire {number} has not been typed in yet: type it in first."
        raise UserError.from_issues([Issue("number", said)])
    return paper


def _someone_else(actor: Actor, paper: SurveyReturn) -> None:
    """A questionnaire is checked (or put right) by someone other than its first typist,
    as a ballot's second teller is."""
    if paper.entered_by and actor.username == paper.entered_by:
        raise UserError.from_issues([Issue("number", f"You typed questionnaire {paper.number} "
                                                     "in: someone else types it again to check "
                                                     "it.")])  # fmt: skip


def _as_typed(session: Session, paper: SurveyReturn) -> dict[int, int | str]:
    rows = session.execute(
        select(SurveyQuestion.position, SurveyAnswer.choice, SurveyAnswer.words)
        .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
        .where(SurveyAnswer.return_id == paper.id)
    ).all()
    return {p: choice if choice is not None else words for p, choice, words in rows}


@dataclass(frozen=True)
class Difference:
    """A question the two typings of a questionnaire disagree on, each in words."""

    position: int
    first: str
    second: str

    @property
    def text(self) -> str:
        return f"question {self.position}: first typed {self.first}, now {self.second}"


def _words(question: SurveyQuestion, answer: int | str | None) -> str:
    if answer is None:
        return "(not answered)"
    if isinstance(answer, str):
        return f"“{answer}”"
    return f"“{CHOICES[question.kind][answer - 1]}”"


def check_return(
    session: Session, actor: Actor, survey_id: int, number: int, answers: dict[int, int | str]
) -> list[Difference]:
    """Questionnaire ``number`` typed a second time (as ballots are): where it matches the
    first typing, it is marked checked by ``actor``; where it does not, the differences
    are returned and nothing changes (look at the paper, then correct one typing)."""
    _open_survey(session, actor, survey_id)
    asked = {q.position: q for q in questions(session, survey_id)}
    raise_if_any(_typed_issues(asked, answers))
    paper = _typed_return(session, survey_id, number)
    _someone_else(actor, paper)
    first, second = _as_typed(session, paper), _kept(answers)
    differences = [
        Difference(position, _words(asked[position], first.get(position)),
                   _words(asked[position], second.get(position)))
        for position in sorted(set(first) | set(second))
        if first.get(position) != second.get(position)
    ]  # fmt: skip
    if not differences:
        paper.checked_by = actor.username
        session.flush()
        audit.record(session, actor, "check return", "survey", survey_id,
                     after={"number": number})  # fmt: skip
    return differences


def correct_return(
    session: Session, actor: Actor, survey_id: int, number: int, answers: dict[int, int | str]
) -> None:
    """Put right questionnaire ``number`` from the paper: its answers become ``answers``,
    and it counts as checked by ``actor``."""
    _open_survey(session, actor, survey_id)
    asked = {q.position: q for q in questions(session, survey_id)}
    raise_if_any(_typed_issues(asked, answers))
    paper = _typed_return(session, survey_id, number)
    _someone_else(actor, paper)
    before = _as_typed(session, paper)
    for row in session.scalars(select(SurveyAnswer).where(SurveyAnswer.return_id == paper.id)):
        session.delete(row)
    session.flush()
    _store(session, paper, asked, answers)
    paper.checked_by = actor.username
    session.flush()
    audit.record(session, actor, "correct return", "survey", survey_id,
                 before={"number": number, "answers": before},
                 after={"number": number, "answers": _kept(answers)})  # fmt: skip


def typed_and_checked(session: Session, survey_id: int) -> tuple[int, int]:
    """How many questionnaires are typed in, and how many of them checked."""
    rows = session.execute(
        select(SurveyReturn.checked_by).where(SurveyReturn.survey_id == survey_id)
    ).all()
    return len(rows), sum(1 for (who,) in rows if who)
