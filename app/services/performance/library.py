"""The indicators councils ask of TMOs and LMAs, ready to switch on.

The 22 Tenant Satisfaction Measures every social landlord in England publishes since
April 2023 (the Regulator of Social Housing's TSM Standard), which a council asks its
TMO to supply: TP01-TP12 from the tenant perception survey, and from management
information BS01-BS05 (building safety), CH01-CH02 (complaints, each in two parts),
NM01 (anti-social behaviour, two parts) and RP01-RP02 (repairs; RP02 in two parts).
Then the usual local ones: rent collected, arrears, repairs in time, days to re-let,
estate inspections, anti-social behaviour cases, complaints answered in time.

Every indicator is worked out from two figures typed for the period (collected and
due, checks done and checks needed...), never from a typed percentage.
"""

from __future__ import annotations

from dataclasses import dataclass

# How an indicator is worked out from its two figures.
PERCENT = "percent"  # first ÷ second × 100
PER_THOUSAND = "per_thousand"  # first ÷ second × 1,000 (per 1,000 homes)
AVERAGE = "average"  # first ÷ second (e.g. days empty ÷ homes re-let)
COUNT = "count"  # the first figure as it is (the second is not asked)
METHODS = {
    PERCENT: "÷ {second} × 100",
    PER_THOUSAND: "÷ {second} × 1,000",
    AVERAGE: "÷ {second}",
    COUNT: "",
}
UNITS = {PERCENT: "%", PER_THOUSAND: "per 1,000 homes", AVERAGE: "", COUNT: ""}

QUARTERLY, YEARLY = "quarterly", "yearly"
# How a quarterly indicator's year is worked out from its quarters:
ADDED = "added"  # both figures added up, then divided (repairs done in time of repairs done)
RATE = "rate"  # the first figures added up, divided by the last quarter's second (per homes)
LATEST = "latest"  # the last quarter's figures as they stand (arrears, checks up to date)


def year_rule(method: str, rule: str = "") -> str:
    """The rule for ``method`` unless one is given: a rate per 1,000 homes counts the
    homes once; everything else adds both figures up."""
    return rule or (RATE if method == PER_THOUSAND else ADDED)


@dataclass(frozen=True)
class LibraryIndicator:
    """One indicator as the library offers it (an organisation switches it on, then may
    change its target)."""

    code: str
    name: str
    method: str
    first: str  # what the first figure is
    second: str  # what it is divided by ("" for a count)
    target: str  # a Decimal as text, in the indicator's unit ("" for none)
    higher_is_better: bool
    frequency: str
    group: str
    unit: str = ""  # shown after the figure; the method's unit when empty
    close_within: str = "1"  # how far short still counts as "close", in the unit
    money: bool = False  # the two figures are sums of money (typed in pounds)
    year_rule: str = ""  # how the year is worked out from the quarters ('' for the usual)


def _tp(code: str, name: str, about: str, target: str = "75") -> LibraryIndicator:
    return LibraryIndicator(
        code, name, PERCENT,
        " ".join(["respondents", about, "who were very or fairly satisfied"]).replace("  ", " "),
        " ".join(["respondents", about, "who answered the question"]).replace("  ", " "),
        target, True, YEARLY, "Tenant Satisfaction Measures: tenant perception survey",
    )  # fmt: skip


_TSM_SURVEY = "Tenant Satisfaction Measures: tenant perception survey"
_TSM_MI = "Tenant Satisfaction Measures: management information"
_LOCAL = "Housing management (local indicators)"

LIBRARY: tuple[LibraryIndicator, ...] = (
    _tp("TP01", "Overall satisfaction", ""),
    _tp("TP02", "Satisfaction with repairs", "with a repair in the last 12 months"),
    _tp(
        "TP03",
        "Satisfaction with time taken to complete most recent repair",
        "with a repair in the last 12 months",
        "70",
    ),
    _tp("TP04", "Satisfaction that the home is well maintained", ""),
    _tp("TP05", "Satisfaction that the home is safe", "", "80"),
    _tp(
        "TP06",
        "Satisfaction that the landlord listens to tenant views and acts upon them",
        "",
        "65",
    ),
    _tp(
        "TP07",
        "Satisfaction that the landlord keeps tenants informed about things that matter to them",
        "",
        "70",
    ),
    LibraryIndicator(
        "TP08",
        "Agreement that the landlord treats tenants fairly and with respect",
        PERCENT,
        "respondents who strongly agreed or agreed",
        "respondents who answered the question",
        "80",
        True,
        YEARLY,
        _TSM_SURVEY,
    ),
    _tp(
        "TP09",
        "Satisfaction with the landlord's approach to handling complaints",
        "who made a complaint in the last 12 months",
        "40",
    ),
    _tp(
        "TP10",
        "Satisfaction that the landlord keeps communal areas clean and well maintained",
        "living in a building with communal areas",
        "65",
    ),
    _tp(
        "TP11",
        "Satisfaction that the landlord makes a positive contribution to neighbourhoods",
        "",
        "65",
    ),
    _tp(
        "TP12",
        "Satisfaction with the landlord's approach to handling anti-social behaviour",
        "",
        "60",
    ),
    LibraryIndicator(
        "BS01",
        "Gas safety checks",
        PERCENT,
        "homes with all required gas safety checks carried out",
        "homes needing gas safety checks",
        "100",
        True,
        QUARTERLY,
        _TSM_MI,
        close_within="0",
        year_rule=LATEST,
    ),
    LibraryIndicator(
        "BS02",
        "Fire safety checks",
        PERCENT,
        "homes with all required fire risk assessments carried out",
        "homes needing fire risk assessments",
        "100",
        True,
        QUARTERLY,
        _TSM_MI,
        close_within="0",
        year_rule=LATEST,
    ),
    LibraryIndicator(
        "BS03",
        "Asbestos safety checks",
        PERCENT,
        "homes with all required asbestos management surveys or re-inspections",
        "homes needing them",
        "100",
        True,
        QUARTERLY,
        _TSM_MI,
        close_within="0",
        year_rule=LATEST,
    ),
    LibraryIndicator(
        "BS04",
        "Water safety checks",
        PERCENT,
        "homes with all required legionella risk assessments carried out",
        "homes needing them",
        "100",
        True,
        QUARTERLY,
        _TSM_MI,
        close_within="0",
        year_rule=LATEST,
    ),
    LibraryIndicator(
        "BS05",
        "Lift safety checks",
        PERCENT,
        "homes with all required communal passenger lift safety checks",
        "homes needing them",
        "100",
        True,
        QUARTERLY,
        _TSM_MI,
        close_within="0",
        year_rule=LATEST,
    ),
    LibraryIndicator(
        "CH01-1",
        "Stage one complaints relative to the size of the landlord",
        PER_THOUSAND,
        "stage one complaints received",
        "homes",
        "30",
        False,
        QUARTERLY,
        _TSM_MI,
        close_within="5",
    ),
    LibraryIndicator(
        "CH01-2",
        "Stage two complaints relative to the size of the landlord",
        PER_THOUSAND,
        "stage two complaints received",
        "homes",
        "5",
        False,
        QUARTERLY,
        _TSM_MI,
    ),
    LibraryIndicator(
        "CH02-1",
        "Stage one complaints responded to within the Complaint Handling Code's timescales",
        PERCENT,
        "stage one complaints answered in time",
        "stage one complaints answered",
        "95",
        True,
        QUARTERLY,
        _TSM_MI,
        close_within="2",
    ),
    LibraryIndicator(
        "CH02-2",
        "Stage two complaints responded to within the Complaint Handling Code's timescales",
        PERCENT,
        "stage two complaints answered in time",
        "stage two complaints answered",
        "95",
        True,
        QUARTERLY,
        _TSM_MI,
        close_within="2",
    ),
    LibraryIndicator(
        "NM01-1",
        "Anti-social behaviour cases relative to the size of the landlord",
        PER_THOUSAND,
        "anti-social behaviour cases opened",
        "homes",
        "40",
        False,
        QUARTERLY,
        _TSM_MI,
        close_within="5",
    ),
    LibraryIndicator(
        "NM01-2",
        "Anti-social behaviour cases that involve hate incidents "
        "relative to the size of the landlord",
        PER_THOUSAND,
        "anti-social behaviour cases involving hate incidents opened",
        "homes",
        "2",
        False,
        QUARTERLY,
        _TSM_MI,
    ),
    LibraryIndicator(
        "RP01",
        "Homes that do not meet the Decent Homes Standard",
        PERCENT,
        "homes that do not meet the Decent Homes Standard",
        "homes",
        "0",
        False,
        YEARLY,
        _TSM_MI,
    ),
    LibraryIndicator(
        "RP02-1",
        "Non-emergency repairs completed within the landlord's target timescale",
        PERCENT,
        "non-emergency repairs completed in time",
        "non-emergency repairs completed",
        "90",
        True,
        QUARTERLY,
        _TSM_MI,
        close_within="2",
    ),
    LibraryIndicator(
        "RP02-2",
        "Emergency repairs completed within the landlord's target timescale",
        PERCENT,
        "emergency repairs completed in time",
        "emergency repairs completed",
        "98",
        True,
        QUARTERLY,
        _TSM_MI,
    ),
    LibraryIndicator(
        "RENT-1",
        "Rent collected as a share of rent due",
        PERCENT,
        "rent collected",
        "rent due",
        "97",
        True,
        QUARTERLY,
        _LOCAL,
        close_within="0.5",
        money=True,
    ),
    LibraryIndicator(
        "RENT-2",
        "Current tenant arrears as a share of the annual rent debit",
        PERCENT,
        "current tenants' arrears",
        "the annual rent debit",
        "3",
        False,
        QUARTERLY,
        _LOCAL,
        close_within="0.5",
        money=True,
        year_rule=LATEST,
    ),
    LibraryIndicator(
        "REP-E",
        "Emergency repairs completed within target time",
        PERCENT,
        "emergency repairs completed in time",
        "emergency repairs completed",
        "98",
        True,
        QUARTERLY,
        _LOCAL,
    ),
    LibraryIndicator(
        "REP-U",
        "Urgent repairs completed within target time",
        PERCENT,
        "urgent repairs completed in time",
        "urgent repairs completed",
        "95",
        True,
        QUARTERLY,
        _LOCAL,
        close_within="2",
    ),
    LibraryIndicator(
        "REP-R",
        "Routine repairs completed within target time",
        PERCENT,
        "routine repairs completed in time",
        "routine repairs completed",
        "90",
        True,
        QUARTERLY,
        _LOCAL,
        close_within="2",
    ),
    LibraryIndicator(
        "VOID",
        "Average days to re-let an empty home",
        AVERAGE,
        "days empty, added up over the homes re-let",
        "homes re-let",
        "28",
        False,
        QUARTERLY,
        _LOCAL,
        unit="days",
        close_within="3",
    ),
    LibraryIndicator(
        "EST",
        "Estate inspections done as planned",
        PERCENT,
        "estate inspections done",
        "estate inspections planned",
        "100",
        True,
        QUARTERLY,
        _LOCAL,
        close_within="5",
    ),
    LibraryIndicator(
        "ASB-O",
        "Anti-social behaviour cases opened",
        COUNT,
        "cases opened",
        "",
        "",
        False,
        QUARTERLY,
        _LOCAL,
        unit="cases",
    ),
    LibraryIndicator(
        "ASB-R",
        "Anti-social behaviour cases resolved",
        PERCENT,
        "cases closed as resolved",
        "cases closed",
        "85",
        True,
        QUARTERLY,
        _LOCAL,
        close_within="5",
    ),
    LibraryIndicator(
        "COMP",
        "Complaints answered in time",
        PERCENT,
        "complaints answered within the target time",
        "complaints answered",
        "95",
        True,
        QUARTERLY,
        _LOCAL,
        close_within="2",
    ),
    LibraryIndicator(
        "SAT",
        "Satisfaction with the TMO's services (own survey)",
        PERCENT,
        "respondents very or fairly satisfied",
        "respondents who answered",
        "85",
        True,
        YEARLY,
        _LOCAL,
        close_within="3",
    ),
)
TSM_CODES = tuple(i.code for i in LIBRARY if i.group.startswith("Tenant Satisfaction"))


def find(code: str) -> LibraryIndicator | None:
    """The library's indicator with ``code``."""
    return next((i for i in LIBRARY if i.code == code), None)
