"""Readers and writers for every import/export format. Streams; no Qt, no database."""
