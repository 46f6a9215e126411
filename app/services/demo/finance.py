"""The demo's books: an LMA for cleaning, grounds maintenance and caretaking, two
financial years of budgets and realistic entries, a reconciled bank account, the
community's share of last year's savings and a community project paid from it."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import ShareTransaction
from app.services.accounts.roles import Actor
from app.services.demo.registers import demo_registers
from app.services.finance import (
    agreements,
    budgets,
    cashbook,
    figures,
    reconcile,
    setup,
    share_money,
)
from app.services.finance.agreements import AgreementDetails
from app.services.finance.allowance import GRACE_DAYS
from app.services.finance.cashbook import EntryDetails
from app.services.organisation.financial_year import financial_year

SERVICES = (("Cleaning", 62_400_00), ("Grounds maintenance", 28_600_00), ("Caretaking", 21_000_00))
# (service, category, annual budget in pence, phasing)
LMA_BUDGET = (
    ("Cleaning", "Staff wages", 48_000_00, "evenly"),
    ("Cleaning", "Materials and equipment", 6_000_00, "evenly"),
    ("Cleaning", "Contractors", 6_000_00, "quarterly"),
    ("Grounds maintenance", "Contractors", 24_000_00, "evenly"),
    ("Grounds maintenance", "Materials and equipment", 2_400_00, "evenly"),
    ("Caretaking", "Staff wages", 19_000_00, "evenly"),
    ("Caretaking", "Materials and equipment", 1_200_00, "evenly"),
)
GENERAL_BUDGET = (
    ("Hall hire", 3_600_00, "evenly"),
    ("Fundraising events", 1_200_00, "quarterly"),
    ("Bank interest", 60_00, "quarterly"),
    ("Bank charges", 120_00, "evenly"),
)
SUPPLIERS = {
    "Contractors": ("GreenSpace Ltd", "Bright Windows", "A1 Drains"),
    "Materials and equipment": ("Jangro Supplies", "Screwfix", "B&Q"),
}


class _Books:
    """The demo's ids and a way to add entries, kept together while it is built."""

    def __init__(self, session: Session, actor: Actor, rng: random.Random, today: date) -> None:
        self.session, self.actor, self.rng, self.today = session, actor, rng, today
        who = actor
        self.categories = {c.name: c.id for c in setup.ensure_default_categories(session, who)}
        self.bank = setup.save_account(
            session, who, name="Community account", bank="Unity Trust Bank", number_ending="4821"
        )
        self.cash = setup.save_account(session, who, name="Petty cash", kind="cash")
        self.general = setup.save_fund(session, who, name="General fund")
        self.lma = setup.save_fund(
            session,
            who,
            name="LMA allowance",
            kind="restricted",
            purpose="The estate services the LMA covers",
        )
        self.projects = setup.save_fund(
            session,
            who,
            name="Community projects",
            kind="restricted",
            purpose="Projects paid for from the community's share of LMA savings",
        )

    def add(self, kind: str, day: date, pence: int, description: str, **kw: object) -> int:
        if day > self.today:
            return 0
        details = EntryDetails(
            kind=kind,
            dated=day,
            description=description,
            amount_pence=pence,
            fund_id=kw.pop("fund_id", self.general),  # type: ignore[arg-type]
            account_id=kw.pop("account_id", self.bank),  # type: ignore[arg-type]
            **kw,  # type: ignore[arg-type]
        )
        return cashbook.record_entry(self.session, self.actor, details).id


def _month_days(start: date) -> list[date]:
    out = []
    for m in range(12):
        y, mo = divmod(start.year * 12 + start.month - 1 + m, 12)
        out.append(date(y, mo + 1, 1))
    return out


def _budget(b: _Books, year: setup.YearInfo, lma: agreements.AgreementInfo) -> None:
    services = {s.name: s.id for s in lma.services}
    budgets.set_budget_line(
        b.session,
        b.actor,
        year_id=year.id,
        category_id=b.categories["LMA allowance"],
        service_id=None,
        months=budgets.phase(lma.annual_allowance_pence, "quarterly"),
    )
    for service, category, pence, phasing in LMA_BUDGET:
        budgets.set_budget_line(
            b.session,
            b.actor,
            year_id=year.id,
            category_id=b.categories[category],
            service_id=services[service],
            months=budgets.phase(pence, phasing),
        )
    for category, pence, phasing in GENERAL_BUDGET:
        budgets.set_budget_line(
            b.session,
            b.actor,
            year_id=year.id,
            category_id=b.categories[category],
            months=budgets.phase(pence, phasing),
        )
    insurance = [0] * 12
    insurance[0] = 1_450_00
    budgets.set_budget_line(
        b.session, b.actor, year_id=year.id, category_id=b.categories["Insurance"], months=insurance
    )
    exam = [0] * 12
    exam[6] = 600_00
    budgets.set_budget_line(
        b.session,
        b.actor,
        year_id=year.id,
        category_id=b.categories["Independent examination"],
        months=exam,
    )


def _newest_overdue(b: _Books, years: list[setup.YearInfo], lma: agreements.AgreementInfo) -> date:
    """The council's newest payment already overdue today: the one the demo leaves unpaid,
    for the treasurer to chase."""
    dues = [d.due_on for y in years for d in agreements.expected_receipts(lma, y)]
    return max(d for d in dues if d + timedelta(days=GRACE_DAYS) < b.today)


def _year_entries(
    b: _Books, year: setup.YearInfo, lma: agreements.AgreementInfo, missing: date | None
) -> None:
    """A year of the LMA's books; the allowance payment due on ``missing`` never came."""
    rng, c = b.rng, b.categories
    services = {s.name: s.id for s in lma.services}
    lma_kw = {"fund_id": b.lma, "agreement_id": lma.id}
    for due in agreements.expected_receipts(lma, year):
        arrived = due.due_on + timedelta(days=rng.randrange(2, 9))
        reference = f"REM{rng.randrange(10000, 99999)}"  # drawn even if it never came
        if due.due_on == missing:
            continue
        b.add(
            "receipt",
            arrived,
            due.amount_pence,
            "LMA allowance, quarterly payment",
            party=lma.counterparty,
            category_id=c["LMA allowance"],
            reference=reference,
            **lma_kw,
        )
    for month, first in enumerate(_month_days(year.starts_on), start=1):
        payday = first + timedelta(days=27)
        for service, wages in (("Cleaning", 48_000_00), ("Caretaking", 19_000_00)):
            pence = wages // 12 - rng.randrange(0, 30_000)
            b.add(
                "payment",
                payday,
                pence,
                f"{service} staff wages, {first:%B}",
                party="Payroll",
                category_id=c["Staff wages"],
                service_id=services[service],
                **lma_kw,
            )
        b.add(
            "payment",
            first + timedelta(days=14),
            2_000_00 - rng.randrange(-10_000, 20_000),
            f"Grounds maintenance, {first:%B}",
            party="GreenSpace Ltd",
            category_id=c["Contractors"],
            service_id=services["Grounds maintenance"],
            reference=f"GS-{year.starts_on.year % 100}{month:02d}",
            **lma_kw,
        )
        for service, top in (
            ("Cleaning", 700_00),
            ("Grounds maintenance", 300_00),
            ("Caretaking", 150_00),
        ):
            b.add(
                "payment",
                first + timedelta(days=rng.randrange(3, 25)),
                rng.randrange(top // 3, top),
                f"{service} materials",
                party=rng.choice(SUPPLIERS["Materials and equipment"]),
                category_id=c["Materials and equipment"],
                service_id=services[service],
                reference=f"INV{rng.randrange(1000, 9999)}",
                **lma_kw,
            )
        if month % 3 == 2:
            b.add(
                "payment",
                first + timedelta(days=10),
                rng.randrange(1_200_00, 1_900_00),
                "Window and communal deep clean",
                party="Bright Windows",
                category_id=c["Contractors"],
                service_id=services["Cleaning"],
                **lma_kw,
            )
        takings = 0
        for week in range(4):
            pence = rng.choice((0, 25_00, 40_00, 60_00, 80_00))
            if pence:
                takings += pence
                b.add(
                    "receipt",
                    first + timedelta(days=2 + week * 7),
                    pence,
                    "Hall hire",
                    party=rng.choice(
                        (
                            "Birthday party",
                            "Zumba class",
                            "Residents' coffee morning",
                            "Church group",
                        )
                    ),
                    category_id=c["Hall hire"],
                    account_id=b.cash,
                )
        tea_day = first + timedelta(days=rng.randrange(0, 27))
        tea = rng.randrange(500, 1_500)
        b.add(
            "payment",
            tea_day,
            tea,
            "Petty cash: tea, coffee and milk",
            account_id=b.cash,
            category_id=c["Other payments"],
        )
        # The tin keeps its float: the takings less what was spent from it are banked,
        # or the bank tops it up.
        if takings != tea:
            out_of_cash = takings > tea
            b.add(
                "transfer",
                first + timedelta(days=27),
                abs(takings - tea),
                "Hall hire takings banked" if out_of_cash else "Petty cash topped up",
                account_id=b.cash if out_of_cash else b.bank,
                to_account_id=b.bank if out_of_cash else b.cash,
            )
        b.add(
            "payment",
            first + timedelta(days=20),
            10_00,
            "Bank charges",
            party="Unity Trust Bank",
            category_id=c["Bank charges"],
        )
        if month % 3 == 0:
            b.add(
                "receipt",
                first + timedelta(days=25),
                rng.randrange(8_00, 22_00),
                "Bank interest",
                party="Unity Trust Bank",
                category_id=c["Bank interest"],
            )
            b.add(
                "receipt",
                first + timedelta(days=12),
                rng.randrange(150_00, 450_00),
                "Fun day and raffle",
                party="Residents",
                category_id=c["Fundraising events"],
            )
    b.add(
        "payment",
        year.starts_on + timedelta(days=5),
        1_450_00 + rng.randrange(-50_00, 80_00),
        "Public liability and contents insurance",
        party="Zurich Municipal",
        category_id=c["Insurance"],
    )
    b.add(
        "payment",
        year.starts_on + timedelta(days=200),
        600_00,
        "Independent examination of the accounts",
        party="Community Accounts CIC",
        category_id=c["Independent examination"],
    )


def demo_finance(session: Session, actor: Actor, rng: random.Random, today: date) -> None:
    """Two financial years: last year closed (with its savings shared out), this year to
    date, the bank reconciled to the end of last month."""
    org = actor.organisation_id or 0
    this_start = financial_year(session, org, today.year, today).start
    if this_start > today:
        this_start = financial_year(session, org, today.year - 1, today).start
    first_year = setup.open_year(session, actor, this_start.year - 1)
    second_year = setup.open_year(session, actor, this_start.year)
    b = _Books(session, actor, rng, today)
    lma_id = agreements.save_agreement(
        session,
        actor,
        AgreementDetails(
            "Riverside estate LMA",
            "London Borough of Southwark",
            date(2019, 4, 1),
            b.lma,
            SERVICES,
            schedule="quarterly",
            community_share_bp=5000,
            monitoring_months=3,
        ),
    )
    lma = agreements.get_agreement(session, actor.organisation_id or 0, lma_id)
    b.add("opening", first_year.starts_on, 8_450_00, "Balance brought forward (general)")
    b.add(
        "opening", first_year.starts_on, 12_000_00, "Balance brought forward (LMA)", fund_id=b.lma
    )
    b.add("opening", first_year.starts_on, 150_00, "Cash in the tin", account_id=b.cash)
    b.add("opening", first_year.starts_on, 4_000_00, "Balance brought forward (community "
          "projects)", fund_id=b.projects)  # fmt: skip
    _budget(b, first_year, lma)
    _share_money(b, first_year.starts_on)
    missing = _newest_overdue(b, [first_year, second_year], lma)
    _year_entries(b, first_year, lma, missing)
    # Last year's saving: the community's half goes to the projects fund.
    saving = figures.savings(session, actor.organisation_id or 0, lma, first_year)
    if saving.community_share > 0:
        b.add(
            "transfer",
            first_year.ends_on,
            saving.community_share,
            "Community's share of LMA savings",
            account_id=None,
            fund_id=b.lma,
            to_fund_id=b.projects,
        )
    budgets.copy_budget(
        session, actor, from_year_id=first_year.id, to_year_id=second_year.id, uplift_bp=300
    )
    _year_entries(b, second_year, lma, missing)
    project = _project(b, first_year)
    # A payment typed twice, put right by a reversal.
    twice = b.add(
        "payment",
        min(today, second_year.starts_on + timedelta(days=40)),
        86_40,
        "Cleaning materials",
        party="Jangro Supplies",
        category_id=b.categories["Materials and equipment"],
        fund_id=b.lma,
        agreement_id=lma.id,
        service_id=lma.services[0].id,
        reference="INV5521",
    )
    if twice:
        cashbook.reverse_entry(
            session,
            actor,
            twice,
            on=min(today, second_year.starts_on + timedelta(days=41)),
            reason="entered twice",
        )
    demo_registers(session, actor, first_year, second_year, today, (b.general, b.lma))
    setup.close_year(session, actor, first_year.id, on=today)
    _reconcile(b, today)
    del project


def _share_money(b: _Books, since: date) -> None:
    """The members' share money since the books began, banked as it came and went."""
    org = b.actor.organisation_id or 0
    lines = b.session.scalars(
        select(ShareTransaction)
        .where(ShareTransaction.organisation_id == org, ShareTransaction.on >= since)
        .order_by(ShareTransaction.number)
    ).all()
    share_money.record_money(b.session, b.actor, org, list(lines), b.bank)


PROJECTS = (
    # name, budget, lead, (start, end) in days from the first year's start, status,
    # description, payments (day, pence, what, party), results (words, figure, unit)
    ("Playground refurbishment", 6_000_00, "Grace Adeyemi", (30, 150), "finished",
     "New safety surfacing and a bench, chosen by residents at the AGM.",
     ((60, 2_450_00, "Safety surfacing", "PlaySafe Ltd"),
      (95, 780_00, "Bench and fixings", "PlaySafe Ltd")),
     (("Safety surfacing laid under the swings and slide", None, ""),
      ("Children counted playing on a weekday afternoon", 32, "children"))),
    ("Community garden", 2_500_00, "Tom Brennan", (300, 640), "under way",
     "Raised beds for growing food on the grass behind Marlow House.",
     ((330, 840_50, "Timber for raised beds", "Southwark Timber"),
      (400, 312_00, "Soil and compost", "Green Grow Ltd")),
     (("Raised beds built and planted", 12, "beds"),
      ("Households with a bed of their own", 9, "households"))),
    ("Youth football sessions", 1_800_00, "Jamal Idris", (455, 700), "under way",
     "A coach on Friday evenings for young people on the estate.",
     ((485, 450_00, "Coaching, first half-term", "Bermondsey Youth FC"),
      (545, 450_00, "Coaching, second half-term", "Bermondsey Youth FC")),
     (("Young people coming most weeks", 18, "young people"),)),
)  # fmt: skip


def _project(b: _Books, year: setup.YearInfo) -> int:
    """Three community projects paid for from the community's share of the savings (days
    counted from the first year's start): one finished, two under way, each with its
    payments and results so far."""
    from app.services.performance import projects

    first = 0
    for name, budget, lead, (begin, end), status, about, payments, results in PROJECTS:
        made = projects.add_project(b.session, b.actor, projects.ProjectDetails(
            name=name, fund_id=b.projects, budget_pence=budget, lead=lead,
            starts_on=year.starts_on + timedelta(days=begin),
            ends_on=year.starts_on + timedelta(days=end), status=status, description=about,
        ))  # fmt: skip
        first = first or made
        for days, pence, what, party in payments:
            on = year.starts_on + timedelta(days=days)
            b.add("payment", on, pence, f"{name}: {what.lower()}", party=party,
                  category_id=b.categories["Community projects"], fund_id=b.projects,
                  project_id=made)  # fmt: skip
        for words, figure, unit in results:
            projects.add_result(b.session, b.actor, made, words, figure, unit)
    return first


def _reconcile(b: _Books, today: date) -> None:
    """The bank statement at the end of last month: everything cleared but the last
    two payments, which the bank had not yet paid."""
    end = today.replace(day=1) - timedelta(days=1)
    rec = reconcile.start(b.session, b.actor, b.bank, end, 0)
    found = reconcile.items(b.session, b.actor.organisation_id or 0, rec)
    waiting = [e for e, effect, _t in found if effect < 0][-2:]
    ticked = [e.id for e, _eff, _t in found if e not in waiting]
    reconcile.tick(b.session, b.actor, rec, ticked, True)
    now = reconcile.state(b.session, b.actor.organisation_id or 0, rec)
    reconcile.start(b.session, b.actor, b.bank, end, now.cleared_balance)
    reconcile.finish(b.session, b.actor, rec)
