"""A believable demo organisation, the same for the same seed."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.models import Member
from app.services import audit, auth, organisation
from app.services.roles import Role

DEMO_PASSWORD = "mutualdesk"
DEMO_USERS: tuple[tuple[str, str, Role], ...] = (
    ("admin", "Grace Adeyemi", Role.ADMINISTRATOR),
    ("secretary", "Tom Whitfield", Role.SECRETARY),
    ("treasurer", "Priya Raman", Role.TREASURER),
    ("viewer", "Board Observer", Role.VIEWER),
)
GIVEN = (
    "Zoë",
    "Siobhán",
    "Ayşe",
    "Thị Hà",
    "Mohammed",
    "Olivia",
    "Oliver",
    "Amelia",
    "Jack",
    "Fatima",
    "Kwame",
    "Agnieszka",
    "Dylan",
    "Chloé",
    "Sean",
    "Isla",
    "Yusuf",
    "Grace",
    "Mei",
    "Tomasz",
    "Aaliyah",
    "Niamh",
    "Rhys",
    "Ifeoma",
    "José",
    "Björn",
    "Hannah",
    "Ravi",
    "Leah",
    "Ewan",
    "Saoirse",
    "Kofi",
    "Sofía",
    "Harry",
    "Ngozi",
    "Łucja",
)
FAMILY = (
    "Wróbel",
    "Ní Bhriain",
    "Yılmaz",
    "Nguyễn",
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Khan",
    "Patel",
    "Okafor",
    "Kowalski",
    "O'Connor",
    "Williams",
    "Ahmed",
    "Evans",
    "Mensah",
    "Davies",
    "Begum",
    "Hughes",
    "MacLeod",
    "Singh",
    "Novak",
    "Müller",
    "Ó Súilleabháin",
    "Thompson",
    "Ali",
    "Chen",
    "Wright",
    "Achterberg",
    "Ellis",
    "Hussain",
)
CATEGORIES = ("tenant", "tenant", "tenant", "leaseholder", "community", "staff")
POSTCODE_AREAS = ("SE1", "SE5", "SE15", "SW9", "N1", "E8", "N15")


@dataclass(frozen=True)
class DemoResult:
    """What was created."""

    organisation_id: int
    members: int
    users: tuple[str, ...]


def details() -> organisation.OrganisationDetails:
    """The demo organisation."""
    return organisation.OrganisationDetails(
        name="Riverside Tenant Management Organisation",
        kind="tmo",
        legal_form=organisation.LEGAL_FORMS[0],
        registration_number="31234R",
        address="The Estate Office\n1 Riverside Walk\nLondon",
        postcode="SE1 7PB",
        fy_start_day=1,
        fy_start_month=4,
        share_value_pence=100,
    )


def _member_rows(org_id: int, count: int, rng: random.Random) -> list[dict[str, object]]:
    start = date(2004, 4, 1)
    span = (date(2026, 3, 31) - start).days
    rows = []
    for number in range(1, count + 1):
        joined = start + timedelta(days=rng.randrange(span))
        left = None
        if rng.random() < 0.12:
            left = joined + timedelta(days=rng.randrange(30, 3000))
        area = rng.choice(POSTCODE_AREAS)
        rows.append(
            {
                "organisation_id": org_id,
                "membership_number": number,
                "given_name": rng.choice(GIVEN),
                "family_name": rng.choice(FAMILY),
                "category": rng.choice(CATEGORIES),
                "postcode": f"{area} {rng.randrange(1, 10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
                f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                "joined_on": joined,
                "left_on": left if left and left < date(2026, 3, 31) else None,
            }
        )
    return rows


def create_demo(session: Session, *, members: int = 250, seed: int = 1) -> DemoResult:
    """Create the demo organisation, its users and members in one unit of work."""
    rng = random.Random(seed)
    first, *others = DEMO_USERS
    admin = organisation.first_run(
        session, details(), username=first[0], full_name=first[1], password=DEMO_PASSWORD
    )
    for username, full_name, role in others:
        auth.add_user(
            session,
            admin.actor,
            username=username,
            full_name=full_name,
            role=role,
            password=DEMO_PASSWORD,
        )
    rows = _member_rows(admin.organisation_id, members, rng)
    for chunk in range(0, len(rows), 5000):
        session.execute(insert(Member), rows[chunk : chunk + 5000])
    audit.record(
        session, admin.actor, "create demo", "member", "", after={"members": members, "seed": seed}
    )
    return DemoResult(admin.organisation_id, members, tuple(u[0] for u in DEMO_USERS))
