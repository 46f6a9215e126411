"""survey questionnaires typed twice: who checked each one

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 19:30:00

Hand-checked: one new column on ``survey_returns``, ``checked_by``: the user who typed
the questionnaire a second time and found it the same (or corrected it from the paper),
empty for every return typed before. It changes the rows' digests, so the program seals
the returns again after the upgrade (``storage/reseal.py``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("survey_returns", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("checked_by", sa.String(length=60), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("survey_returns", schema=None) as batch_op:
        batch_op.drop_column("checked_by")
