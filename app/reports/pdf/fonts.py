"""The bundled TTF (DejaVu Sans), registered once, so every name renders."""

from __future__ import annotations

from functools import cache

from app import paths

REGULAR = "MutualDeskSans"
BOLD = "MutualDeskSans-Bold"


@cache
def register() -> tuple[str, str]:
    """Register the fonts with ReportLab; returns (regular, bold) names."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = paths.resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(REGULAR, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    for bold, italic in ((0, 0), (0, 1)):
        addMapping(REGULAR, bold, italic, REGULAR)
    for italic in (0, 1):
        addMapping(REGULAR, 1, italic, BOLD)
    return REGULAR, BOLD


def missing_glyphs(text: str) -> set[str]:
    """Characters of ``text`` the bundled font cannot draw (they would print as boxes)."""
    from reportlab.pdfbase import pdfmetrics

    register()
    face = pdfmetrics.getFont(REGULAR).face
    return {ch for ch in text if not ch.isspace() and ord(ch) not in face.charToGlyph}
