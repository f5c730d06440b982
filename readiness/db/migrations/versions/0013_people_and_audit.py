"""people and their roles, the audit trail, wall-screen links, reminders sent, and a progress
update's part in a completion's sign-off (proposed, confirmed, returned)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# On PostgreSQL the audit trail refuses any change after it is written, whoever connects; on
# SQLite the app is the only writer and never updates or deletes an entry (readiness.access.audit).
REFUSE_CHANGES = """
CREATE FUNCTION audit_entry_is_kept() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail cannot be changed: entries are only ever added.';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entry_kept BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_is_kept();
"""


def upgrade() -> None:
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("lead_name", sa.String(length=200), nullable=True),
        sa.Column("reminders", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("email", name=op.f("uq_person_email")),
    )
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_email", sa.String(length=254), nullable=False),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    op.create_index(op.f("ix_audit_entry_at"), "audit_entry", ["at"])
    op.create_table(
        "board_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("made_by", sa.String(length=254), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_board_link")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_board_link_token_hash")),
    )
    op.create_table(
        "reminder_sent",
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("actions", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("email", "sent_on", name=op.f("pk_reminder_sent")),
    )
    with op.batch_alter_table("progress_update") as batch:
        batch.add_column(sa.Column("completion", sa.String(length=10), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(REFUSE_CHANGES)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_entry_kept ON audit_entry")
        op.execute("DROP FUNCTION audit_entry_is_kept()")
    with op.batch_alter_table("progress_update", recreate="never") as batch:
        batch.drop_column("completion")
    op.drop_table("reminder_sent")
    op.drop_table("board_link")
    op.drop_index(op.f("ix_audit_entry_at"), table_name="audit_entry")
    op.drop_table("audit_entry")
    op.drop_table("person")
