"""Counting an election held in the app: the papers to the counter, the result to a declaration.

The counter (`app.services.counting`) knows nothing of the database; this
module feeds it the accepted papers (`elections.ballots_for_count`), maps the
names it elects back to nominations, and stores the result through
`elections.declare`, which locks the election. Declaring counts again with
the seed the returning officer saw, so the declared result is the one shown.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.errors import UserError
from app.services import elections
from app.services.accounts.roles import Actor
from app.services.counting import Election as Ballots
from app.services.counting import count as run_counter
from app.services.counting import resolution, write_blt
from app.services.elections import ElectionState
from app.services.elections.common import ElectionKind


@dataclass(frozen=True)
class CountOutcome:
    """What a count shows the returning officer, and what declaring stores."""

    sheet: str  # the stage-by-stage count sheet, plain text
    elected: tuple[str, ...]  # names in order of election (empty for a resolution)
    elected_ids: tuple[int, ...]  # their nominations
    seed: int
    quota: str
    as_json: str


def _labels(names: tuple[str, ...]) -> tuple[str, ...]:
    """Candidates' names, made unique ("Zoë Wróbel (2)") so the count can tell them apart."""
    seen: Counter[str] = Counter()
    totals = Counter(names)
    labels = []
    for name in names:
        seen[name] += 1
        labels.append(f"{name} ({seen[name]})" if totals[name] > 1 else name)
    return tuple(labels)


def _resolution(info: elections.ElectionInfo, papers: list[tuple[int, ...]]) -> CountOutcome:
    answers = Counter(p[0] for p in papers)
    kind = resolution.SPECIAL if info.special_resolution else resolution.ORDINARY
    outcome = resolution.decide(answers[1], answers[2], answers[3], kind)
    sheet = (
        f"{info.title}\n{info.resolution_text}\n\n"
        f"For: {outcome.votes_for}   Against: {outcome.against}   "
        f"Abstentions: {outcome.abstain}\n{outcome.explanation}\n"
    )
    data = {"method": "resolution", **outcome.to_dict(), "elected": [], "stages": []}
    return CountOutcome(sheet, (), (), 0, "", json.dumps(data, ensure_ascii=False))


def count_election(
    session: Session, organisation_id: int, election_id: int, seed: int | None = None
) -> CountOutcome:
    """Count the accepted papers (nothing is stored); lots, if any, drawn from ``seed``."""
    info = elections.get_election(session, organisation_id, election_id)
    given = elections.ballots_for_count(session, election_id)
    if not given.ballots:
        raise UserError("There are no accepted ballot papers to count yet.")
    if info.kind == ElectionKind.RESOLUTION:
        return _resolution(info, given.ballots)
    names = _labels(given.candidates)
    ballots = Ballots(
        candidates=names,
        seats=given.seats,
        ballots=tuple((1, tuple(p - 1 for p in paper)) for paper in given.ballots),
        title=info.title,
    )
    result = run_counter(ballots, given.method, seed)
    ids = elections.candidate_ids(session, election_id)
    elected_ids = tuple(ids[names.index(name)] for name in result.elected)
    return CountOutcome(
        sheet=result.count_sheet(),
        elected=tuple(given.candidates[names.index(name)] for name in result.elected),
        elected_ids=elected_ids,
        seed=result.seed,
        quota=result.quota_text,
        as_json=json.dumps(result.to_dict(), ensure_ascii=False),
    )


def declare_election(session: Session, actor: Actor, election_id: int, seed: int) -> CountOutcome:
    """Count again with ``seed`` (the count the returning officer saw), store it, lock it."""
    assert actor.organisation_id is not None
    outcome = count_election(session, actor.organisation_id, election_id, seed)
    stored = json.dumps({**json.loads(outcome.as_json), "sheet": outcome.sheet}, ensure_ascii=False)
    elections.declare(session, actor, election_id, list(outcome.elected_ids), stored, seed)
    return outcome


def declared_outcome(session: Session, organisation_id: int, election_id: int) -> CountOutcome:
    """The count as it was declared (stored), not counted again."""
    info = elections.get_election(session, organisation_id, election_id)
    if info.state != ElectionState.DECLARED:
        raise UserError("The result has not been declared yet.")
    data = json.loads(info.count_json)
    if "sheet" not in data:  # declared before the sheet was stored: count again, same seed
        return count_election(session, organisation_id, election_id, int(info.count_seed or 0))
    return CountOutcome(
        sheet=data["sheet"],
        elected=tuple(data.get("elected", [])),
        elected_ids=(),
        seed=int(info.count_seed) if info.count_seed.isdigit() else 0,
        quota="" if data.get("method") in ("plurality", "resolution") else data.get("quota", ""),
        as_json=info.count_json,
    )


def ballot_file(session: Session, organisation_id: int, election_id: int) -> str:
    """The accepted papers as a ``.blt`` file, to check the count with other STV programs."""

    info = elections.get_election(session, organisation_id, election_id)
    if info.kind == ElectionKind.RESOLUTION:
        raise UserError("A resolution has no candidates, so it has no ballot file.")
    given = elections.ballots_for_count(session, election_id)
    grouped = Counter(tuple(p - 1 for p in paper) for paper in given.ballots)
    ballots = Ballots(
        candidates=_labels(given.candidates),
        seats=given.seats,
        ballots=tuple((weight, ranking) for ranking, weight in sorted(grouped.items())),
        title=info.title.replace('"', "'"),
    )
    return write_blt(ballots)
