"""How an error quotes what a caller sent: never the whole of a hostile value."""

from __future__ import annotations

MAX_SHOWN = 32


def shown(raw: str) -> str:
    """``raw`` as an error message repeats it: at most MAX_SHOWN characters."""
    return repr(raw) if len(raw) <= MAX_SHOWN else repr(raw[:MAX_SHOWN]) + "..."
