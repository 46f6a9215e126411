"""Reading a CSV or Excel (.xlsx) file into a heading row and numbered data rows."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from app.errors import UserError
from app.services.membership.member_import.mapping import example_headings, field_for

Value = str | int | float | bool | date | datetime | time | None
HEADER_SEARCH_ROWS = 30
MIN_HEADINGS = 2
DELIMITERS = (",", ";", "\t")
ENCODINGS = ("utf-8", "cp1252")


@dataclass(frozen=True)
class Table:
    """What a file holds: its heading row and the rows under it, as a spreadsheet numbers them."""

    file_name: str
    header_row: int
    headers: tuple[str, ...]
    rows: list[tuple[int, tuple[Value, ...]]]


def _not_a_spreadsheet(path: Path) -> UserError:
    return UserError(f"'{path.name}' is not a CSV or Excel (.xlsx) file.")


def decode(raw: bytes, path: Path) -> str:
    """The text of a CSV file: byte-order mark first, then UTF-8, then Windows-1252."""
    if raw.startswith(codecs.BOM_UTF8):
        text = raw.decode("utf-8-sig", errors="strict")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise _not_a_spreadsheet(path) from None
    else:
        for encoding in ENCODINGS:
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise _not_a_spreadsheet(path)
    sample = text[:20000]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n")
    if "\x00" in sample or controls > len(sample) // 100:
        raise _not_a_spreadsheet(path)
    return text


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the first lines most consistently."""
    lines = [line for line in text[:50000].splitlines()[:40] if line.strip()]
    best, best_score = ",", (0, 0, 0)
    for delimiter in DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter) if row]
        wide = [n for n in counts if n > 1]
        if not wide:
            continue
        mode = max(set(wide), key=wide.count)
        score = (1, wide.count(mode), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(raw: bytes, path: Path) -> list[list[Value]]:
    text = decode(raw, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        return list(reader)  # type: ignore[arg-type]
    except csv.Error:
        raise _not_a_spreadsheet(path) from None


def _xlsx_sheets(path: Path) -> list[list[list[Value]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # a damaged or foreign zip: openpyxl raises many kinds
        raise _not_a_spreadsheet(path) from None
    try:
        sheets = []
        for sheet in book.worksheets:
            reset = getattr(sheet, "reset_dimensions", None)
            if reset is not None:
                reset()  # some programs write wrong dimensions; read every cell
            sheets.append([list(row) for row in sheet.iter_rows(values_only=True)])
        return sheets
    finally:
        book.close()


def _blank(cell: Value) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _find_header(rows: list[list[Value]]) -> int | None:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(1 for cell in row if field_for(cell) is not None) >= MIN_HEADINGS:
            return index
    return None


def _no_header(path: Path, rows: list[list[Value]]) -> UserError:
    found = [str(c).strip() for row in rows[:5] for c in row if not _blank(c)][:8]
    seen = ", ".join(f"'{c}'" for c in found) if found else "nothing"
    expected = ", ".join(f"'{h}'" for h in example_headings())
    return UserError(
        f"'{path.name}' has no heading row MutualDesk recognises. Its first rows have {seen}. "
        f"Put a row of headings above the members, such as {expected}."
    )


def _table(path: Path, rows: list[list[Value]], at: int) -> Table:
    headers = tuple("" if c is None else str(c).strip() for c in rows[at])
    width = len(headers)
    while width and not headers[width - 1]:
        width -= 1
    headers = headers[:width]
    body: list[tuple[int, tuple[Value, ...]]] = []
    pad: tuple[Value, ...] = (None,) * width
    for number, row in enumerate(rows[at + 1 :], start=at + 2):
        if all(_blank(cell) for cell in row):
            continue
        cells = tuple(row[:width])
        body.append((number, cells + pad[len(cells) :] if len(cells) < width else cells))
    return Table(path.name, at + 1, headers, body)


def read_table(path: Path) -> Table:
    """The heading row and data rows of a CSV or .xlsx file (UserError if it is neither)."""
    raw = path.read_bytes()
    if raw.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                is_xlsx = "xl/workbook.xml" in archive.namelist()
        except zipfile.BadZipFile:
            is_xlsx = False
        if not is_xlsx:
            raise _not_a_spreadsheet(path)
        sheets = _xlsx_sheets(path)
        for rows in sheets:
            at = _find_header(rows)
            if at is not None:
                return _table(path, rows, at)
        raise _no_header(path, sheets[0] if sheets else [])
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise UserError(
            f"'{path.name}' is an old-style Excel (.xls) file. Open it in Excel or LibreOffice "
            "and save it as .xlsx or CSV, then import that."
        )
    if raw.startswith(b"%PDF"):
        raise _not_a_spreadsheet(path)
    rows = _csv_rows(raw, path)
    at = _find_header(rows)
    if at is None:
        raise _no_header(path, rows)
    return _table(path, rows, at)
