"""PySide6 no longer reads the source of every module imported after it."""

import sys

import pytest

from app.ui import feature_scan


def test_only_our_ui_modules_are_scanned() -> None:
    """Qt's feature scan looks only at our own UI modules, so start-up stays quick."""
    import PySide6.QtWidgets  # noqa: F401  (the hook exists once Qt is imported)

    if not feature_scan.limit_feature_scan():
        pytest.skip("this PySide6 has no feature-scan hook")
    feature = sys.modules["PySide6.support.feature"]
    import json

    import app.ui.forms

    assert feature._mod_uses_pyside(app.ui.forms) is True
    assert feature._mod_uses_pyside(json) is False
    assert feature_scan.limit_feature_scan() is True  # a second call changes nothing
