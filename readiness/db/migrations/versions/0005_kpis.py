"""KPI values, targets, statistical neighbours and the council they are for

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kpi_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=60), nullable=False),
        sa.Column("area", sa.String(length=80), nullable=False),
        sa.Column("area_name", sa.String(length=200), nullable=True),
        sa.Column("period_label", sa.String(length=40), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("missing", sa.String(length=10), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("imported_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kpi_value")),
        sa.UniqueConstraint("indicator", "area", "period_end", name=op.f("uq_kpi_value_indicator")),
    )
    op.create_index(op.f("ix_kpi_value_indicator"), "kpi_value", ["indicator"])
    op.create_table(
        "kpi_target",
        sa.Column("indicator", sa.String(length=60), nullable=False),
        sa.Column("target", sa.Float(), nullable=False),
        sa.Column("tolerance", sa.Float(), nullable=True),
        sa.Column("set_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("indicator", name=op.f("pk_kpi_target")),
    )
    op.create_table(
        "statistical_neighbour",
        sa.Column("la_code", sa.String(length=10), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("neighbour", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("la_code", "rank", name=op.f("pk_statistical_neighbour")),
    )
    op.create_table(
        "kpi_council",
        sa.Column("la_code", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("region", sa.String(length=80), nullable=True),
        sa.PrimaryKeyConstraint("la_code", name=op.f("pk_kpi_council")),
    )


def downgrade() -> None:
    op.drop_table("kpi_council")
    op.drop_table("statistical_neighbour")
    op.drop_table("kpi_target")
    op.drop_index(op.f("ix_kpi_value_indicator"), table_name="kpi_value")
    op.drop_table("kpi_value")
