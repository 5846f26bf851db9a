"""What a service's processes use, read from /proc: the process tree (uvicorn's supervisor and
its workers), CPU time, peak RSS and sampled PSS. Shared by the benchmarks."""

from __future__ import annotations

import os
import threading
from pathlib import Path


def process_tree(pid: int) -> list[int]:
    """The process and its descendants (uvicorn's workers), read from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # exited while we looked
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, todo = [], [pid]
    while todo:
        tree.append(current := todo.pop())
        todo += children.get(current, [])
    return tree


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the service's processes have used so far."""
    ticks = 0
    for member in process_tree(pid):
        fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


PSS_INTERVAL = 0.2


class MemorySampler:
    """The peak, over samples, of a service's summed PSS (proportional set size, from
    /proc/PID/smaps_rollup): with several workers, RSS counts the pages they share (the
    interpreter, the libraries) once per process, PSS divides them between the sharers, so
    the sum is what the service as a whole holds."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_mb = 0.0
        self.processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(PSS_INTERVAL):
            tree = process_tree(self.pid)
            kb = 0
            for member in tree:
                try:
                    rollup = Path(f"/proc/{member}/smaps_rollup").read_text()
                except OSError:
                    continue
                kb += next(
                    int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")
                )
            self.processes = max(self.processes, len(tree))
            self.peak_mb = max(self.peak_mb, kb / 1024)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def peak_rss_mb(pid: int) -> float:
    """VmHWM summed over the service's processes: each one's peak resident set so far. The
    peaks need not coincide, so this is an upper bound of the service's peak."""
    total = 0
    for member in process_tree(pid):
        for line in Path(f"/proc/{member}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1])
    if not total:
        raise RuntimeError(f"no VmHWM for {pid}")
    return total / 1024
