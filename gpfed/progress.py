"""Progress of a long command (``gpfed replay``), on standard error.

On a terminal, one line redrawn in place with the count and the rate; anywhere else (a pod's
log, a CI job), a line every ``interval`` seconds, so that a log shows the command is moving
without a line per batch. Either way a summary line when the command ends. Standard output is
left to the command's result (``gpfed replay`` prints its JSON there).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import Self, TextIO

#: The least time between two redraws of the terminal line.
REDRAW_SECONDS = 0.1


class Progress:
    def __init__(
        self,
        label: str,
        *,
        unit: str = "events",
        stream: TextIO | None = None,
        interval: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.unit = unit
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self.clock = clock
        self.count = 0
        self.tty = self.stream.isatty()
        self.started = clock()
        self._shown = self.started

    def add(self, n: int) -> None:
        """``n`` more done; shows the progress when it is time to."""
        self.count += n
        now = self.clock()
        if now - self._shown < (REDRAW_SECONDS if self.tty else self.interval):
            return
        self._shown = now
        if self.tty:
            self.stream.write(f"\r\x1b[K{self._status(now)}")
        else:
            self.stream.write(self._status(now) + "\n")
        self.stream.flush()

    def done(self) -> None:
        now = self.clock()
        summary = f"{self._status(now)} in {now - self.started:.1f}s, done"
        self.stream.write(f"\r\x1b[K{summary}\n" if self.tty else summary + "\n")
        self.stream.flush()

    def _status(self, now: float) -> str:
        elapsed = now - self.started
        rate = self.count / elapsed if elapsed > 0 else 0.0
        return f"{self.label}: {self.count} {self.unit} ({rate:.0f}/s)"

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.done()
        elif self.tty:
            self.stream.write("\n")  # keep the last count on screen above the error
            self.stream.flush()
