"""The federation: figures rolled up across the centres a person may see.

Other packages use ``rollup`` (the figures) and ``visible_organisations``.
"""

from app.services.federation.rollup import (
    FIGURES,
    CentreFigures,
    Rollup,
    centre_figures,
    rollup,
    visible_organisations,
)

__all__ = [
    "FIGURES",
    "CentreFigures",
    "Rollup",
    "centre_figures",
    "rollup",
    "visible_organisations",
]
