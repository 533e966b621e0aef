"""A progress line on standard error: done/total, articles per second and time left."""

from __future__ import annotations

import sys
import time
from typing import TextIO

_BAR = 24  # characters of bar: fits an 80-column terminal with the figures


class Progress:
    """Redraw one status line in place on a terminal, or print a line now and then into a log."""

    def __init__(self, total: int | None, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        # a terminal gets a smooth redraw; a log file gets a line every ten seconds, not thousands
        self.interval = 0.2 if self.tty else 10.0
        self.start = time.monotonic()
        self.last = 0.0
        self.drawn = False

    def update(self, done: int, processed: int, detail: str = "", force: bool = False, final: bool = False) -> None:
        """Show done records read of total, of which processed went through extraction."""
        if not self.enabled:
            return
        t = time.monotonic()
        if not force and t - self.last < self.interval:
            return
        self.last = t
        elapsed = max(t - self.start, 1e-6)
        rate = processed / elapsed
        parts = []
        if self.total:
            frac = min(done / self.total, 1.0)
            fill = int(frac * _BAR)
            parts.append(f"{'█' * fill}{'░' * (_BAR - fill)} {done:,}/{self.total:,} {frac:4.0%}")
            left = max(self.total - done, 0)
            eta = left / rate if rate > 0 else None
            parts.append(f"{rate:,.0f} articles/s")
            if final:
                parts.append("took " + _clock(elapsed))
            else:
                parts.append("ETA " + (_clock(eta) if eta is not None else "?"))
        else:
            parts.append(f"{done:,} read")
            parts.append(f"{rate:,.0f} articles/s")
        if detail:
            parts.append(detail)
        line = "ingest " + " · ".join(parts)
        if self.tty:
            self.stream.write("\r\x1b[K" + line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
        self.drawn = True

    def message(self, text: str) -> None:
        """Print a line without garbling the status line."""
        if self.tty and self.drawn:
            self.stream.write("\r\x1b[K")
        self.stream.write(text + "\n")
        self.stream.flush()
        self.last = 0.0  # redraw at the next update

    def finish(self) -> None:
        """End the status line."""
        if self.enabled and self.tty and self.drawn:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    s = int(seconds + 0.5)
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
