"""The independent examiner's pack: everything about a year's books in one folder or .zip.

The accounts workbook, the transaction listing (with the file name of each scanned
receipt), the bank reconciliation as PDF, and the scans themselves, so the examiner
needs nothing else.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from app.errors import UserError
from app.reports import render
from app.services.accounts.roles import Actor
from app.services.common.report_options import ReportOptions
from app.services.finance import reports as finance_reports
from app.services.finance.cashbook import attachments_folder

RECEIPTS = "receipts"


def write(
    session: Session,
    actor: Actor,
    now: datetime,
    options: ReportOptions,
    database: Path,
    out: Path,
) -> list[str]:
    """Write the pack to ``out`` (a new or empty folder, or a file ending .zip); the names
    of the files in it."""
    if options.year is None:
        raise UserError("Say which year: --year YYYY (the year the financial year starts in).")
    whole_year = replace(options, quarter=None)
    accounts = finance_reports.accounts_statement(session, actor, now, whole_year)
    listing = finance_reports.transactions_with_scans(session, actor, now, whole_year)
    reconciliation = finance_reports.reconciliation_report(session, actor, now, whole_year)
    scans = sorted({str(row[-1]) for row in listing.rows if row[-1]})
    folder = attachments_folder(database)
    missing = [name for name in scans if not (folder / name).is_file()]
    if missing:
        raise UserError(
            f"{len(missing)} scanned receipt{'s are' if len(missing) != 1 else ' is'} missing "
            f"from {folder} (such as {missing[0]}): put back the folder from a backup first."
        )
    label = accounts.year_label.replace("/", "-")
    with tempfile.TemporaryDirectory() as scratch:
        pack = Path(scratch) / "pack"
        (pack / RECEIPTS).mkdir(parents=True)
        render.write_xlsx(accounts, pack / f"accounts-{label}.xlsx")
        render.write_pdf(accounts, pack / f"accounts-{label}.pdf")
        render.write_xlsx(listing, pack / f"transactions-{label}.xlsx")
        render.write_pdf(reconciliation, pack / f"bank-reconciliation-{label}.pdf")
        for name in scans:
            shutil.copyfile(folder / name, pack / RECEIPTS / name)
        names = sorted(str(p.relative_to(pack)) for p in pack.rglob("*") if p.is_file())
        if out.suffix.lower() == ".zip":
            partial = out.with_name(out.name + ".partial")
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
                for name in names:
                    archive.write(pack / name, f"examiner-pack-{label}/{name}")
            partial.replace(out)
        else:
            if out.exists() and any(out.iterdir()):
                raise UserError(f"'{out}' is not empty: choose a new folder for the pack.")
            shutil.copytree(pack, out, dirs_exist_ok=True)
    return names
