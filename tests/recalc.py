"""A workbook as a spreadsheet program sees it: LibreOffice opens it, recalculates every
formula and saves it again, so a test can read the values its formulas give."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed"
)


def recalculated(book: Path, work: Path) -> Any:
    """``book`` recalculated by LibreOffice (in a profile of its own under ``work``), opened
    for its values."""
    done = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{work}/lo",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(work / "calc"),
         str(book)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return load_workbook(work / "calc" / book.name, data_only=True)
