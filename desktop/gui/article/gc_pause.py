"""Loading a long article without the cyclic garbage collector's pauses.

Opening a 50,000-mention article makes some 500,000 objects (rows, mentions, spans, tree
items). The bursts of allocation set off collections that scan every object alive, twice
through the oldest generation: about a third of the time to open it (docs/benchmarks.md,
"Opening the big article"). While a document loads the collector waits; afterwards what is
alive is frozen (`gc.freeze`): the open document lives until another replaces it and its
mentions and spans hold no reference cycles, so the collections that follow (during key
presses) skip it instead of scanning it again. Frozen objects are still freed by reference
counting when nothing refers to them; only a reference cycle among them would stay until exit.
"""

from __future__ import annotations

import functools
import gc


def paused_gc(fn):
    """`fn` runs with the cyclic collector paused, and what is alive after it is frozen."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        if not gc.isenabled():  # someone else already manages it
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.freeze()
            gc.enable()

    return run
