"""A report in several titled sections (a subject access export): its JSON writer.

PDF and xlsx writers are in ``pdf/sections.py`` and ``xlsx/sections.py``;
``write`` picks one by format.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from app.services.common.reports import Cell, make_private
from app.services.common.sections import SectionedReport


def json_value(value: Cell) -> object:
    """A cell as JSON: dates ISO 8601, money a string of pounds ("1.00"), never a float."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value


def as_json(report: SectionedReport) -> dict[str, Any]:
    """One object: title, organisation, when, introduction, then one key per section."""
    data: dict[str, Any] = {
        "title": report.title,
        "organisation": report.letterhead.organisation,
        "generated": json_value(report.generated),
        "introduction": report.introduction,
    }
    for section in report.sections:
        if section.is_fields:
            data[section.key] = {
                key: json_value(row[1])
                for key, row in zip(section.row_keys, section.rows, strict=True)
            }
        else:
            data[section.key] = [
                {key: json_value(value) for key, value in zip(section.keys, row, strict=True)}
                for row in section.rows
            ]
            if not section.rows and section.empty:
                data.setdefault("empty_sections", {})[section.key] = section.empty
    return data


def write_json(report: SectionedReport, out: Path | BinaryIO) -> None:
    """Write ``report`` as one UTF-8 JSON object."""
    text = json.dumps(as_json(report), indent=2, ensure_ascii=False) + "\n"
    if isinstance(out, Path):
        out.write_text(text, encoding="utf-8")
        make_private(out)
    else:
        out.write(text.encode("utf-8"))


def write(report: SectionedReport, out: Path, file_format: str) -> None:
    """Write ``report`` as 'pdf', 'xlsx' or 'json'."""
    if file_format == "pdf":
        from app.reports.pdf import sections as pdf

        pdf.write(report, out)
    elif file_format == "xlsx":
        from app.reports.xlsx import sections as xlsx

        xlsx.write(report, out)
    elif file_format == "json":
        write_json(report, out)
    else:  # pragma: no cover - the caller checks the format first
        raise ValueError(file_format)
