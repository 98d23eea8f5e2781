"""The Compare window: outlets side by side, suggestions, naming."""
