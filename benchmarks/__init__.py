"""Speed and memory figures of Mizan on generated data: ``python -m benchmarks``.

Not part of the product: not in the wheel, and nothing in ``desktop/`` or ``tests/`` imports it.
What each figure times and its target: docs/benchmarks.md.
"""
