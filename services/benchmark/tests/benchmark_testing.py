"""Companies and score updates for benchmark's tests, and a reference computed the slow way."""

from __future__ import annotations

import itertools
import math
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from benchmark.domain.commands import RecordScore
from benchmark.domain.measures import LAYOUT, Figures, Measure, level_of, scaled
from benchmark.domain.model import Company
from benchmark.domain.sectors import GroupKey, sector_of_code

AS_OF = date(2026, 9, 15)
_clock = itertools.count()


def company(
    vat: str, score: int, *, country: str | None = None, sector: str = "F41",
    days_to_pay: float | None = 45.0, beyond: float | None = 10.0, late: float | None = 0.3,
    as_of: date = AS_OF, at: datetime | None = None,
) -> Company:  # fmt: skip
    """A company's published measures; each call is newer than the one before."""
    section, division = sector_of_code(sector)
    level = level_of(score)
    return Company(
        vat=vat,
        country=country or vat[:2],
        section=section,
        division=division,
        figures=Figures(
            score,
            level,
            None if days_to_pay is None else scaled(Measure.DAYS_TO_PAY, days_to_pay),
            None if beyond is None else scaled(Measure.DAYS_BEYOND_TERMS, beyond),
            None if late is None else scaled(Measure.LATE_SHARE, late),
        ),
        as_of=as_of,
        updated_at=at or datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=next(_clock)),
    )


def record(c: Company) -> RecordScore:
    return RecordScore(str(uuid.uuid4()), c)


def reference(companies: Iterable[Company], key: GroupKey, measure: Measure) -> list[float]:
    """The bucketed values of a measure in a group, sorted: what the counts must describe."""
    layout = LAYOUT[measure]
    out = []
    for c in companies:
        v = c.figures.value(measure)
        if v is not None and key in c.groups():
            out.append(layout.value(layout.bucket(v)))
    return sorted(out)


def nearest_rank(values: list[float], q: float) -> float:
    return values[max(1, math.ceil(q * len(values) - 1e-9)) - 1]
