"""Looking after the data file as people do: opening it, checking it (`mutualdesk check`),
backing it up and restoring it, and the unit of work pages run services in.

Pages and the command line use these modules, never ``app.storage`` itself. The package
imports nothing heavy, so ``early`` can run before the sign-in window shows.
"""

# The modules other packages may import (each is imported only when asked for, so
# start-up pays for none of them here).
__all__ = [
    "backups",
    "early",
    "health",
    "opening",
    "work",
]
