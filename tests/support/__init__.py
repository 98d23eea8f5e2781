"""Data generators shared by the tests and the benchmarks (``python -m benchmarks``).

Generated data is deterministic (fixed seeds), so a failing test or a benchmark figure can be
reproduced; see docs/benchmarks.md for the sizes each figure uses.
"""
