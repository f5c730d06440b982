"""the national record of inspections, for the predicted next inspection

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "national_council",
        sa.Column("la_code", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("urn", sa.String(length=20), nullable=True),
        sa.Column("ons_code", sa.String(length=20), nullable=True),
        sa.Column("region", sa.String(length=200), nullable=True),
        sa.Column("neighbours", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("la_code", name=op.f("pk_national_council")),
    )
    op.create_table(
        "national_inspection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("la_code", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("start", sa.Date(), nullable=True),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("grades", sa.Text(), nullable=False),
        sa.Column("theme", sa.String(length=200), nullable=True),
        sa.Column("type_source", sa.String(length=30), nullable=True),
        sa.Column("lead_inspector", sa.String(length=200), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("imported_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_national_inspection")),
    )
    op.create_index(
        op.f("ix_national_inspection_la_code"), "national_inspection", ["la_code"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_national_inspection_la_code"), table_name="national_inspection")
    op.drop_table("national_inspection")
    op.drop_table("national_council")
