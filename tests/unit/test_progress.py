"""gpfed/progress.py: what a long command (``gpfed replay``) shows while it runs."""

from __future__ import annotations

import io

import pytest

from gpfed.progress import Progress


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_off_a_terminal_a_line_every_interval_then_a_summary() -> None:
    clock, log = FakeClock(), io.StringIO()
    with Progress("replay payments", stream=log, interval=5.0, clock=clock) as progress:
        for _ in range(12):  # a batch of 1000 every second
            clock.now += 1.0
            progress.add(1000)
    assert log.getvalue().splitlines() == [
        "replay payments: 5000 events (1000/s)",
        "replay payments: 10000 events (1000/s)",
        "replay payments: 12000 events (1000/s) in 12.0s, done",
    ]


def test_on_a_terminal_one_line_redrawn_in_place() -> None:
    clock, screen = FakeClock(), Terminal()
    with Progress("replay contracts", stream=screen, clock=clock) as progress:
        clock.now += 2.0
        progress.add(500)
        clock.now += 0.01  # too soon to redraw
        progress.add(10)
        clock.now += 0.49
        progress.add(490)
    text = screen.getvalue()
    assert text.count("\n") == 1 and text.endswith("\n")
    assert text.split("\r") == [
        "",
        "\x1b[Kreplay contracts: 500 events (250/s)",
        "\x1b[Kreplay contracts: 1000 events (400/s)",
        "\x1b[Kreplay contracts: 1000 events (400/s) in 2.5s, done\n",
    ]


def test_nothing_to_do_still_says_so() -> None:
    log = io.StringIO()
    with Progress("replay conflicts", stream=log, clock=FakeClock()):
        pass
    assert log.getvalue() == "replay conflicts: 0 events (0/s) in 0.0s, done\n"


def test_a_failure_leaves_the_last_count_and_no_summary() -> None:
    clock, screen = FakeClock(), Terminal()
    with pytest.raises(RuntimeError), Progress("replay", stream=screen, clock=clock) as progress:
        clock.now += 1.0
        progress.add(7)
        raise RuntimeError("broker went away")
    assert screen.getvalue() == "\r\x1b[Kreplay: 7 events (7/s)\n"
