"""Row helpers shared by the typed records."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import fields
from typing import Any

_GETTERS: dict[type, tuple[tuple[str, ...], Callable[[Any], tuple[object, ...]]]] = {}


def shallow_dict(record: Any) -> dict[str, object]:
    """Field name -> value without dataclasses.asdict's deep copy (several times faster on a
    million rows, and our values are immutable anyway)."""
    cls = type(record)
    found = _GETTERS.get(cls)
    if found is None:
        names = tuple(f.name for f in fields(cls))
        found = _GETTERS[cls] = (names, operator.attrgetter(*names))
    names, getter = found
    return dict(zip(names, getter(record), strict=True))
