"""row seals in the audit trail

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 05:40:00

Hand-checked: one new column, ``audit_log.seals``, empty for every existing entry
(an empty seal leaves an entry's hash as it was, so the chain stays intact). The
program seals the rows already in the file once the upgrade is done.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("seals", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("seals")
