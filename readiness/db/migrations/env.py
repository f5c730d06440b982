"""Alembic environment: runs migrations on the engine handed over by readiness.db.engine.upgrade."""

from alembic import context

from readiness.db.engine import begin_migrations
from readiness.db.models import Base

engine = context.config.attributes["engine"]
with begin_migrations(engine) as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite can only alter tables by copying them
    )
    context.run_migrations()
