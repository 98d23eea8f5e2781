"""Cross-document claim alignment, conflicts, word diff, naming comparison. No Qt."""
