"""The federation: figures rolled up across the centres a person may see.

Other packages use ``rollup`` (the figures) and ``visible_organisations``.
"""

from app.services.federation.returns import (
    FederationKey,
    Imported,
    centre_key,
    export_return,
    import_return,
    make_key,
    read_key,
)
from app.services.federation.rollup import (
    FIGURES,
    CentreFigures,
    Rollup,
    acting_for,
    acting_for_id,
    centre_figures,
    returned,
    rollup,
    visible_organisations,
)

__all__ = [
    "FIGURES",
    "CentreFigures",
    "FederationKey",
    "Imported",
    "Rollup",
    "acting_for",
    "acting_for_id",
    "centre_figures",
    "centre_key",
    "export_return",
    "import_return",
    "make_key",
    "read_key",
    "returned",
    "rollup",
    "visible_organisations",
]
