"""Avery A4 label sheets: sizes, margins and pitches in millimetres, from Avery's templates.

L7160: 21 labels (3 across, 7 down), 63.5 x 38.1 mm, top margin 15.15 mm,
side margin 7.2 mm, across pitch 66.04 mm, down pitch 38.1 mm.
L7163: 14 labels (2 across, 7 down), 99.1 x 38.1 mm, top margin 15.15 mm,
side margin 4.65 mm, across pitch 101.6 mm, down pitch 38.1 mm.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import UserError


@dataclass(frozen=True)
class LabelSheet:
    """One kind of label sheet (all sizes in mm, from the top left of an A4 page)."""

    code: str
    across: int
    down: int
    width: float
    height: float
    top: float
    left: float
    pitch_across: float
    pitch_down: float

    @property
    def per_sheet(self) -> int:
        """How many labels one sheet holds."""
        return self.across * self.down

    def position(self, index: int) -> tuple[float, float]:
        """(left, top) of label ``index`` (0-based, across then down) in mm."""
        row, col = divmod(index % self.per_sheet, self.across)
        return self.left + col * self.pitch_across, self.top + row * self.pitch_down


SHEETS: dict[str, LabelSheet] = {
    "L7160": LabelSheet("L7160", 3, 7, 63.5, 38.1, 15.15, 7.2, 66.04, 38.1),
    "L7163": LabelSheet("L7163", 2, 7, 99.1, 38.1, 15.15, 4.65, 101.6, 38.1),
}


def sheet(code: str) -> LabelSheet:
    """The sheet called ``code`` (any case), or a UserError naming those we know."""
    found = SHEETS.get(code.strip().upper())
    if found is None:
        raise UserError(
            f"MutualDesk does not know label sheet '{code}'. Choose one of: {', '.join(SHEETS)}."
        )
    return found


def check_start(layout: LabelSheet, start: int) -> None:
    """A UserError unless ``start`` is a label on the sheet (1 is the top left)."""
    if not 1 <= start <= layout.per_sheet:
        raise UserError(
            f"There is no label {start} on an {layout.code} sheet: it has {layout.per_sheet} "
            f"labels, numbered 1 (top left) to {layout.per_sheet}, across then down."
        )
