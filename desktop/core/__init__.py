"""Domain objects and rules. No I/O, no Qt, no SQLAlchemy."""
