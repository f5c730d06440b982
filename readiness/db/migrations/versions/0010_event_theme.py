"""an inspection event's theme (a visit's) and lead inspector

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inspection_event") as batch:
        batch.add_column(sa.Column("theme", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("lead_inspector", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("inspection_event") as batch:
        batch.drop_column("lead_inspector")
        batch.drop_column("theme")
