"""Mizan (ميزان): annotate Arabic news articles and weigh what different outlets report."""

__version__ = "0.1.0"
