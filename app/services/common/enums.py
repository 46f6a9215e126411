"""``StrEnum`` on every Python we support: members are their stored strings.

A state kept as a ``StrEnum`` compares equal to, hashes like and is saved as the
same text as before, so the file format does not change.
"""

from __future__ import annotations

import sys
from enum import Enum

if sys.version_info >= (3, 11):
    from enum import StrEnum as StrEnum
else:  # pragma: no cover - Python 3.10

    class StrEnum(str, Enum):
        """A str that is also an Enum member (``enum.StrEnum`` from Python 3.11)."""

        def __str__(self) -> str:
            return str(self.value)
