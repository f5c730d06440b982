"""which stored plan is current, and when each was stored

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("improvement_plan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stored_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("current_rank", sa.Integer(), nullable=True))
    # Until now the most recently created plan was the current one: keep it so.
    op.execute("UPDATE improvement_plan SET current_rank = id")


def downgrade() -> None:
    # recreate="never": see 0002 (copying the table would cascade deletes through foreign keys).
    with op.batch_alter_table("improvement_plan", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("current_rank")
        batch_op.drop_column("stored_on")
