"""Journey: the manager of a Children's Centre imports the parents and prints for the AGM mailing.

Jo, the centre manager, sets MutualDesk up, imports the parents' list (which already says
each parent holds one share, so nobody is left unable to vote), then prints the member
list and a sheet of address labels, and looks at what came out of the printer.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

from app.services import organisation
from app.storage.database import open_database
from tests.cli.conftest import Run

TODAY = date.today()
PASSWORD = "sunflowers grow tall"
AS_JO = {"MUTUALDESK_PASSWORD": PASSWORD}

PARENTS = (
    ("Amara", "Osei"), ("Beth", "Lloyd"), ("Carys", "Pritchard"), ("Deepa", "Sharma"),
    ("Ewa", "Kaczmarek"), ("Femi", "Adeyemi"), ("Gwen", "Roberts"), ("Hassan", "Farah"),
    ("Isabel", "Moreno"), ("Jamal", "Hussein"), ("Kirsty", "Campbell"), ("Leon", "Baptiste"),
    ("Maryam", "Rahman"), ("Niall", "Gallagher"), ("Olu", "Bankole"), ("Paula", "Ferreira"),
    ("Rhiannon", "Jenkins"), ("Shanice", "Clarke"), ("Tomasz", "Zielinski"), ("Uzma", "Iqbal"),
)  # fmt: skip


def parents_file(path: Path) -> Path:
    """The parents' list as the centre kept it, with a Shares column: one share each."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        sheet = csv.writer(handle)
        sheet.writerow(["First name", "Surname", "Address", "Postcode", "Date joined", "Shares"])
        for n, (given, family) in enumerate(PARENTS, start=1):
            address = f"{n} Meadow Lane, Hulme, Manchester"
            joined = date(2024, 1 + n % 12, 1 + n)
            sheet.writerow([given, family, address, f"M15 {n % 9 + 1}AB", f"{joined:%d/%m/%Y}", 1])
    return path


def pdf_text(path: Path) -> str | None:
    """The words on a PDF's pages, as a reader would see them (None: nothing here reads PDFs)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        pdftotext = shutil.which("pdftotext")
        if pdftotext is None:
            return None
        run = [pdftotext, "-layout", str(path), "-"]
        return subprocess.run(run, capture_output=True, text=True, check=True).stdout
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_childrens_centre_manager_imports_parents_and_prints_list_and_labels(
    mutualdesk: Run, db_path: Path, tmp_path: Path
) -> None:
    # 1. Jo runs MutualDesk for the first time and sets up the centre (a Children's Centre
    #    starts with the categories Parent/carer, Staff, Community and Statutory nominee).
    db = open_database(db_path, daily_backup=False)
    try:
        with db.sessions.begin() as session:
            organisation.first_run(
                session,
                organisation.OrganisationDetails(
                    name="Sunflower Children's Centre",
                    kind="childrens_centre",
                    legal_form="Company limited by guarantee",
                    address="Sunflower Children's Centre\nMeadow Lane\nManchester",
                    postcode="M15 5AB",
                    founded_on=date(2006, 9, 1),
                ),
                username="jo",
                full_name="Jo Whitaker",
                password=PASSWORD,
            )
    finally:
        db.close(backup=False)

    # 2. Jo imports the parents' list. The file has a Shares column, so every parent arrives
    #    holding one share: no warning about members who may not vote.
    parents = parents_file(tmp_path / "parents.csv")
    done = mutualdesk(
        "import", "members", str(parents), "--db", str(db_path), "--user", "jo", env=AS_JO
    )
    assert done.returncode == 0, done.stderr
    assert "Imported: 20" in done.stdout and "Rejected: 0" in done.stdout
    assert "Share ledger lines written: 20" in done.stdout
    assert "Warning" not in done.stdout
    assert "hold no share" not in done.stdout

    # 3. ... so all 20 parents may vote straight away, as Parent/carer members with a share.
    done = mutualdesk(
        "list", "members", "--eligible-on", f"{TODAY:%d/%m/%Y}", "--json", "--db", str(db_path)
    )
    assert done.returncode == 0, done.stderr
    voters = json.loads(done.stdout)
    assert len(voters) == 20
    assert {(v["category"], v["shares"]) for v in voters} == {("Parent/carer", 1)}

    # 4. Jo prints the member list and a sheet of address labels (Avery L7160) as PDFs.
    member_list, labels = tmp_path / "members.pdf", tmp_path / "labels.pdf"
    done = mutualdesk("report", "member-list", "--db", str(db_path), "--out", str(member_list))
    assert done.returncode == 0, done.stderr
    assert f"(20 rows) to {member_list}" in done.stdout
    done = mutualdesk("report", "labels", "--db", str(db_path), "--out", str(labels))
    assert done.returncode == 0, done.stderr
    assert f"(20 labels) to {labels}" in done.stdout

    # 5. Both files are there and are PDFs, and they show the parents Jo imported: every
    #    name on the member list, and every name with its address on the labels.
    for pdf in (member_list, labels):
        assert pdf.is_file()
        assert pdf.read_bytes().startswith(b"%PDF")
    listed, labelled = pdf_text(member_list), pdf_text(labels)
    if listed is not None and labelled is not None:
        assert "Sunflower Children's Centre" in listed and "Member list" in listed
        assert "All members and applicants: 20." in listed
        for given, family in PARENTS:
            assert given in listed and family in listed, (given, family)  # long names wrap
            assert f"{given} {family}" in labelled, (given, family)
        assert labelled.count("Meadow Lane, Hulme, Manchester") == 20
