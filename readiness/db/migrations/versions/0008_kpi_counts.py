"""a percentage's count and denominator, for its 95% interval

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("kpi_value") as batch:
        batch.add_column(sa.Column("numerator", sa.Float(), nullable=True))
        batch.add_column(sa.Column("denominator", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("kpi_value") as batch:
        batch.drop_column("denominator")
        batch.drop_column("numerator")
