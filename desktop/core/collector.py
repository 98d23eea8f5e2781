"""Bulk work run without Python's cyclic garbage collector.

Opening a long article, importing a file, comparing claims or counting agreement each make
hundreds of thousands of objects (rows, tuples, spans) and none of them in a reference cycle:
reference counting frees them all. Their bursts of allocation still set off collections that
walk every object alive, again and again, and find nothing to free: a third of opening a
50,000-mention article, a quarter of the alignment of 200 documents, a tenth of the importer's
work (docs/benchmarks.md). While such work runs the collector waits.

The collector is one switch for the whole process: work that finds it off already (another
thread pausing it) leaves it alone, and the first to pause it turns it back on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """No cyclic collection inside the block. With ``freeze``, what is alive at its end is
    moved out of the collector's sight (`gc.freeze`): the open document lives until another
    replaces it, and later collections skip it instead of scanning it again. Frozen objects are
    still freed by reference counting; only a reference cycle among them stays until exit."""
    if not gc.isenabled():  # someone else manages it
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        gc.enable()
