"""The unit of work every service call runs in: one session that commits whole or not at all.

``Session`` is the type a service takes; pages name it from here, never from SQLAlchemy.
"""

from sqlalchemy.orm import Session

from app.storage.unit_of_work import plain_failures, reading, unit_of_work

__all__ = ["Session", "plain_failures", "reading", "unit_of_work"]
