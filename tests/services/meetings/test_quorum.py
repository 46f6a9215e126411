"""The quorum rule on its own: whole people, rounded up, never float."""

from __future__ import annotations

import pytest

from app.services.meetings.quorum import QuorumRule, evaluate


@pytest.mark.parametrize(
    ("rule", "base", "needed"),
    [
        (QuorumRule(3, 1, 3, "board"), 10, 4),  # a third of 10 is 4 people, not 3.33
        (QuorumRule(3, 1, 3, "board"), 6, 3),  # the minimum wins
        (QuorumRule(0, 1, 2, "board"), 7, 4),  # "a majority of the board"
        (QuorumRule(10, 5, 100, "members"), 1000, 50),
        (QuorumRule(10, 5, 100, "members"), 120, 10),
        (QuorumRule(5), 0, 5),
        (QuorumRule(), 0, 1),  # a meeting of nobody is never quorate
    ],
)
def test_needed(rule: QuorumRule, base: int, needed: int) -> None:
    """The secretary sees the number the rules give, rounded up to whole people."""
    assert rule.needed(base) == needed


def test_statement_and_headline_say_it_in_words() -> None:
    """The warning does not rely on colour: it says NOT QUORATE and how many more."""
    q = evaluate(QuorumRule(3, 1, 3, "board"), present=2, base_count=9)
    assert not q.quorate and q.short_by == 1
    assert q.headline() == "NOT QUORATE: 2 present, 3 needed (1 more)."
    assert "NOT quorate" in q.statement() and "board seats filled: 9" in q.statement()
    assert evaluate(QuorumRule(3, 1, 3, "board"), 3, 9).headline().startswith("Quorate")
    assert QuorumRule(10, 5, 100, "members").describe() == (
        "at least 10, and at least 5% of members entitled to vote"
    )
