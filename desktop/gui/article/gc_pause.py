"""Loading a long article without the cyclic garbage collector's pauses.

Opening a 50,000-mention article makes some 500,000 objects (rows, mentions, spans, tree
items). The bursts of allocation set off collections that scan every object alive, twice
through the oldest generation: about a third of the time to open it (docs/benchmarks.md,
"Opening the big article"). While a document loads the collector waits; afterwards what is
alive is frozen, so the collections that follow (during key presses) skip it
(desktop/core/collector.py).
"""

from __future__ import annotations

import functools

from desktop.core.collector import collector_paused


def paused_gc(fn):
    """`fn` runs with the cyclic collector paused, and what is alive after it is frozen."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        with collector_paused(freeze=True):
            return fn(*args, **kwargs)

    return run
