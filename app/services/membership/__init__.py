"""Membership: members and their categories, eligibility to vote, the share ledger,
import, duplicates, lists, documents, the register and the year-end figures.

Other packages use ``members``, ``eligibility``, ``shares``, ``member_rows`` and the
report data in ``report_types``.
"""

# The modules other packages may import (each is imported only when asked for, so
# start-up pays for none of them here).
__all__ = [
    "categories",
    "documents",
    "duplicates",
    "eligibility",
    "label_sheets",
    "member_import",
    "member_numbers",
    "member_query",
    "member_rows",
    "member_search",
    "member_status",
    "members",
    "members_summary",
    "merging",
    "records",
    "report_types",
    "reports",
    "shares",
    "year_end",
]
