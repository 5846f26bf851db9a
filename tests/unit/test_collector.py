"""The cyclic collector paused while a large ingest or a month end is in progress
(``shared.collector``), and back as it was after the last of overlapping ones."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from shared import collector
from shared.collector import collector_paused


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_back_on_only_when_the_last_overlapping_pause_ends() -> None:
    first, second = collector_paused(), collector_paused()
    first.__enter__()
    second.__enter__()
    assert not gc.isenabled()
    first.__exit__(None, None, None)  # the first to start ends first: the second still runs
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_it_is_back_on_after_a_request_that_failed() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("refused")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_pauses_overlapping_past_max_pause_collect_as_the_next_begins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    collected: list[int] = []

    def collect(*_: int) -> int:
        collected.append(1)
        return 0

    monkeypatch.setattr(gc, "collect", collect)
    with collector_paused():
        with collector_paused():
            assert collected == []  # within MAX_PAUSE: no collection
        monkeypatch.setattr(collector, "MAX_PAUSE", -1.0)
        with collector_paused():
            assert collected == [1]
        assert not gc.isenabled()
    assert gc.isenabled()
