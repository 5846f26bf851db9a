"""The cyclic garbage collector paused while a request builds a great many objects at once (a
10,000-record ingest, a month end for England): nearly all are acyclic and freed by reference
counting when the request ends, yet left on, the collector walked them again and again as they
were made: a tenth of a JSON batch's time, more of a FHIR Bundle's, a quarter of a month end's
(``make bench``, docs/benchmarks.md)."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager

#: Pauses in progress in this process; whether the collector was on before the first; since when.
_pausing, _was_enabled, _paused_since = 0, True, 0.0
#: Seconds the collector may stay paused while pauses overlap without a gap.
MAX_PAUSE = 1.0


@contextmanager
def collector_paused() -> Iterator[None]:
    """Paused for the process while any such request is in progress (others interleave at its
    awaits), then back as it was. Should pauses overlap for longer than :data:`MAX_PAUSE`, a
    collection runs as the next one begins, so that cyclic garbage stays bounded under a
    steady load."""
    global _pausing, _was_enabled, _paused_since
    now = time.monotonic()
    if _pausing == 0:
        _was_enabled, _paused_since = gc.isenabled(), now
    elif _was_enabled and now - _paused_since > MAX_PAUSE:
        gc.collect()
        _paused_since = now
    _pausing += 1
    gc.disable()
    try:
        yield
    finally:
        _pausing -= 1
        if _pausing == 0 and _was_enabled:
            gc.enable()
