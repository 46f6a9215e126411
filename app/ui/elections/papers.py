"""Ballot papers as tellers type them: one line per paper (no Qt here, so it is easy to test).

Ranked (STV) papers list ballot positions in order of preference (``3 1 2``);
X-vote papers list the positions marked (``2 4``); a resolution's paper says
``for``, ``against`` or ``abstain``; ``spoilt: reason`` records a paper that
cannot be counted. Blank lines are skipped.
"""

from __future__ import annotations

from app.errors import Issue, UserError
from app.services.elections import RANKED, ElectionInfo, ElectionKind, NominationInfo, Paper

ANSWER_WORDS = {
    "for": "for",
    "against": "against",
    "abstain": "abstain",
    "f": "for",
    "a": "against",
}


def how_to_type(info: ElectionInfo) -> str:
    """The hint shown above the box."""
    if info.kind == ElectionKind.RESOLUTION:
        return "Type one paper per line: for, against or abstain."
    if info.method in RANKED:
        return (
            "Type one paper per line: the ballot numbers of the candidates in the voter's order "
            "of preference, e.g. '3 1 2' when candidate 3 is marked 1, candidate 1 is marked 2 "
            "and candidate 2 is marked 3."
        )
    return (
        "Type one paper per line: the ballot numbers of the candidates marked with an X, "
        "e.g. '2 4'."
    )


def parse(text: str, info: ElectionInfo, candidates: list[NominationInfo]) -> list[Paper]:
    """The papers in ``text``; a UserError on the ``papers`` field says which line is wrong."""
    positions = {c.ballot_position: c.id for c in candidates if c.ballot_position is not None}
    papers: list[Paper] = []
    problems: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        number = len(papers) + 1
        where = f"Paper {number}"
        lowered = line.lower()
        if lowered.startswith("spoilt"):
            reason = line[len("spoilt") :].lstrip(" :").strip()
            papers.append(Paper(spoilt=reason or "spoilt"))
            continue
        if info.kind == ElectionKind.RESOLUTION:
            answer = ANSWER_WORDS.get(lowered)
            if answer is None:
                problems.append(f"{where}: type for, against or abstain (or 'spoilt: reason').")
            papers.append(Paper(answer=answer or ""))
            continue
        chosen: list[int] = []
        for part in line.replace(",", " ").split():
            if not part.isascii() or not part.isdigit():
                problems.append(f"{where}: '{part}' is not a ballot number.")
                break
            if int(part) not in positions:
                problems.append(
                    f"{where}: there is no candidate {part} on the ballot paper "
                    f"(they are numbered 1 to {len(positions)})."
                )
                break
            chosen.append(positions[int(part)])
        if info.method in RANKED:
            papers.append(Paper(ranking=tuple(chosen)))
        else:
            if len(set(chosen)) != len(chosen):
                problems.append(f"{where}: a candidate is marked twice.")
            papers.append(Paper(marks=frozenset(chosen)))
    if not papers:
        problems.append("Type the papers of the batch, one per line.")
    if problems:
        shown = problems[:5] + ([f"…and {len(problems) - 5} more."] if len(problems) > 5 else [])
        raise UserError.from_issues([Issue("papers", "\n".join(shown))])
    return papers
