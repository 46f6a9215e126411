"""The agenda, the sign-in sheet and the minutes of a meeting, as A4 PDFs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.reports.pdf import document
from app.services.common.reports import make_private, uk_datetime
from app.services.meetings.report_types import (
    Agenda,
    MeetingHeading,
    Minutes,
    MinutesItem,
    SignInSheet,
)

HEAD_FILL = colors.HexColor("#e8edf1")


def _text(text: str) -> str:
    """Plain text as Platypus markup: escaped, line breaks kept."""
    return escape(text.strip()).replace("\n", "<br/>")


def _opening(heading: MeetingHeading, what: str, st: dict[str, Any]) -> list[Any]:
    place = f", {escape(heading.place)}" if heading.place else ""
    return [
        Paragraph(f"<b>{escape(heading.title)}: {what}</b>", st["h2"]),
        Paragraph(f"{escape(heading.when)}{place}", st["body"]),
        Spacer(1, 4 * mm),
    ]


def _grid(rows: list[list[Any]], widths: list[Any], heights: float | None = None) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1, rowHeights=heights)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, document.RULE),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table


def _agenda_story(agenda: Agenda) -> list[Any]:
    st = document.styles(1.15)
    story = _opening(agenda.heading, "agenda", st)
    for number, title in enumerate(agenda.items, 1):
        story.append(Paragraph(f"{number}.&nbsp;&nbsp;{escape(title)}", st["body"]))
        if number == agenda.item_with_matters and agenda.matters_arising:
            story += [
                Paragraph(f"&bull; {escape(line)}", st["cell"]) for line in agenda.matters_arising
            ]
        story.append(Spacer(1, 2 * mm))
    if agenda.note:
        story += [Spacer(1, 4 * mm), Paragraph(escape(agenda.note), st["body"])]
    return story


def _sign_in_story(sheet: SignInSheet) -> list[Any]:
    st = document.styles()
    story = _opening(sheet.heading, "sign-in sheet", st)
    story.append(
        Paragraph(
            "Please sign against your name as you arrive. If your name is not listed, "
            "write it in a blank row at the end."
            + (" If you hold another member's proxy, write their name." if sheet.proxies else ""),
            st["body"],
        )
    )
    story.append(Spacer(1, 3 * mm))
    head = ["No.", "Name", "Signature", "Time"]
    widths: list[Any] = [18 * mm, 62 * mm, None, 18 * mm]
    if sheet.proxies:
        head.insert(3, "Proxy held for")
        widths = [18 * mm, 52 * mm, None, 40 * mm, 16 * mm]
    blank = [""] * (len(head) - 2)
    rows = [[Paragraph(f"<b>{h}</b>", st["head"]) for h in head]]
    rows += [[number, Paragraph(escape(name), st["cell"]), *blank] for number, name in sheet.people]
    rows += [["", "", *blank] for _ in range(sheet.blank_rows)]
    story.append(_grid(rows, widths, 9 * mm))
    return story


def _people(label: str, names: Iterable[str], st: dict[str, Any]) -> list[Any]:
    shown = list(names)
    if not shown:
        return []
    return [Paragraph(f"<b>{label}:</b> {escape(', '.join(shown))}", st["body"])]


def _item_story(item: MinutesItem, st: dict[str, Any]) -> list[Any]:
    parts: list[Any] = [Paragraph(f"{item.number}. {escape(item.title)}", st["h2"])]
    parts += [Paragraph(f"Interest declared: {escape(i)}", st["body"]) for i in item.interests]
    if item.notes.strip():
        parts.append(Paragraph(_text(item.notes), st["body"]))
    if item.decisions.strip():
        parts.append(Paragraph(f"<b>Decided:</b> {_text(item.decisions)}", st["body"]))
    for line in item.resolutions:
        reference, _colon, rest = line.partition(": ")
        parts.append(
            Paragraph(f"<b>Resolution {escape(reference)}:</b> {escape(rest)}", st["body"])
        )
    parts += [Paragraph(f"<b>Action:</b> {escape(a)}", st["body"]) for a in item.actions]
    if len(parts) == 1:
        parts.append(Paragraph("Nothing was minuted under this item.", st["small"]))
    # Keep a heading with its first paragraph; long notes may still run over a page.
    return [KeepTogether(parts[:2]), *parts[2:]]


def _minutes_story(minutes: Minutes) -> list[Any]:
    st = document.styles()
    st["body"].spaceAfter = 3
    what = "minutes" if not minutes.draft else "draft minutes, not yet approved"
    story = _opening(minutes.heading, what, st)
    story += _people("Chair", [minutes.chair] if minutes.chair else [], st)
    story += _people("Minutes taken by", [minutes.minute_taker] if minutes.minute_taker else [], st)
    story += _people("Present", minutes.present, st)
    story += _people("In attendance", minutes.in_attendance, st)
    story += _people("Proxies", minutes.proxies, st)
    story += _people("Apologies", minutes.apologies, st)
    story += _people("Absent", minutes.absent, st)
    if minutes.quorum_statement:
        story.append(Paragraph(f"<b>Quorum:</b> {escape(minutes.quorum_statement)}", st["body"]))
    for item in minutes.items:
        story += _item_story(item, st)
    if minutes.actions:
        story.append(Paragraph("Actions agreed", st["h2"]))
        rows = [
            [Paragraph(f"<b>{h}</b>", st["head"]) for h in ("Action", "Owner", "Due", "Status")]
        ]
        rows += [[Paragraph(escape(c), st["cell"]) for c in row] for row in minutes.actions]
        story.append(_grid(rows, [None, 40 * mm, 25 * mm, 20 * mm]))
    story.append(Spacer(1, 6 * mm))
    if minutes.approval:
        story.append(Paragraph(escape(minutes.approval), st["body"]))
        if minutes.locked:
            story.append(
                Paragraph(
                    "These minutes are locked: a correction is made by a dated addendum.",
                    st["small"],
                )
            )
    else:
        story += [
            Paragraph("Approved as a true record.", st["body"]),
            Spacer(1, 8 * mm),
            Paragraph(f"Signed (chair): {'_' * 34}   Date: {'_' * 16}", st["body"]),
        ]
    if minutes.addenda:
        story.append(Paragraph("Addenda (corrections after approval)", st["h2"]))
        story += [Paragraph(_text(a), st["body"]) for a in minutes.addenda]
    return story


def write_agenda(agenda: Agenda, out: Path | BinaryIO, *, invariant: bool = False) -> None:
    """Render a meeting's agenda to ``out``."""
    _write_paper(_agenda_story(agenda), f"Agenda: {agenda.heading.title}", agenda, out, invariant)


def write_sign_in(sheet: SignInSheet, out: Path | BinaryIO, *, invariant: bool = False) -> None:
    """Render a meeting's sign-in sheet to ``out``."""
    title = f"Sign-in sheet: {sheet.heading.title}"
    _write_paper(_sign_in_story(sheet), title, sheet, out, invariant)


def write_minutes(minutes: Minutes, out: Path | BinaryIO, *, invariant: bool = False) -> None:
    """Render minutes to ``out``; a draft says so across every page."""
    title, watermark = f"Minutes: {minutes.heading.title}", ""
    if minutes.draft:
        title, watermark = f"DRAFT minutes: {minutes.heading.title}", "DRAFT"
    _write_paper(_minutes_story(minutes), title, minutes, out, invariant, watermark)


def _write_paper(
    story: list[Any],
    title: str,
    data: Agenda | SignInSheet | Minutes,
    out: Path | BinaryIO,
    invariant: bool,
    watermark: str = "",
) -> None:
    document.render(
        story,
        out,
        head=data.heading.letterhead,
        title=title,
        generated=uk_datetime(datetime.now()),
        invariant=invariant,
        watermark=watermark,
    )
    make_private(out)
