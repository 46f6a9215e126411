"""roles in several organisations (user_roles), and members that are organisations

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 15:40:00

Hand-checked: one new table. A user keeps their own organisation and role; a row here
gives them a role in another organisation of the same database (a federation's centre).
Two new columns on ``members``: ``represents_id`` (the organisation a member is, on a
federation's register of its centres) and ``representative`` (who speaks for it), empty
for every existing member. They change the rows' digests, so the program seals the
members again after the upgrade (``storage/reseal.py``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("granted_by", sa.String(length=60), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_user_roles_organisation_id_organisations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_user_roles_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_roles")),
        sa.UniqueConstraint("user_id", "organisation_id", name=op.f("uq_user_roles_user_id")),
    )
    with op.batch_alter_table("user_roles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_user_roles_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_user_roles_user_id"), ["user_id"], unique=False)
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("represents_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("representative", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_members_represents_id_organisations"),
            "organisations", ["represents_id"], ["id"], ondelete="RESTRICT",
        )  # fmt: skip


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_members_represents_id_organisations"), type_="foreignkey"
        )
        batch_op.drop_column("representative")
        batch_op.drop_column("represents_id")
    with op.batch_alter_table("user_roles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_roles_user_id"))
        batch_op.drop_index(batch_op.f("ix_user_roles_organisation_id"))
    op.drop_table("user_roles")
