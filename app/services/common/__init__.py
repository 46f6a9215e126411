"""Plain building blocks every area uses: money in pence, UK dates, validation issues,
contact details, report data (tables, sections, the letterhead) and report options.

Nothing here imports another service package.
"""

# The modules other packages may import (each is imported only when asked for, so
# start-up pays for none of them here).
__all__ = [
    "contact",
    "dates",
    "enums",
    "letterhead",
    "money",
    "names",
    "report_options",
    "reports",
    "sections",
    "validation",
]
