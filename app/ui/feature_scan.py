"""Stop PySide6 reading the source of every module imported after it.

PySide6 watches each import to see whether the module says
`from __feature__ import ...` (PYSIDE-2029). It does that by reading the
module's whole source file, so importing SQLAlchemy after Qt costs about
100 ms more than before it. MutualDesk uses no PySide6 features, so only our
own UI modules (which do use PySide6) need looking at; every other module is
marked "ignore", which is what PySide6 decides for it anyway.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType


def limit_feature_scan() -> bool:
    """Limit the scan to `app.ui` modules; False when this PySide6 has no such hook."""
    feature = sys.modules.get("PySide6.support.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "limited", False):
        return feature is not None and original is not None

    def uses_pyside(module: ModuleType) -> bool:
        return getattr(module, "__name__", "").startswith("app.ui") and original(module)

    uses_pyside.limited = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True
