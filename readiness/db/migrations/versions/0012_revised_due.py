"""a revised due date on a progress update: an overdue action's recovery, kept in its history

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("progress_update") as batch:
        batch.add_column(sa.Column("revised_due", sa.Date(), nullable=True))


def downgrade() -> None:
    # recreate="never": SQLite drops the column in place, as in 0002; the history's rows stay.
    with op.batch_alter_table("progress_update", recreate="never") as batch:
        batch.drop_column("revised_due")
