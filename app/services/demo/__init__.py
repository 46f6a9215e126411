"""The demo organisation: members, board, an election, meetings and books, the same for a seed.

Other packages use ``create_demo``, ``add_federation_user``, ``DEMO_PASSWORD`` and
``details``.
"""

from app.services.demo.build import (
    DEMO_PASSWORD,
    DEMO_USERS,
    DemoResult,
    add_federation_user,
    create_demo,
    details,
)

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_USERS",
    "DemoResult",
    "add_federation_user",
    "create_demo",
    "details",
]
