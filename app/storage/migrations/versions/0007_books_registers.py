"""the books beside the cash book (debtors and creditors, equipment, share money,
allowance matches), members' versions, and a federation's centre returns

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 08:10:00

Hand-checked: five new tables (``owed_items``, ``equipment``, ``share_money``,
``allowance_matches``, and ``centre_returns``: the returns a federation imports) and
two new columns. ``organisations.cancelled_shares_repaid`` is empty for every existing
organisation, which reads as forfeited (the model rules' usual choice) until the
settings say otherwise. ``members.version`` is 1 for every member; the program bumps it
at every change so that a save from an older copy is refused. Both change the rows'
digests, so the program seals those rows again after the upgrade (``storage/reseal.py``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "owed_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=10), nullable=False),
        sa.Column("party", sa.String(length=120), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("amount_pence", sa.Integer(), nullable=False),
        sa.Column("dated", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("settled_on", sa.Date(), nullable=True),
        sa.Column("reference", sa.String(length=60), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("side IN ('debtor', 'creditor')", name=op.f("ck_owed_items_side")),
        sa.CheckConstraint("amount_pence > 0", name=op.f("ck_owed_items_positive")),
        sa.CheckConstraint(
            "due_on IS NULL OR due_on >= dated", name=op.f("ck_owed_items_due_order")
        ),
        sa.CheckConstraint(
            "settled_on IS NULL OR settled_on >= dated", name=op.f("ck_owed_items_settled_order")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_owed_items_organisation_id_organisations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_owed_items")),
    )
    with op.batch_alter_table("owed_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_owed_items_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(
            "ix_owed_items_side", ["organisation_id", "side", "dated"], unique=False
        )

    op.create_table(
        "equipment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("bought_on", sa.Date(), nullable=False),
        sa.Column("cost_pence", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(length=120), nullable=False),
        sa.Column("fund_id", sa.Integer(), nullable=True),
        sa.Column("disposed_on", sa.Date(), nullable=True),
        sa.Column("disposal_note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("cost_pence >= 0", name=op.f("ck_equipment_cost")),
        sa.CheckConstraint(
            "disposed_on IS NULL OR disposed_on >= bought_on", name=op.f("ck_equipment_order")
        ),
        sa.ForeignKeyConstraint(
            ["fund_id"], ["funds.id"], name=op.f("fk_equipment_fund_id_funds"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_equipment_organisation_id_organisations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equipment")),
    )
    with op.batch_alter_table("equipment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_equipment_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "allowance_matches",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["cash_entries.id"],
            name=op.f("fk_allowance_matches_entry_id_cash_entries"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_allowance_matches")),
    )
    op.create_table(
        "share_money",
        sa.Column("share_line_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["cash_entries.id"],
            name=op.f("fk_share_money_entry_id_cash_entries"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["share_line_id"],
            ["share_transactions.id"],
            name=op.f("fk_share_money_share_line_id_share_transactions"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("share_line_id", name=op.f("pk_share_money")),
    )
    with op.batch_alter_table("share_money", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_share_money_entry_id"), ["entry_id"], unique=False)

    op.create_table(
        "centre_returns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("centre_key", sa.String(length=64), nullable=False),
        sa.Column("centre", sa.String(length=200), nullable=False),
        sa.Column("start_year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("figures", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_centre_returns")),
        sa.UniqueConstraint("centre_key", "start_year", "quarter", name="uq_centre_returns_period"),
    )
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cancelled_shares_repaid", sa.Boolean(), nullable=True))
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    op.drop_table("centre_returns")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("version")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_column("cancelled_shares_repaid")

    with op.batch_alter_table("share_money", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_share_money_entry_id"))

    op.drop_table("share_money")
    op.drop_table("allowance_matches")
    with op.batch_alter_table("equipment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_equipment_organisation_id"))

    op.drop_table("equipment")
    with op.batch_alter_table("owed_items", schema=None) as batch_op:
        batch_op.drop_index("ix_owed_items_side")
        batch_op.drop_index(batch_op.f("ix_owed_items_organisation_id"))

    op.drop_table("owed_items")
