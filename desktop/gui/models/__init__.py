"""Qt item models, one per file, over plain data (no database access here)."""
