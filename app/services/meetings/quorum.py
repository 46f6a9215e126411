"""The quorum rule: a pure engine (no database, no Qt).

A rule is "at least ``minimum`` people, and at least ``num``/``den`` of the
base", where the base is the board seats filled on the meeting date, the
members entitled to vote, or nothing. Fractions are rounded up: a third of 10
seats is 4 people, never 3.33. Integer arithmetic only.
"""

from __future__ import annotations

from dataclasses import dataclass

BASES: dict[str, str] = {
    "none": "a fixed number",
    "board": "board seats filled",
    "members": "members entitled to vote",
}


@dataclass(frozen=True)
class QuorumRule:
    minimum: int = 0
    num: int = 0
    den: int = 1
    base: str = "none"

    def needed(self, base_count: int) -> int:
        """How many must be present: the larger of the minimum and the fraction (rounded up)."""
        share = 0 if self.base == "none" else -(-base_count * self.num // self.den)
        return max(self.minimum, share, 1)

    def describe(self) -> str:
        """'at least 3, and at least 1/3 of board seats filled'."""
        parts = []
        if self.minimum:
            parts.append(f"at least {self.minimum}")
        if self.base != "none" and self.num:
            fraction = (
                f"{self.num * 100 // self.den}%" if self.den == 100 else f"{self.num}/{self.den}"
            )
            parts.append(f"at least {fraction} of {BASES[self.base]}")
        return ", and ".join(parts) or "at least 1"


@dataclass(frozen=True)
class Quorum:
    """The quorum at one moment of a meeting."""

    needed: int
    present: int
    base_count: int
    rule: QuorumRule

    @property
    def quorate(self) -> bool:
        return self.present >= self.needed

    @property
    def short_by(self) -> int:
        return max(0, self.needed - self.present)

    def headline(self) -> str:
        """What the screen shows: never colour alone, always words."""
        if self.quorate:
            return f"Quorate: {self.present} present, {self.needed} needed."
        return f"NOT QUORATE: {self.present} present, {self.needed} needed ({self.short_by} more)."

    def statement(self) -> str:
        """The sentence written into the minutes."""
        base = ""
        if self.rule.base != "none":
            base = f" ({BASES[self.rule.base]}: {self.base_count})"
        verdict = "The meeting was quorate" if self.quorate else "The meeting was NOT quorate"
        return (
            f"{verdict}: {self.present} entitled to count were present; the quorum is "
            f"{self.rule.describe()}{base}, that is {self.needed}."
        )


def evaluate(rule: QuorumRule, present: int, base_count: int) -> Quorum:
    """The quorum for ``present`` people counted against ``base_count``."""
    return Quorum(rule.needed(base_count), present, base_count, rule)
