"""A believable demo organisation, the same for the same seed."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.models import Member, MemberConsent, MembershipPeriod, ShareTransaction
from app.services import organisation
from app.services.accounts import audit, auth
from app.services.accounts.roles import SYSTEM, Role
from app.services.membership import categories
from app.services.membership.member_search import fold, search_text
from app.storage import statistics

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
CATEGORY_WEIGHTS = {"Tenant": 6, "Leaseholder": 2, "Community": 1}
STREETS = ("Riverside Walk", "Canal Street", "Wharf Road", "Bermondsey Court", "Tabard Gardens")
TITLES = ("", "", "Ms", "Mr", "Mrs", "Dr", "Mx")
POSTCODE_AREAS = ("SE1", "SE5", "SE15", "SW9", "N1", "E8", "N15")


@dataclass(frozen=True)
class DemoResult:
    """What was created."""

    organisation_id: int
    members: int
    users: tuple[str, ...]


# A demo federation's centres after the first: (name, kind, the prefix of their users).
CENTRES: tuple[tuple[str, str, str], ...] = (
    ("Millmead Children's Centre", "childrens_centre", "millmead"),
    ("Northfield Tenants' Co-operative", "cooperative", "northfield"),
    ("Southbank Estates TMO", "tmo", "southbank"),
    ("Westway User-Led Forum", "user_led", "westway"),
)


def details(centre: int = 0) -> organisation.OrganisationDetails:
    """The demo organisation (``centre`` 0), or a later centre of a demo federation."""
    if centre:
        name, kind, _prefix = CENTRES[(centre - 1) % len(CENTRES)]
        if centre > len(CENTRES):
            name = f"{name} {centre // len(CENTRES) + 1}"
        return replace(
            details(), name=name, kind=kind, registration_number=f"3{centre:04d}R",
            address=f"{name}\nLondon",
        )  # fmt: skip
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
        founded_on=date(1998, 4, 1),
    )


def _member_rows(
    org_id: int, count: int, rng: random.Random, categories: dict[str, int]
) -> list[dict[str, object]]:
    start = date(2004, 4, 1)
    span = (date(2026, 3, 31) - start).days
    names = [
        name
        for name, weight in CATEGORY_WEIGHTS.items()
        if name in categories
        for _ in range(weight)
    ] or sorted(categories)  # a centre of another kind has categories of its own
    rows = []
    for number in range(1, count + 1):
        applied = start + timedelta(days=rng.randrange(span))
        admitted = applied + timedelta(days=rng.randrange(0, 60))
        left = None
        if rng.random() < 0.12:
            left = admitted + timedelta(days=rng.randrange(30, 3000))
        joined = None if rng.random() < 0.01 else admitted
        if joined is None:
            left = None
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        area = rng.choice(POSTCODE_AREAS)
        postcode = (
            f"{area} {rng.randrange(1, 10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        )
        email = ""
        if rng.random() < 0.35:
            user = f"{fold(given)}.{fold(family)}".replace(" ", "").replace("'", "")
            email = f"{user}{number}@example.org"
        mobile = f"07700 9{rng.randrange(0, 100000):05d}" if rng.random() < 0.6 else ""
        born = None
        if rng.random() < 0.5:
            born = date(rng.randrange(1940, 2006), rng.randrange(1, 13), rng.randrange(1, 29))
        rows.append(
            {
                "organisation_id": org_id,
                "membership_number": number,
                "title": rng.choice(TITLES),
                "given_name": given,
                "family_name": family,
                "date_of_birth": born,
                "category_id": categories[rng.choice(names)],
                "address": f"Flat {rng.randrange(1, 120)}\n{rng.randrange(1, 90)} "
                f"{rng.choice(STREETS)}\nLondon",
                "postcode": postcode,
                "email": email,
                "email_purpose": "Newsletters and meeting notices" if email else "",
                "mobile": mobile,
                "large_print": rng.random() < 0.03,
                "applied_on": applied,
                "joined_on": joined,
                "left_on": left if left and left < date(2026, 3, 31) else None,
                "leaving_reason": rng.choice(("resigned", "moved", "deceased")) if left else "",
                "search_text": search_text(number, given, family, "", postcode, email, "", mobile),
            }
        )
        if rows[-1]["left_on"] is None:
            rows[-1]["leaving_reason"] = ""
    return rows


def _periods_and_shares(session: Session, org_id: int) -> None:
    """Each member's period of membership, one share issued on joining, withdrawn on leaving."""
    members = session.execute(
        select(Member.id, Member.joined_on, Member.left_on)
        .where(Member.organisation_id == org_id, Member.joined_on.is_not(None))
        .order_by(Member.joined_on, Member.id)
    ).all()
    periods = []
    events: list[tuple[date, int, str, int]] = []
    for member_id, joined, left in members:
        assert joined is not None
        periods.append({"member_id": member_id, "joined_on": joined, "left_on": left})
        events.append((joined, member_id, "issue", 1))
        if left is not None:
            events.append((left, member_id, "withdrawal", -1))
    events.sort()
    shares = [
        {
            "organisation_id": org_id,
            "number": number,
            "member_id": member_id,
            "kind": kind,
            "on": on,
            "shares": sign,
            "amount_pence": sign * 100,
            "note": "",
        }
        for number, (on, member_id, kind, sign) in enumerate(events, start=1)
    ]
    for table, rows in ((MembershipPeriod, periods), (ShareTransaction, shares)):
        for chunk in range(0, len(rows), 5000):
            session.execute(insert(table), rows[chunk : chunk + 5000])


def _email_consents(session: Session, org_id: int) -> None:
    """Members who gave an email address agreed to meeting notices by email when they applied."""

    given = session.execute(
        select(Member.id, Member.applied_on).where(
            Member.organisation_id == org_id, Member.email != ""
        )
    ).all()
    if not given:
        return
    session.execute(
        insert(MemberConsent),
        [
            {
                "member_id": member_id,
                "kind": "email",
                "given": True,
                "recorded_on": applied or date(2000, 1, 1),
                "source": "membership application form",
            }
            for member_id, applied in given
        ],
    )


BULK_TABLES = ("members", "membership_periods", "share_transactions", "member_consents")


def create_demo(
    session: Session,
    *,
    members: int = 250,
    seed: int = 1,
    board: bool = True,
    finance: bool = False,
    today: date | None = None,
    centre: int = 0,
) -> DemoResult:
    """Create the demo organisation, its users and members in one unit of work.

    ``centre`` 1, 2, … makes another centre in the same database (a federation's): its
    own name, and users named with its prefix ('millmead-admin').

    With ``board`` (the default) it also gets a board with officers and an
    election at the ballot stage (see ``demo_board``), and a year of meetings with
    minutes (see ``demo_meetings``). With ``finance`` it gets two years of books
    (see ``demo_finance``): the command line's and the app's demo have them; most
    tests leave them out. Meetings and books run up to ``today`` (by default, today).
    """
    today = today or date.today()
    rng = random.Random(seed)
    first, *others = DEMO_USERS
    prefix = ""
    if centre:
        prefix = CENTRES[(centre - 1) % len(CENTRES)][2]
        prefix += f"{centre // len(CENTRES) + 1}-" if centre > len(CENTRES) else "-"
    found = organisation.first_run if not centre else organisation.found
    admin = found(
        session, details(centre), username=prefix + first[0], full_name=first[1],
        password=DEMO_PASSWORD,
    )  # fmt: skip
    for username, full_name, role in others:
        auth.add_user(
            session,
            admin.actor,
            username=prefix + username,
            full_name=full_name,
            role=role,
            password=DEMO_PASSWORD,
        )
    org_id = admin.organisation_id
    ids = {c.name: c.id for c in categories.list_categories(session, org_id)}
    rows = _member_rows(org_id, members, rng, ids)
    for chunk in range(0, len(rows), 5000):
        session.execute(insert(Member), rows[chunk : chunk + 5000])
    _periods_and_shares(session, org_id)
    _email_consents(session, org_id)
    statistics.refresh(session, BULK_TABLES)
    audit.record(
        session, admin.actor, "create demo", "member", "", after={"members": members, "seed": seed}
    )
    if board:
        from app.services.demo.board import demo_board

        demo_board(session, admin.actor, random.Random(seed + 1))
        from app.services.demo.meetings import demo_meetings

        demo_meetings(session, admin.actor, random.Random(seed + 2), today)
    if finance:
        from app.services.demo.finance import demo_finance

        demo_finance(session, admin.actor, random.Random(seed + 3), today)
        from app.services.demo.performance import demo_performance

        demo_performance(session, admin.actor, random.Random(seed + 4), today)
    return DemoResult(admin.organisation_id, members, tuple(prefix + u[0] for u in DEMO_USERS))


def add_federation_user(session: Session, organisation_id: int) -> str:
    """The demo federation's office: a federation administrator, at home in the first
    centre, who sees every centre's figures; its user name."""
    auth.add_user(
        session,
        SYSTEM,
        username="federation",
        full_name="Federation Office",
        role=Role.FEDERATION_ADMINISTRATOR,
        password=DEMO_PASSWORD,
        organisation_id=organisation_id,
    )
    return "federation"
