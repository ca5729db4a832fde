"""A progress bar for operator commands (rescore, rebuild): stderr, no dependency."""

from __future__ import annotations

import sys
import time


class Bar:
    """A progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self, total: int, what: str) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.what = what
        self.started = time.perf_counter()
        self._drawn = 0.0

    def __call__(self, n: int) -> None:
        self.done += n
        now = time.perf_counter()
        if now - self._drawn < 0.1 and self.done < self.total:
            return
        self._drawn = now
        share = min(self.done / self.total, 1.0)
        filled = int(share * 30)
        rate = self.done / max(now - self.started, 1e-9)
        sys.stderr.write(
            f"\r{self.what} [{'#' * filled}{'.' * (30 - filled)}] "
            f"{self.done:,}/{self.total:,} ({rate:,.0f}/s)"
        )
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")
