"""A share certificate for one member, with lines for two officers and the secretary to sign."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, Paragraph

from app.reports.pdf import document, fonts
from app.services.common.reports import make_private, money_text, uk_date
from app.services.membership.report_types import ShareCertificate

BORDER = 12 * mm
CO_OP = "Co-operative or community benefit society"


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts.register()

    def style(name: str, font: str, size: float, **more: Any) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size,
            leading=size * 1.35,
            textColor=document.INK,
            alignment=TA_CENTER,
            **more,
        )

    return {
        "org": style("org", bold, 20, spaceAfter=4),
        "sub": style("sub", regular, 10, spaceAfter=2),
        "title": style("title", bold, 26, spaceBefore=18, spaceAfter=14),
        "body": style("body", regular, 13, spaceAfter=10),
        "facts": style("facts", regular, 11, spaceAfter=4),
    }


def _registration(cert: ShareCertificate) -> str:
    if not cert.registration_number:
        return cert.legal_form
    if cert.legal_form == CO_OP:
        return (
            "Registered under the Co-operative and Community Benefit Societies Act 2014, "
            f"registration number {cert.registration_number}"
        )
    return f"{cert.legal_form}, registration number {cert.registration_number}"


def _shares_text(cert: ShareCertificate) -> str:
    noun = "share" if cert.shares == 1 else "shares"
    fully = cert.paid >= cert.share_value * cert.shares
    return (
        f"{cert.shares:,} {'fully paid ' if fully else ''}{noun} of "
        f"{money_text(cert.share_value)} each"
    )


def _story(cert: ShareCertificate) -> list[Any]:
    st = _styles()
    e = escape
    holder = f"<b>{e(cert.name)}</b><br/>{e(', '.join(cert.address_lines))}"
    return [
        Paragraph(e(cert.organisation), st["org"]),
        Paragraph(e(_registration(cert)), st["sub"]),
        Paragraph(e(cert.organisation_address), st["sub"]),
        Paragraph("Share certificate", st["title"]),
        Paragraph("This is to certify that", st["body"]),
        Paragraph(holder, st["body"]),
        Paragraph(
            "is the registered holder of "
            f"<b>{e(_shares_text(cert))}</b> in {e(cert.organisation)}, on which "
            f"<b>{e(money_text(cert.paid))}</b> has been paid, subject to the rules of the "
            f"{'society' if cert.legal_form == CO_OP else 'organisation'}.",
            st["body"],
        ),
        Paragraph(f"Membership number {cert.membership_number}", st["facts"]),
        Paragraph(f"Certificate date {uk_date(cert.on)}", st["facts"]),
    ]


def _signatures(canvas: Canvas, width: float) -> None:
    regular, _bold = fonts.register()
    canvas.setFont(regular, 9)
    canvas.setStrokeColor(document.INK)
    inner = width - 2 * (BORDER + 14 * mm)
    column = inner / 3
    for index, role in enumerate(("Officer", "Officer", "Secretary")):
        x = BORDER + 14 * mm + index * column
        y = BORDER + 34 * mm
        canvas.line(x + 4 * mm, y, x + column - 4 * mm, y)
        canvas.drawString(x + 4 * mm, y - 4.5 * mm, f"Signed ({role.lower()})")
        canvas.line(x + 4 * mm, y - 16 * mm, x + column - 4 * mm, y - 16 * mm)
        canvas.drawString(x + 4 * mm, y - 20.5 * mm, "Name")


def write(cert: ShareCertificate, out: Path | BinaryIO, *, invariant: bool = False) -> None:
    """Draw the certificate on one A4 page."""
    target: Any = str(out) if isinstance(out, Path) else out
    width, height = A4
    canvas = Canvas(target, pagesize=A4, invariant=1 if invariant else 0)
    canvas.setTitle(f"Share certificate: member {cert.membership_number}")
    canvas.setCreator("MutualDesk")
    canvas.setStrokeColor(document.INK)
    canvas.setLineWidth(2)
    canvas.rect(BORDER, BORDER, width - 2 * BORDER, height - 2 * BORDER)
    canvas.setLineWidth(0.6)
    canvas.rect(
        BORDER + 3 * mm, BORDER + 3 * mm, width - 2 * BORDER - 6 * mm, height - 2 * BORDER - 6 * mm
    )
    top = height - BORDER - 14 * mm
    if cert.logo:
        logo = ImageReader(io.BytesIO(cert.logo))
        iw, ih = logo.getSize()
        scale = min(22 * mm / ih, 50 * mm / iw)
        canvas.drawImage(
            logo, (width - iw * scale) / 2, top - ih * scale, iw * scale, ih * scale, mask="auto"
        )
        top -= ih * scale + 6 * mm
    frame = Frame(
        BORDER + 14 * mm,
        BORDER + 50 * mm,
        width - 2 * (BORDER + 14 * mm),
        top - BORDER - 50 * mm,
        showBoundary=0,
    )
    frame.addFromList(_story(cert), canvas)
    _signatures(canvas, width)
    canvas.showPage()
    canvas.save()
    make_private(out)
