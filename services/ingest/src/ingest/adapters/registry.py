"""Loading a KBO open-data extract into the company registry, in constant memory.

Each CSV file streams from the zip straight into a ``COPY`` of a temporary staging table
(its header checked here first, every line's length bounded while the bytes pass), then
set-based statements merge the staging tables into the registry. The whole extract is one
transaction: a file that fails to load leaves the registry as it was, and its events
(``company.status_changed``) are in the outbox only when it committed.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import psycopg
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from benelux.nace import SECTIONS
from chassis.db import driver_connection
from chassis.events import OutgoingEvent, outgoing
from ingest.adapters.tables import outbox
from ingest.domain.registry import (
    NAME_LANGUAGES,
    NAME_TYPES,
    Distress,
    ExtractMeta,
    ExtractType,
    InvalidExtract,
    LoadSummary,
    NotAKboExtract,
    StatusChange,
    check_newer,
    distress_of,
    parse_meta,
)
from kmo.ingest.v1 import events_pb2
from kmo.types.v1 import types_pb2

MAX_LINE = 64 * 1024  # bytes; the longest real line (an address) is under 1 KB
BLOCK = 1 << 20
EVENT_BATCH = 5000
# Serialises loads across replicas and operators (any constant, same for all).
LOCK_ID = 0x4B424F

# The columns of each file, as the cookbook names them, and their staging tables.
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("Category", "Code", "Language", "Description"),
    "enterprise": (
        "EnterpriseNumber", "Status", "JuridicalSituation", "TypeOfEnterprise",
        "JuridicalForm", "JuridicalFormCAC", "StartDate",
    ),
    "denomination": ("EntityNumber", "Language", "TypeOfDenomination", "Denomination"),
    "activity": ("EntityNumber", "ActivityGroup", "NaceVersion", "NaceCode", "Classification"),
}  # fmt: skip
DELETE_COLUMNS = (("EntityNumber",), ("EnterpriseNumber",))
LOADED = ("enterprise", "denomination", "activity")  # the files merged (with code.csv)

_PB_DISTRESS = {
    Distress.NONE: events_pb2.CompanyStatusChanged.DISTRESS_NONE,
    Distress.BANKRUPTCY: events_pb2.CompanyStatusChanged.DISTRESS_BANKRUPTCY,
    Distress.JUDICIAL_REORGANISATION: (
        events_pb2.CompanyStatusChanged.DISTRESS_JUDICIAL_REORGANISATION
    ),
    Distress.LIQUIDATION: events_pb2.CompanyStatusChanged.DISTRESS_LIQUIDATION,
}
# An enterprise number as published (9999.999.999) that is a valid one: first digit 0 or
# 1, and the last two digits 97 minus the first eight modulo 97.
_NUMBER = "replace({col}, '.', '')"
_VALID = (
    "({n} ~ '^[01][0-9]{{9}}$' AND (substr({n}, 1, 8)::bigint + substr({n}, 9, 2)::int) % 97 = 0)"
)


@dataclass(frozen=True, slots=True)
class Member:
    name: str  # as in the zip
    size: int


class Extract:
    """An open zip that is a KBO extract: its meta data and its CSV members by name."""

    def __init__(self, path: Path) -> None:
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise NotAKboExtract(f"{path.name} is not a zip file") from exc
        self.members: dict[str, Member] = {}
        for info in self._zip.infolist():
            base = info.filename.rsplit("/", 1)[-1].lower()
            if base.endswith(".csv") and not info.is_dir():
                self.members[base[:-4]] = Member(info.filename, info.file_size)
        if "meta" not in self.members:
            self.close()
            raise NotAKboExtract(f"{path.name} holds no meta.csv: not a KBO open-data extract")
        self.meta = parse_meta(self._meta_pairs())
        needed = ["enterprise"] if self.meta.extract_type is ExtractType.FULL else []
        if missing := [f"{n}.csv" for n in needed if n not in self.members]:
            self.close()
            raise NotAKboExtract(f"a full extract needs {', '.join(missing)}")

    def _meta_pairs(self) -> dict[str, str]:
        with self._zip.open(self.members["meta"].name) as raw:
            data = raw.read(MAX_LINE + 1)
        if len(data) > MAX_LINE:
            raise NotAKboExtract("meta.csv is larger than a meta file can be")
        rows = list(csv.reader(io.StringIO(_text(data, "meta.csv"))))
        if not rows or [c.strip() for c in rows[0]] != ["Variable", "Value"]:
            raise NotAKboExtract("meta.csv does not start with Variable,Value")
        return {r[0].strip(): r[1] for r in rows[1:] if len(r) >= 2}

    def has(self, name: str) -> bool:
        return name in self.members

    def size_of(self, names: list[str]) -> int:
        return sum(self.members[n].size for n in names if n in self.members)

    def open(self, name: str) -> IO[bytes]:
        return self._zip.open(self.members[name].name)

    def close(self) -> None:
        self._zip.close()


def _text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidExtract(f"{name} is not UTF-8 text") from exc


def _header(stream: IO[bytes], name: str, allowed: tuple[tuple[str, ...], ...]) -> None:
    line = stream.readline(MAX_LINE + 1)
    if len(line) > MAX_LINE:
        raise InvalidExtract(f"{name}: the header line is longer than {MAX_LINE:,} bytes")
    found = tuple(c.strip() for c in next(csv.reader([_text(line, name)]), []))
    if found not in allowed:
        raise NotAKboExtract(
            f"{name}: columns {', '.join(found)[:200]}; expected {', '.join(allowed[0])}"
        )


def blocks(stream: IO[bytes], name: str, progress: Callable[[int], None]) -> Iterator[bytes]:
    """The file's bytes after its header, in blocks, refusing any line longer than
    MAX_LINE without holding it (a quoted field may span lines: the check is per line)."""
    run = 0  # bytes since the last line end
    while block := stream.read(BLOCK):
        progress(len(block))
        parts = block.split(b"\n")
        if len(parts) == 1:
            run += len(block)
            longest = run
        else:
            longest = max(run + len(parts[0]), max(map(len, parts[1:-1]), default=0))
            run = len(parts[-1])
        if max(longest, run) > MAX_LINE:
            raise InvalidExtract(f"{name}: a line is longer than {MAX_LINE:,} bytes")
        yield block


class RegistryLoader:
    """One extract into the registry, in the caller's transaction (``session``)."""

    def __init__(self, session: AsyncSession, progress: Callable[[int], None]) -> None:
        self.session = session
        self.progress = progress

    async def _exec(self, sql: str, **params: Any) -> Any:
        """The statement's result (rows of any shape: the SQL is the schema here)."""
        return await self.session.execute(sa.text(sql), params)

    async def _scalar(self, sql: str, **params: Any) -> Any:
        return (await self.session.execute(sa.text(sql), params)).scalar()

    async def _stage(self, extract: Extract, name: str, table: str) -> int:
        """COPY one CSV member into a fresh temporary table; the number of lines."""
        columns = COLUMNS.get(name.split("_")[0]) if not name.endswith("_delete") else None
        allowed = (columns,) if columns else DELETE_COLUMNS
        width = len(allowed[0])
        cols = [f"c{i}" for i in range(width)]
        await self._exec(
            f"CREATE TEMP TABLE {table} ({', '.join(c + ' text' for c in cols)}) ON COMMIT DROP"
        )
        if not extract.has(name):
            return 0
        pg = await driver_connection(self.session)
        lines = 0
        with extract.open(name) as stream:
            _header(stream, f"{name}.csv", allowed)
            try:
                async with (
                    pg.transaction(),  # a savepoint: the error below is ours to report
                    pg.cursor() as cur,
                    cur.copy(
                        f"COPY {table} ({', '.join(cols)}) FROM STDIN (FORMAT csv, ENCODING 'UTF8')"
                    ) as copy,
                ):
                    for block in blocks(stream, f"{name}.csv", self.progress):
                        lines += block.count(b"\n")
                        await copy.write(block)
            except (psycopg.errors.DataError, psycopg.errors.BadCopyFileFormat) as exc:
                first = str(exc).splitlines()[0][:200]
                raise InvalidExtract(f"{name}.csv does not load: {first}") from exc
            except zipfile.BadZipFile as exc:
                raise InvalidExtract(f"{name}.csv is damaged in the zip: {exc}") from exc
        return lines

    async def loaded(self) -> int | None:
        await self._exec("SELECT pg_advisory_xact_lock(:id)", id=LOCK_ID)
        found = await self._scalar("SELECT max(extract_number) FROM registry_extracts")
        return int(found) if found is not None else None

    async def load(self, extract: Extract) -> tuple[LoadSummary, list[OutgoingEvent]]:
        meta = extract.meta
        check_newer(meta, await self.loaded())
        full = meta.extract_type is ExtractType.FULL
        rows: dict[str, int] = {}
        for name in ("code", *LOADED):
            if full:
                rows[name] = await self._stage(extract, name, f"kbo_{name}")
                await self._exec(f"CREATE TEMP TABLE kbo_{name}_delete (c0 text) ON COMMIT DROP")
            else:
                rows[f"{name}_insert"] = await self._stage(
                    extract, f"{name}_insert" if name != "code" else "code", f"kbo_{name}"
                )
                if name != "code":
                    rows[f"{name}_delete"] = await self._stage(
                        extract, f"{name}_delete", f"kbo_{name}_delete"
                    )
        summary = LoadSummary(
            meta.extract_number, meta.extract_type.value, meta.snapshot_date.isoformat(), rows
        )
        await self._codes(rows.get("code", rows.get("code_insert", 0)) > 0)
        distress = await self._distress()
        await self._new_enterprises(summary)
        await self._staged_names()
        await self._main_activities()
        await self._status_changes(meta, full, distress)
        await self._merge_enterprises(meta, full, summary)
        await self._merge_denominations(full)
        if not full:  # a full extract's names and activities came with its enterprises
            await self._names()
            await self._activities()
        events = await self._events(meta, distress)
        summary.status_changes = len(events)
        if full:  # fresh statistics for the search's plans, not autovacuum's some time later
            await self._exec("ANALYZE registry_enterprises")
            await self._exec("ANALYZE registry_denominations")
            await self._exec("ANALYZE registry_name_words")
        await self._exec(
            "INSERT INTO registry_extracts (extract_number, extract_type, snapshot_date, "
            "extract_timestamp, version, summary) VALUES (:n, :t, :d, :ts, :v, "
            "CAST(:s AS jsonb))",
            n=meta.extract_number,
            t=meta.extract_type.value,
            d=meta.snapshot_date,
            ts=meta.extract_timestamp,
            v=meta.version,
            s=_json(summary),
        )
        return summary, events

    async def _codes(self, present: bool) -> None:
        # code.csv always carries the whole list, in a full and in an update extract.
        if not present:
            return
        await self._exec("DELETE FROM registry_codes")
        await self._exec(
            "INSERT INTO registry_codes (category, code, language, description) "
            "SELECT DISTINCT ON (c0, c1, c2) left(c0, 40), left(c1, 16), left(c2, 2), "
            "coalesce(c3, '') FROM kbo_code WHERE c0 <> '' AND c1 <> '' AND c2 <> '' "
            "ORDER BY c0, c1, c2"
        )

    async def _distress(self) -> dict[str, tuple[Distress, str]]:
        """Per JuridicalSituation code: its distress and its Dutch description."""
        found = await self._exec(
            "SELECT code, language, description FROM registry_codes "
            "WHERE category = 'JuridicalSituation' AND language IN ('NL', 'FR') "
            "ORDER BY code, language DESC"
        )
        texts: dict[str, list[str]] = {}
        for code, _, description in found:
            texts.setdefault(code, []).append(description)
        out = {code: (distress_of(t), t[0]) for code, t in texts.items()}
        await self._exec("CREATE TEMP TABLE kbo_distress (code text PRIMARY KEY) ON COMMIT DROP")
        if bad := [c for c, (d, _) in out.items() if d is not Distress.NONE]:
            await self._exec(
                "INSERT INTO kbo_distress SELECT unnest(CAST(:codes AS text[]))", codes=bad
            )
        return out

    async def _new_enterprises(self, summary: LoadSummary) -> None:
        """kbo_new: the enterprise lines of this extract, one per valid number."""
        n = _NUMBER.format(col="c0")
        await self._exec(
            "CREATE TEMP TABLE kbo_new ON COMMIT DROP AS "
            f"SELECT DISTINCT ON (n) n AS enterprise_number, 'BE' || n AS vat, "
            "left(coalesce(c1, ''), 2) AS status, left(coalesce(c2, ''), 3) AS situation, "
            "left(coalesce(c3, ''), 1) AS type_of_enterprise, "
            "left(coalesce(c4, ''), 3) AS juridical_form, "
            "left(coalesce(c5, ''), 3) AS juridical_form_cac, "
            "kmo_kbo_date(c6) AS start_date "
            f"FROM (SELECT {n} AS n, * FROM kbo_enterprise) s "
            f"WHERE {_VALID.format(n='n')} AND coalesce(c1, '') <> '' ORDER BY n"
        )
        await self._exec("ALTER TABLE kbo_new ADD PRIMARY KEY (enterprise_number)")
        await self._exec("ANALYZE kbo_new")
        kept = await self._scalar("SELECT count(*) FROM kbo_new")
        staged = await self._scalar("SELECT count(*) FROM kbo_enterprise")
        summary.rejected = int(staged) - int(kept)

    async def _status_changes(
        self, meta: ExtractMeta, full: bool, distress: dict[str, tuple[Distress, str]]
    ) -> None:
        """kbo_changes: who changes status or juridical situation (before the merge): a
        known company whose line differs, a new one in distress, and one that leaves the
        open data (stopped: not in a full extract, or deleted and not inserted again)."""
        gone = (
            "NOT EXISTS (SELECT 1 FROM kbo_new n WHERE n.enterprise_number = o.enterprise_number)"
        )
        if not full:
            gone = (
                f"o.enterprise_number IN (SELECT {_NUMBER.format(col='c0')} "
                f"FROM kbo_enterprise_delete) AND {gone}"
            )
        await self._exec(
            "CREATE TEMP TABLE kbo_changes ON COMMIT DROP AS "
            "SELECT n.enterprise_number, n.vat, n.status, coalesce(o.status, '') AS old_status, "
            "n.situation, coalesce(o.juridical_situation, '') AS old_situation "
            "FROM kbo_new n LEFT JOIN registry_enterprises o USING (enterprise_number) "
            "WHERE (o.enterprise_number IS NULL AND "
            "n.situation IN (SELECT code FROM kbo_distress)) "
            "OR (o.enterprise_number IS NOT NULL AND "
            "(o.status, o.juridical_situation) IS DISTINCT FROM (n.status, n.situation)) "
            "UNION ALL "
            "SELECT o.enterprise_number, o.vat, 'ST', o.status, o.juridical_situation, "
            f"o.juridical_situation FROM registry_enterprises o WHERE o.status <> 'ST' AND {gone}"
        )

    async def _merge_enterprises(self, meta: ExtractMeta, full: bool, s: LoadSummary) -> None:
        cols = [
            "status", "juridical_situation", "type_of_enterprise", "juridical_form",
            "juridical_form_cac", "start_date",
        ]  # fmt: skip
        source = (
            "SELECT enterprise_number, vat, status, situation AS juridical_situation, "
            "type_of_enterprise, juridical_form, juridical_form_cac, start_date FROM kbo_new"
        )
        if full:
            # A full extract brings every name and activity: the shown name and the main
            # NACE codes are written with the enterprise, in one pass.
            cols += ["name", "nace2008", "nace2025", "nace_division", "nace_section"]
            source = (
                f"WITH sections (division, section) AS (VALUES {_sections()}) "
                "SELECT n.enterprise_number, n.vat, n.status, n.situation, "
                "n.type_of_enterprise, n.juridical_form, n.juridical_form_cac, n.start_date, "
                "coalesce(c.denomination, ''), coalesce(m.nace2008, ''), "
                "coalesce(m.nace2025, ''), coalesce(x.division, ''), coalesce(x.section, '') "
                f"FROM kbo_new n LEFT JOIN ({_chosen_names('kbo_names', '')}) c "
                "USING (enterprise_number) LEFT JOIN kbo_main m USING (enterprise_number) "
                "LEFT JOIN sections x ON x.division = "
                "left(coalesce(nullif(m.nace2008, ''), m.nace2025, ''), 2)"
            )
        listed = ", ".join(cols)
        counts = (
            await self._exec(
                "WITH up AS (INSERT INTO registry_enterprises AS e (enterprise_number, vat, "
                f"{listed}, situation_since, extract_number) "
                f"SELECT src.*, CAST(:day AS date), :n FROM ({source}) src "
                "ON CONFLICT (enterprise_number) DO UPDATE SET "
                + ", ".join(f"{c} = EXCLUDED.{c}" for c in cols)
                + ", situation_since = CASE WHEN e.juridical_situation = "
                "EXCLUDED.juridical_situation THEN e.situation_since ELSE :day END, "
                "extract_number = :n, updated_at = now() "
                f"WHERE ({', '.join('e.' + c for c in cols)}) IS DISTINCT FROM "
                f"({', '.join('EXCLUDED.' + c for c in cols)}) "
                "RETURNING (xmax = 0) AS added) "
                "SELECT count(*) FILTER (WHERE added), count(*) FILTER (WHERE NOT added) FROM up",
                day=meta.snapshot_date,
                n=meta.extract_number,
            )
        ).one()
        s.enterprises_added, s.enterprises_changed = int(counts[0]), int(counts[1])
        stopped = await self._exec(
            "UPDATE registry_enterprises e SET status = 'ST', extract_number = :n, "
            "updated_at = now() FROM kbo_changes c WHERE c.enterprise_number = e.enterprise_number "
            "AND c.status = 'ST' AND e.status <> 'ST' AND NOT EXISTS "
            "(SELECT 1 FROM kbo_new n WHERE n.enterprise_number = e.enterprise_number)",
            n=meta.extract_number,
        )
        s.enterprises_stopped = int(stopped.rowcount or 0)

    async def _staged_names(self) -> None:
        n = _NUMBER.format(col="c0")
        await self._exec(
            "CREATE TEMP TABLE kbo_names ON COMMIT DROP AS "
            f"SELECT DISTINCT {n} AS enterprise_number, left(coalesce(c2, ''), 3) AS type, "
            "left(coalesce(c1, ''), 1) AS language, left(c3, 320) AS denomination "
            f"FROM kbo_denomination WHERE c0 ~ '^[0-9]{{4}}[.][0-9]{{3}}[.][0-9]{{3}}$' "
            "AND coalesce(c3, '') <> ''"
        )
        await self._exec("ANALYZE kbo_names")

    async def _merge_denominations(self, full: bool) -> None:
        n = _NUMBER.format(col="c0")
        empty = full and not await self._scalar("SELECT 1 FROM registry_denominations LIMIT 1")
        if empty:
            # A first load: building the search indexes once after the rows go in is several
            # times faster than keeping them up to date row by row.
            for index in _SEARCH_INDEXES:
                await self._exec(f"DROP INDEX IF EXISTS {index}")
        if full:
            # Only what differs is written: the same extract again writes nothing.
            await self._exec(
                "DELETE FROM registry_denominations d WHERE NOT EXISTS (SELECT 1 FROM kbo_names s "
                "WHERE (s.enterprise_number, s.type, s.language, s.denomination) = "
                "(d.enterprise_number, d.type, d.language, d.denomination))"
            )
        else:
            await self._exec(
                f"DELETE FROM registry_denominations WHERE enterprise_number IN (SELECT {n} "
                "FROM kbo_denomination_delete)"
            )
        await self._exec(
            "INSERT INTO registry_denominations (enterprise_number, type, language, denomination) "
            "SELECT s.* FROM kbo_names s JOIN registry_enterprises e USING (enterprise_number) "
            "ON CONFLICT DO NOTHING"
        )
        if empty:
            await self._exec(
                "CREATE INDEX ix_registry_denominations_search_key ON registry_denominations "
                "(search_key text_pattern_ops)"
            )
            await self._exec(
                "CREATE INDEX ix_registry_denominations_search_words ON registry_denominations "
                "USING gin (to_tsvector('simple', search_key))"
            )
        await self._merge_name_words(full)

    async def _merge_name_words(self, full: bool) -> None:
        """The names' words and how many names hold each (migration 0009's rule): a full
        extract makes them exactly its names' words and counts; an update adds its new
        names' words with their counts in it, and leaves the counts of the others and the
        words whose last name went until the next full extract (the counts only order a
        word's completions; a word no name holds finds nothing)."""
        if full:
            await self._exec(
                "CREATE TEMP TABLE kbo_words ON COMMIT DROP AS "
                + _words_of("registry_denominations", "search_key")
            )
            await self._exec(
                "DELETE FROM registry_name_words n WHERE NOT EXISTS "
                "(SELECT 1 FROM kbo_words k WHERE k.w = n.word)"
            )
            source, on_conflict = "kbo_words", "UPDATE SET names = EXCLUDED.names"
        else:
            source = f"({_words_of('kbo_names', 'kmo_search_key(denomination)')}) k"
            on_conflict = "NOTHING"
        first = not await self._scalar("SELECT 1 FROM registry_name_words LIMIT 1")
        if first:  # as for the names: one index build after the rows beats row by row
            await self._exec("DROP INDEX IF EXISTS ix_registry_name_words_trigrams")
        await self._exec(
            f"INSERT INTO registry_name_words (word, names) SELECT w, n FROM {source} "
            f"ON CONFLICT (word) DO {on_conflict}"
        )
        if first and await self._scalar("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'"):
            await self._exec(
                "CREATE INDEX ix_registry_name_words_trigrams ON registry_name_words "
                "USING gist (word gist_trgm_ops)"
            )

    async def _names(self) -> None:
        """The name shown, for the companies an update touched."""
        touched = (
            "SELECT enterprise_number FROM kbo_names UNION SELECT enterprise_number FROM kbo_new "
            f"UNION SELECT {_NUMBER.format(col='c0')} FROM kbo_denomination_delete"
        )
        chosen = _chosen_names(
            "registry_denominations", f"WHERE d.enterprise_number IN ({touched})"
        )
        await self._exec(
            "UPDATE registry_enterprises e SET name = coalesce(c.denomination, '') FROM "
            f"({touched}) t LEFT JOIN ({chosen}) c USING (enterprise_number) "
            "WHERE t.enterprise_number = e.enterprise_number "
            "AND e.name <> coalesce(c.denomination, '')"
        )

    async def _main_activities(self) -> None:
        """kbo_main: the main activity per NACE version (the lowest activity group's, of
        the enterprise itself)."""
        n = _NUMBER.format(col="c0")
        await self._exec(
            "CREATE TEMP TABLE kbo_main ON COMMIT DROP AS "
            "SELECT enterprise_number, "
            "coalesce(max(code) FILTER (WHERE version = '2008'), '') AS nace2008, "
            "coalesce(max(code) FILTER (WHERE version = '2025'), '') AS nace2025 FROM ("
            f"SELECT DISTINCT ON ({n}, c2) {n} AS enterprise_number, c2 AS version, "
            "left(c3, 7) AS code FROM kbo_activity WHERE c4 = 'MAIN' AND c2 IN ('2008', '2025') "
            "AND c3 ~ '^[0-9]{2,7}$' AND c0 ~ '^[0-9]{4}[.][0-9]{3}[.][0-9]{3}$' "
            f"ORDER BY {n}, c2, c1, c3) a GROUP BY enterprise_number"
        )
        await self._exec("ALTER TABLE kbo_main ADD PRIMARY KEY (enterprise_number)")

    async def _activities(self) -> None:
        """The main NACE codes, division and section of the companies an update touched.
        NACE-BEL 2008 is NACE Rev. 2 to four digits; a company known only by its 2025 code
        takes that code's division (the same number in NACE Rev. 2.1 for most)."""
        n = _NUMBER.format(col="c0")
        await self._exec(
            f"WITH sections (division, section) AS (VALUES {_sections()}), new AS ("
            "SELECT e.enterprise_number, coalesce(m.nace2008, '') AS nace2008, "
            "coalesce(m.nace2025, '') AS nace2025, "
            "left(coalesce(nullif(m.nace2008, ''), m.nace2025, ''), 2) AS division "
            "FROM registry_enterprises e LEFT JOIN kbo_main m USING (enterprise_number) "
            "WHERE e.enterprise_number IN (SELECT enterprise_number FROM kbo_main) OR "
            f"e.enterprise_number IN (SELECT {n} FROM kbo_activity_delete)) "
            "UPDATE registry_enterprises e SET nace2008 = new.nace2008, "
            "nace2025 = new.nace2025, nace_division = coalesce(s.division, ''), "
            "nace_section = coalesce(s.section, '') "
            "FROM new LEFT JOIN sections s ON s.division = new.division "
            "WHERE e.enterprise_number = new.enterprise_number AND "
            "(e.nace2008, e.nace2025, e.nace_division, e.nace_section) IS DISTINCT FROM "
            "(new.nace2008, new.nace2025, coalesce(s.division, ''), coalesce(s.section, ''))"
        )

    async def _events(
        self, meta: ExtractMeta, distress: dict[str, tuple[Distress, str]]
    ) -> list[OutgoingEvent]:
        """company.status_changed per change, written to the outbox in batches."""
        out: list[OutgoingEvent] = []
        batch: list[OutgoingEvent] = []
        result = await self.session.stream(
            sa.text(
                "SELECT enterprise_number, vat, status, old_status, situation, old_situation "
                "FROM kbo_changes ORDER BY enterprise_number"
            )
        )
        async for row in result:
            kind, description = distress.get(row.situation, (Distress.NONE, ""))
            change = StatusChange(
                row.enterprise_number, row.vat, row.status, row.old_status, row.situation,
                row.old_situation, description, kind, meta.snapshot_date, meta.extract_number,
            )  # fmt: skip
            batch.append(encode_status_change(change))
            if len(batch) >= EVENT_BATCH:
                await outbox.write(self.session, batch)
                out += batch
                batch = []
        await outbox.write(self.session, batch)
        return out + batch


def _words_of(table: str, key: str) -> str:
    """The words of ``table``'s search keys but bare numbers (``w``) and how many of its
    names hold each (``n``)."""
    return (
        f"SELECT w, count(*) AS n FROM {table}, unnest(string_to_array({key}, ' ')) w "
        "WHERE w !~ '^[0-9]+$' GROUP BY w"
    )


_SEARCH_INDEXES = (
    "ix_registry_denominations_search_key",
    "ix_registry_denominations_search_words",
)


def _sections() -> str:
    """NACE Rev. 2 divisions and their sections, as SQL VALUES."""
    return ", ".join(
        f"('{d:02d}', '{letter}')"
        for letter, (_, first, last) in SECTIONS.items()
        for d in range(first, last + 1)
    )


def _chosen_names(table: str, where: str) -> str:
    """Per enterprise, the name shown: the official name (type 001) in Dutch, French,
    German, English, else a commercial name, an abbreviation."""
    types = ", ".join(f"'{t}'" for t in NAME_TYPES)
    langs = ", ".join(f"'{lang}'" for lang in NAME_LANGUAGES)
    return (
        f"SELECT DISTINCT ON (d.enterprise_number) d.enterprise_number, d.denomination "
        f"FROM {table} d {where} ORDER BY d.enterprise_number, "
        f"array_position(ARRAY[{types}], d.type), array_position(ARRAY[{langs}], d.language), "
        "d.denomination"
    )


def encode_status_change(c: StatusChange) -> OutgoingEvent:
    msg = events_pb2.CompanyStatusChanged(
        company=types_pb2.CompanyRef(country="BE", vat=c.vat),
        enterprise_number=c.enterprise_number,
        status=c.status,
        previous_status=c.previous_status,
        juridical_situation=c.situation,
        previous_juridical_situation=c.previous_situation,
        description=c.description,
        distress=_PB_DISTRESS[c.distress],
        since=types_pb2.Date(year=c.since.year, month=c.since.month, day=c.since.day),
        extract_number=c.extract_number,
    )
    # One id per company and extract: a publish repeated after a crash is dropped by
    # JetStream, and consumers remember it.
    return outgoing(msg, event_id=f"kbo-{c.extract_number}-{c.enterprise_number}")


def _json(s: LoadSummary) -> str:
    return json.dumps(dataclasses.asdict(s))


async def load_extract(
    path: Path,
    sessions: Callable[[], AsyncSession],
    progress: Callable[[int], None] = lambda n: None,
) -> LoadSummary:
    """Load one extract in one transaction; its events wait in the outbox for the relay."""
    extract = Extract(path)
    try:
        async with sessions() as session, session.begin():
            summary, _ = await RegistryLoader(session, progress).load(extract)
        return summary
    finally:
        extract.close()


def extract_size(path: Path) -> int:
    """The bytes a load reads (for a progress bar): the uncompressed CSV files it merges."""
    extract = Extract(path)
    try:
        names = [
            "code",
            *LOADED,
            *(f"{n}_insert" for n in LOADED),
            *(f"{n}_delete" for n in LOADED),
        ]
        return extract.size_of(names)
    finally:
        extract.close()
