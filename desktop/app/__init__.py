"""Use cases: one transaction per user action, history, settings. No Qt."""
