"""The record of a count: stages, tie-breaks, the result and its printed count sheet.

Votes are integers in the method's own unit (hundredths for ERS97, hundred-
thousandths for Scottish STV, billionths for Meek, whole votes for plurality);
``places`` says how many decimal places that unit has. Nothing here is a float:
the JSON form writes decimals as strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def fmt(value: int, places: int) -> str:
    """An integer count of 10**-places units as a decimal string ("12.34000")."""
    if places == 0:
        return str(value)
    sign = "-" if value < 0 else ""
    whole, frac = divmod(abs(value), 10**places)
    return f"{sign}{whole}.{frac:0{places}d}"


@dataclass(frozen=True)
class TieBreak:
    """One tie and how it was decided."""

    stage: int
    purpose: str  # "exclude", "surplus order", "elect", "plurality"
    candidates: tuple[str, ...]
    chosen: str
    how: str  # "earlier stage", "later stage", "tie order in file", "lot"
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "purpose": self.purpose,
            "candidates": list(self.candidates),
            "chosen": self.chosen,
            "how": self.how,
            "detail": self.detail,
        }


@dataclass
class Stage:
    """One stage of the count as the result sheet shows it."""

    number: int
    action: str  # "first preferences", "surplus of X", "exclusion of X", ...
    votes: list[int]  # per candidate, after the stage
    transfers: list[int]  # per candidate, change during the stage
    non_transferable: int  # running total of non-transferable votes
    truncation_loss: int  # running total lost to rounding down
    quota: int
    elected: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    transfer_value: int | None = None


@dataclass
class Result:
    """The outcome of a count and everything needed to defend it line by line."""

    method: str
    method_title: str
    candidates: tuple[str, ...]
    seats: int
    valid_papers: int
    invalid_papers: int
    places: int
    quota: int
    elected: list[str]
    stages: list[Stage]
    tie_breaks: list[TieBreak]
    seed: int
    withdrawn: tuple[str, ...] = ()
    arithmetic: str = ""
    title: str = ""

    @property
    def quota_text(self) -> str:
        return fmt(self.quota, self.places)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: names, decimal strings, no floats."""
        p = self.places
        shown = [i for i, n in enumerate(self.candidates) if n not in self.withdrawn]
        return {
            "method": self.method,
            "method_title": self.method_title,
            "title": self.title,
            "arithmetic": self.arithmetic,
            "seats": self.seats,
            "candidates": list(self.candidates),
            "withdrawn": list(self.withdrawn),
            "valid_papers": self.valid_papers,
            "invalid_papers": self.invalid_papers,
            "quota": fmt(self.quota, p),
            "elected": list(self.elected),
            "seed": str(self.seed),
            "tie_breaks": [t.to_dict() for t in self.tie_breaks],
            "stages": [
                {
                    "stage": s.number,
                    "action": s.action,
                    "quota": fmt(s.quota, p),
                    "votes": {self.candidates[i]: fmt(s.votes[i], p) for i in shown},
                    "transfers": {
                        self.candidates[i]: fmt(s.transfers[i], p) for i in shown if s.transfers[i]
                    },
                    "transfer_value": None
                    if s.transfer_value is None
                    else fmt(s.transfer_value, p),
                    "non_transferable": fmt(s.non_transferable, p),
                    "lost_to_rounding": fmt(s.truncation_loss, p),
                    "elected": list(s.elected),
                    "excluded": list(s.excluded),
                    "notes": list(s.notes),
                }
                for s in self.stages
            ],
        }

    def count_sheet(self) -> str:
        """The result sheet as plain text: one column per stage, then the notes."""
        p = self.places
        shown = [i for i, n in enumerate(self.candidates) if n not in self.withdrawn]
        out = [
            f"{self.method_title}" + (f" - {self.title}" if self.title else ""),
            f"Seats: {self.seats}   Valid papers: {self.valid_papers}   "
            f"Invalid papers: {self.invalid_papers}   Quota: {fmt(self.quota, p)}",
        ]
        if self.arithmetic:
            out.append(f"Arithmetic: {self.arithmetic}")
        if self.withdrawn:
            out.append("Withdrawn: " + ", ".join(self.withdrawn))
        out.append(f"Seed for any lot: {self.seed}")
        out.append("")
        width = max([len(self.candidates[i]) for i in shown] + [24])
        for stage in self.stages:
            out.append(f"Stage {stage.number}: {stage.action}")
            if stage.transfer_value is not None:
                out.append(f"  transfer value {fmt(stage.transfer_value, p)}")
            for i in shown:
                change = stage.transfers[i]
                delta = f"{'+' if change >= 0 else ''}{fmt(change, p)}" if change else ""
                out.append(
                    f"  {self.candidates[i]:<{width}} {fmt(stage.votes[i], p):>14} {delta:>14}"
                )
            out.append(f"  {'Non-transferable':<{width}} {fmt(stage.non_transferable, p):>14}")
            if stage.truncation_loss:
                out.append(
                    f"  {'  of which lost to rounding':<{width}} "
                    f"{fmt(stage.truncation_loss, p):>14}"
                )
            if stage.quota != self.quota or stage.number == 1:
                out.append(f"  Quota: {fmt(stage.quota, p)}")
            for name in stage.elected:
                out.append(f"  Elected: {name}")
            for name in stage.excluded:
                out.append(f"  Excluded: {name}")
            out.extend(f"  {note}" for note in stage.notes)
            out.append("")
        if self.tie_breaks:
            out.append("Ties")
            for tie in self.tie_breaks:
                out.append(
                    f"  stage {tie.stage}, {tie.purpose}: {', '.join(tie.candidates)} -> "
                    f"{tie.chosen} ({tie.how}; {tie.detail})"
                )
            out.append("")
        out.append("Elected, in order of election: " + ", ".join(self.elected))
        return "\n".join(out) + "\n"
