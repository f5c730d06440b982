"""the self-evaluation (narrative, line edits, submitted versions), the annual engagement
meetings and their feedback points, and checklist tasks ticked from those records

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# The two default checklist tasks these records tick, by their words as the default list stored
# them (readiness.inspection.checklist.DEFAULT_TASKS): a council's stored list keeps its tasks.
TICKED = {
    "self_evaluation": (
        "Self-evaluation of social work practice refreshed within the last 12 months"
    ),
    "engagement_meeting": "Annual engagement meeting with Ofsted held within the last 12 months",
}


def _with_id(*columns: sa.Column) -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        *columns,
    ]


def upgrade() -> None:
    op.create_table(
        "sef_narrative",
        *_with_id(
            sa.Column("area", sa.String(length=60), nullable=False),
            sa.Column("question", sa.Integer(), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("author", sa.String(length=200), nullable=False),
            sa.Column("author_email", sa.String(length=254), nullable=False),
            sa.Column("written_at", sa.DateTime(), nullable=False),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sef_narrative")),
    )
    op.create_table(
        "sef_line_edit",
        *_with_id(
            sa.Column("line_key", sa.String(length=200), nullable=False),
            sa.Column("text", sa.Text(), nullable=True),
            sa.Column("based_on", sa.Text(), nullable=False),
            sa.Column("author", sa.String(length=200), nullable=False),
            sa.Column("author_email", sa.String(length=254), nullable=False),
            sa.Column("written_at", sa.DateTime(), nullable=False),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sef_line_edit")),
    )
    op.create_index(op.f("ix_sef_line_edit_line_key"), "sef_line_edit", ["line_key"])
    op.create_table(
        "sef_version",
        *_with_id(
            sa.Column("submitted_on", sa.Date(), nullable=False),
            sa.Column("as_at", sa.Date(), nullable=False),
            sa.Column("submitted_by", sa.String(length=200), nullable=False),
            sa.Column("submitted_by_email", sa.String(length=254), nullable=False),
            sa.Column("submitted_at", sa.DateTime(), nullable=False),
            sa.Column("document", sa.Text(), nullable=False),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sef_version")),
    )
    op.create_table(
        "engagement_meeting",
        *_with_id(
            sa.Column("held_on", sa.Date(), nullable=False),
            sa.Column("attendees", sa.Text(), nullable=False),
            sa.Column("notes", sa.Text(), nullable=True),
            sa.Column("next_on", sa.Date(), nullable=True),
            sa.Column("recorded_by", sa.String(length=200), nullable=False),
            sa.Column("recorded_at", sa.DateTime(), nullable=False),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engagement_meeting")),
    )
    op.create_table(
        "engagement_point",
        *_with_id(
            sa.Column("meeting_id", sa.Integer(), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("tracked", sa.Boolean(), nullable=False),
            sa.Column("lead", sa.String(length=200), nullable=True),
            sa.Column("due", sa.Date(), nullable=True),
            sa.Column("status", sa.String(length=20), nullable=False),
            sa.Column("completed", sa.Date(), nullable=True),
            sa.Column("progress", sa.Text(), nullable=True),
            sa.Column("updated_on", sa.Date(), nullable=True),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["engagement_meeting.id"],
            name=op.f("fk_engagement_point_meeting_id_engagement_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engagement_point")),
    )
    op.create_index(op.f("ix_engagement_point_meeting_id"), "engagement_point", ["meeting_id"])
    with op.batch_alter_table("readiness_task") as batch:
        batch.add_column(sa.Column("ticked_by", sa.String(length=40), nullable=True))
    task = sa.table("readiness_task", sa.column("text"), sa.column("ticked_by"))
    for key, words in TICKED.items():
        op.execute(task.update().where(task.c.text == words).values(ticked_by=key))


def downgrade() -> None:
    with op.batch_alter_table("readiness_task") as batch:
        batch.drop_column("ticked_by")
    op.drop_index(op.f("ix_engagement_point_meeting_id"), table_name="engagement_point")
    op.drop_table("engagement_point")
    op.drop_table("engagement_meeting")
    op.drop_table("sef_version")
    op.drop_index(op.f("ix_sef_line_edit_line_key"), table_name="sef_line_edit")
    op.drop_table("sef_line_edit")
    op.drop_table("sef_narrative")
