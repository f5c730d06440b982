"""retire removed parts: recommendations, themes and actions a re-imported plan no longer has

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABLES = ("recommendation", "theme", "action")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("retired_on", sa.Date(), nullable=True))


def downgrade() -> None:
    # recreate="never": SQLite (3.35+) drops the column in place. Copying the table instead would
    # drop the old one, and with foreign keys on that cascades to progress_update and the leads.
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None, recreate="never") as batch_op:
            batch_op.drop_column("retired_on")
