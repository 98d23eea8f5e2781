"""Storage: SQLAlchemy models, engine set-up, repositories, Alembic migrations."""
