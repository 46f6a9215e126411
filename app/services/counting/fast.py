"""Which ``Piles`` to count with: the C build (``_cpiles``) when it is current, else ``piles.py``.

``make`` compiles ``_cpiles.c`` with the C compiler and builds into it the SHA-256
of the text it was made from. That build is used only while it matches
``_cpiles.c`` beside it (or when there is no source to compare, as in the
installed bundle), and for counts whose figures fit its 64 bits; otherwise, or
where no compiler was found, the plain Python runs. Both give the same figures:
the tests count every case with each.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path
from types import ModuleType

from app.services.counting import piles as python
from app.services.counting.blt import Election

SOURCE = Path(__file__).with_name("_cpiles.c")


def _current_build() -> ModuleType | None:
    if os.environ.get("MUTUALDESK_PURE_PYTHON"):
        return None
    try:
        # by name: the compiled module is not Python source, and may not be built
        _cpiles = importlib.import_module("app.services.counting._cpiles")
    except ImportError:
        return None
    built: ModuleType = _cpiles
    try:
        text = SOURCE.read_bytes()
    except OSError:  # no source beside it (a frozen bundle): the build is all there is
        return built
    if getattr(built, "SOURCE_SHA256", None) != hashlib.sha256(text).hexdigest():
        return None
    return built


BUILD = _current_build()


def Piles(election: Election, unit: int) -> python.Piles:
    """The piles of one count, from the C build where it can, else from ``piles.py``."""
    if BUILD is not None:
        try:
            return BUILD.Piles(election, unit)  # type: ignore[no-any-return]
        except OverflowError:  # figures beyond its 64 bits: Python's integers have no limit
            pass
    return python.Piles(election, unit)
