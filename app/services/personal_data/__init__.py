"""Personal data across every area: a subject access export of one member, and
retention (erasing former members' details when due). It sits above the areas it reads.

Other packages and the command line use ``subject_access`` and ``retention``.
"""

# The modules other packages may import (each is imported only when asked for, so
# start-up pays for none of them here).
__all__ = [
    "retention",
    "subject_access",
]
