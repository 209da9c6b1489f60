"""Peak memory of a process and its child processes together, sampled while a step runs.

``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` cannot tell what reading workers use: a worker
started from a large process counts the pages it shared with that process before it started its
own program.  So a thread reads the resident set size (``VmRSS``) of this process and of every
process below it from /proc, ten times a second, and keeps the largest sum.  (Linux only.)
"""

import os
import threading
from pathlib import Path
from types import TracebackType

INTERVAL_SECONDS = 0.1


class TreeMemory:
    """``with TreeMemory() as memory: ...``; then ``memory.peak_mb``."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    @property
    def peak_mb(self) -> float:
        return round(self.peak_kb / 1024, 1)

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while True:
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(pid) for pid in _tree(os.getpid())))
            if self._stop.wait(INTERVAL_SECONDS):
                return


def _tree(pid: int) -> list[int]:
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            found += _tree(int(child))
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
