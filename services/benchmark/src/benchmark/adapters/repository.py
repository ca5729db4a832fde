"""Companies, histograms and month medians in PostgreSQL.

The register runs its statements on the psycopg connection under the unit of work's
SQLAlchemy transaction: the write path is a handful of fixed statements on every score
update, and the ORM's per-statement work would cost more than PostgreSQL's.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from psycopg import AsyncConnection
from psycopg.rows import namedtuple_row

from benchmark.domain.measures import LAYOUT, LEVEL_OFFSET, MEASURES, Figures, Histogram
from benchmark.domain.model import Company, MonthMedian, rollup
from benchmark.domain.sectors import GroupKey

if sys.byteorder != "little":  # pragma: no cover - the packed counts are little-endian
    raise RuntimeError("benchmark's packed histograms assume a little-endian machine")

# Every writer (consumer replicas, the rebuild) begins by updating the register's one row:
# its row lock serialises them until commit (the counts are adjusted from what the
# companies table said, which must not change meanwhile), the new version tells readers
# to reload, and the row says which month the live counts are in.
_BEGIN_WRITE = (
    "UPDATE register SET version = version + 1, updated_at = now() RETURNING current_month"
)

_COLUMNS = (
    ("vat", "varchar"), ("country", "varchar"), ("section", "varchar"),
    ("division", "varchar"), ("score", "smallint"), ("level", "smallint"),
    ("days_to_pay", "integer"), ("days_beyond_terms", "integer"), ("late_share", "integer"),
    ("as_of", "date"), ("updated_at", "timestamptz"),
)  # fmt: skip
_NAMES = ", ".join(c for c, _ in _COLUMNS)
_RECORD = ", ".join(f"{c} {t}" for c, t in _COLUMNS)
_SETS = ", ".join(f"{c} = EXCLUDED.{c}" for c, _ in _COLUMNS if c != "vat")

_LOCKED_COMPANIES = (
    f"SELECT {_NAMES} FROM companies WHERE vat = ANY(%(vats)s) ORDER BY vat FOR UPDATE"
)
_HISTOGRAMS = (
    "SELECT h.country, h.sector, h.counts, h.sums FROM histograms h "
    "JOIN unnest(%(country)s::varchar[], %(sector)s::varchar[]) AS k(country, sector) "
    "ON h.country = k.country AND h.sector = k.sector "
    "ORDER BY h.country, h.sector FOR UPDATE OF h"
)
_HISTOGRAM_ROWS = (
    "SELECT * FROM unnest(%(country)s::varchar[], %(sector)s::varchar[], "
    "%(counts)b::bytea[], %(sums)b::bytea[])"  # binary: text would escape every byte
)
_UPSERT_HISTOGRAMS = (
    f"INSERT INTO histograms (country, sector, counts, sums) {_HISTOGRAM_ROWS} "
    "ON CONFLICT (country, sector) DO UPDATE SET counts = EXCLUDED.counts, sums = EXCLUDED.sums"
)
# The changed companies, their month's history row and the groups' counts: one statement.
_SAVE = (
    "WITH h AS (INSERT INTO histograms (country, sector, counts, sums) "
    f"{_HISTOGRAM_ROWS} ON CONFLICT (country, sector) DO UPDATE "
    "SET counts = EXCLUDED.counts, sums = EXCLUDED.sums), "
    f"x AS (SELECT * FROM jsonb_to_recordset(%(rows)s::jsonb) AS x({_RECORD})), "
    f"c AS (INSERT INTO companies ({_NAMES}) SELECT {_NAMES} FROM x "
    f"ON CONFLICT (vat) DO UPDATE SET {_SETS} "
    "WHERE companies.updated_at < EXCLUDED.updated_at) "
    f"INSERT INTO company_months (month, {_NAMES}) "
    f"SELECT date_trunc('month', as_of)::date, {_NAMES} FROM x "
    f"ON CONFLICT (vat, month) DO UPDATE SET {_SETS} "
    "WHERE company_months.updated_at < EXCLUDED.updated_at"
)


def _slot_sql() -> str:
    """Every slot a company row fills, as one SQL array, from the same layout (and the
    same integer arithmetic) as ``Layout.bucket``."""
    parts = [f"{LEVEL_OFFSET} + level"]
    for m, layout in LAYOUT.items():
        w, top = layout.width, layout.buckets - 1
        # GREATEST and LEAST skip NULLs: an unknown value must stay NULL, so CASE first.
        parts.append(
            f"CASE WHEN {m.value} IS NOT NULL THEN "
            f"{layout.offset} + least(greatest((2 * {m.value} + {w}) / {2 * w}, 0), {top}) END"
        )
    return f"ARRAY[{', '.join(parts)}]"


def _fine_counts(source: str) -> str:
    """Companies per (country, section, division, slot): the rebuild's one GROUP BY, its
    slots and counts as two arrays per (country, section, division) to keep rows few."""
    return (
        "SELECT country, section, division, array_agg(slot) AS slots, array_agg(n) AS ns FROM ("
        f"SELECT c.country, c.section, c.division, s.slot, count(*) AS n FROM {source} c, "
        f"LATERAL unnest({_slot_sql()}) AS s(slot) WHERE s.slot IS NOT NULL "
        "GROUP BY 1, 2, 3, 4) f GROUP BY 1, 2, 3"
    )


_FINE_SUMS = (
    "SELECT country, section, division, "
    + ", ".join(f"coalesce(sum({m.value}), 0) AS {m.value}" for m in MEASURES)
    + " FROM companies GROUP BY 1, 2, 3"
)
_AT_MONTH = (
    "(SELECT DISTINCT ON (vat) * FROM company_months WHERE month <= %(month)s "
    "ORDER BY vat, month DESC)"
)
_PRUNE = (
    "DELETE FROM company_months o WHERE o.month < %(start)s AND EXISTS ("
    "SELECT 1 FROM company_months n WHERE n.vat = o.vat "
    "AND n.month > o.month AND n.month <= %(start)s)"
)


def _json(value: object) -> object:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def _company_row(c: Company) -> dict[str, object]:
    f = c.figures
    return {
        "vat": c.vat, "country": c.country, "section": c.section, "division": c.division,
        "score": f.score, "level": f.level, "days_to_pay": f.days_to_pay,
        "days_beyond_terms": f.days_beyond_terms, "late_share": f.late_share,
        "as_of": c.as_of, "updated_at": c.updated_at,
    }  # fmt: skip


def company_of(row: Any) -> Company:
    return Company(
        vat=row.vat,
        country=row.country,
        section=row.section,
        division=row.division,
        figures=Figures(
            row.score, row.level, row.days_to_pay, row.days_beyond_terms, row.late_share
        ),
        as_of=row.as_of,
        updated_at=row.updated_at,
    )


def _histogram_params(hists: Mapping[GroupKey, Histogram]) -> dict[str, list[Any]]:
    keys = sorted(hists)
    packed = [hists[k].to_bytes() for k in keys]
    return {
        "country": [k.country for k in keys],
        "sector": [k.sector for k in keys],
        "counts": [c for c, _ in packed],
        "sums": [s for _, s in packed],
    }


def _histograms(rows: Iterable[Any]) -> dict[GroupKey, Histogram]:
    return {GroupKey(r.country, r.sector): Histogram.from_bytes(r.counts, r.sums) for r in rows}


class SqlRegisterRepository:
    """The benchmark's store, inside one unit of work's transaction."""

    def __init__(self, connection: AsyncConnection[Any]) -> None:
        self.pg = connection

    async def _rows(self, query: str, params: Mapping[str, Any] | None = None) -> list[Any]:
        async with self.pg.cursor(row_factory=namedtuple_row) as cur:
            await cur.execute(query, params)
            return await cur.fetchall()

    async def _value(self, query: str, params: Mapping[str, Any] | None = None) -> Any:
        cur = await self.pg.execute(query, params)
        row = await cur.fetchone()
        return row[0] if row else None

    async def begin_write(self) -> date | None:
        value = await self._value(_BEGIN_WRITE)
        return value if isinstance(value, date) else None

    async def open_write(
        self, vats: Sequence[str], keys: Iterable[GroupKey]
    ) -> tuple[date | None, dict[str, Company], dict[GroupKey, Histogram]]:
        """The three statements go in one pipeline: PostgreSQL runs them in order, each
        with its own snapshot, so the reads start only once the register's lock is held."""
        pairs = sorted(keys)
        params = {"country": [k.country for k in pairs], "sector": [k.sector for k in pairs]}
        async with self.pg.pipeline():
            lock = await self.pg.execute(_BEGIN_WRITE)
            found = self.pg.cursor(row_factory=namedtuple_row)
            await found.execute(_LOCKED_COMPANIES, {"vats": list(vats)})
            groups = self.pg.cursor(row_factory=namedtuple_row)
            await groups.execute(_HISTOGRAMS, params)
        row = await lock.fetchone()
        month = row[0] if row and isinstance(row[0], date) else None
        rows: list[Any] = await found.fetchall()
        companies = {r.vat: company_of(r) for r in rows}
        return month, companies, _histograms(await groups.fetchall())

    async def histograms(self, keys: Iterable[GroupKey] | None = None) -> dict[GroupKey, Histogram]:
        """The groups' histograms (all when ``keys`` is None), locked for update."""
        if keys is None:
            query = "SELECT * FROM histograms ORDER BY country, sector FOR UPDATE"
            rows = await self._rows(query)
        else:
            pairs = sorted(keys)
            if not pairs:
                return {}
            params = {"country": [k.country for k in pairs], "sector": [k.sector for k in pairs]}
            rows = await self._rows(_HISTOGRAMS, params)
        return {GroupKey(r.country, r.sector): Histogram.from_bytes(r.counts, r.sums) for r in rows}

    async def save(self, changed: Sequence[Company], hists: Mapping[GroupKey, Histogram]) -> None:
        rows = json.dumps([_company_row(c) for c in changed], default=_json)
        await self.pg.execute(_SAVE, {"rows": rows, **_histogram_params(hists)})

    async def write_histograms(self, hists: Mapping[GroupKey, Histogram]) -> None:
        if hists:
            await self.pg.execute(_UPSERT_HISTOGRAMS, _histogram_params(hists))

    async def set_current_month(self, month: date) -> None:
        await self.pg.execute("UPDATE register SET current_month = %(m)s", {"m": month})

    async def save_month(self, month: date, medians: Sequence[MonthMedian]) -> None:
        """Replace one closed month's medians."""
        await self.pg.execute("DELETE FROM month_medians WHERE month = %(m)s", {"m": month})
        if medians:
            await self.pg.execute(
                "INSERT INTO month_medians (month, country, sector, measure, count, median) "
                "SELECT %(m)s, * FROM unnest(%(c)s::varchar[], %(s)s::varchar[], "
                "%(me)s::varchar[], %(n)s::int[], %(v)s::float8[])",
                {
                    "m": month,
                    "c": [x.group.country for x in medians],
                    "s": [x.group.sector for x in medians],
                    "me": [x.measure.value for x in medians],
                    "n": [x.count for x in medians],
                    "v": [x.median for x in medians],
                },
            )

    async def rebuilt(self, month: date | None = None) -> dict[GroupKey, Histogram]:
        """Every group's histogram recomputed from the companies table (``month`` None) or
        from each company's last row in or before ``month`` (counts only)."""
        if month is None:
            counts = await self._rows(_fine_counts("companies"))
            sums = [
                (r[0], r[1], r[2], [int(v) for v in r[3:]]) for r in await self._rows(_FINE_SUMS)
            ]
        else:
            counts = await self._rows(_fine_counts(_AT_MONTH), {"month": month})
            sums = []
        return rollup(((r[0], r[1], r[2], r[3], r[4]) for r in counts), sums)

    async def replace_histograms(self, hists: Mapping[GroupKey, Histogram]) -> None:
        await self.pg.execute("DELETE FROM histograms")
        await self.write_histograms(hists)

    async def latest_as_of(self) -> date | None:
        value = await self._value("SELECT max(as_of) FROM companies")
        return value if isinstance(value, date) else None

    async def prune_months(self, start: date) -> int:
        """Drop history before ``start`` except each company's last row before it."""
        cur = await self.pg.execute(_PRUNE, {"start": start})
        await self.pg.execute("DELETE FROM month_medians WHERE month < %(s)s", {"s": start})
        return cur.rowcount

    async def company_count(self) -> int:
        return int(await self._value("SELECT count(*) FROM companies") or 0)
