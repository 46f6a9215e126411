"""Resolution ballots: for / against / abstain; an ordinary or a special (75%) resolution.

Abstentions are not votes cast. An ordinary resolution passes with more votes for
than against (a tie fails; the chair's casting vote, if the rules give one, is
recorded separately by the meeting). A special resolution needs at least 75% of
the votes cast (for + against) to be for it: exactly 75% passes. Whole numbers only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.errors import UserError

ORDINARY, SPECIAL = "ordinary", "special"


@dataclass(frozen=True)
class ResolutionResult:
    """The outcome and the figures behind it."""

    kind: str
    votes_for: int
    against: int
    abstain: int
    passed: bool
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "for": self.votes_for,
            "against": self.against,
            "abstain": self.abstain,
            "cast": self.votes_for + self.against,
            "passed": self.passed,
            "explanation": self.explanation,
        }


def decide(
    votes_for: int, against: int, abstain: int = 0, kind: str = ORDINARY
) -> ResolutionResult:
    """Decide a resolution from the counted papers."""
    if kind not in (ORDINARY, SPECIAL):
        raise UserError(f"A resolution is '{ORDINARY}' or '{SPECIAL}', not '{kind}'.")
    for label, value in (("for", votes_for), ("against", against), ("abstaining", abstain)):
        if value < 0:
            raise UserError(f"The number of votes {label} cannot be negative ({value}).")
    cast = votes_for + against
    if kind == ORDINARY:
        passed = votes_for > against
        why = f"{votes_for} for, {against} against: " + (
            "more for than against, carried." if passed else "not more for than against, lost."
        )
    else:
        # for / cast >= 3/4, in whole numbers: 4 x for >= 3 x cast.
        passed = cast > 0 and 4 * votes_for >= 3 * cast
        why = (
            f"{votes_for} of {cast} votes cast are for; at least 75% is needed "
            f"({'carried' if passed else 'lost'})."
        )
    return ResolutionResult(kind, votes_for, against, abstain, passed, why)
