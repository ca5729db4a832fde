"""The company registry from the KBO open data: what an extract is, which juridical
situations are a company in distress, and the errors of a load. Pure Python.

The format is the FPS Economy's "Cookbook KBO Open data" (R018.00): a zip of CSV files
(comma, double quotes, dates dd-mm-yyyy) with ``meta.csv`` (SnapshotDate,
ExtractTimestamp, ExtractType, ExtractNumber, Version), ``code.csv``, ``enterprise.csv``,
``denomination.csv``, ``activity.csv``, ...; an update extract carries ``<file>_delete.csv``
(the entities whose lines to delete first) and ``<file>_insert.csv`` (their lines now).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from ingest.domain.errors import IngestError


class RegistryError(IngestError):
    code = "invalid_extract"


class NotAKboExtract(RegistryError):
    """The file is not a KBO open-data extract (no zip, no meta.csv, unknown columns)."""

    code = "not_a_kbo_extract"


class InvalidExtract(RegistryError):
    """A KBO extract whose content cannot be loaded (a line too long, wrong columns,
    undecodable text): nothing of it is stored."""

    code = "invalid_extract"


class StaleExtract(RegistryError):
    """The extract is not newer than the one loaded: loading it would go back in time."""

    code = "stale_extract"


class ExtractType(Enum):
    FULL = "full"
    UPDATE = "update"


@dataclass(frozen=True, slots=True)
class ExtractMeta:
    snapshot_date: date
    extract_timestamp: str
    extract_type: ExtractType
    extract_number: int
    version: str


def _date(raw: str) -> date:
    """dd-mm-yyyy, the cookbook's date format."""
    m = re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", raw.strip())
    if not m:
        raise NotAKboExtract(f"meta.csv: SnapshotDate {raw[:20]!r} is not dd-mm-yyyy")
    try:
        return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError as exc:
        raise NotAKboExtract(f"meta.csv: SnapshotDate {raw[:20]!r} is no day") from exc


def parse_meta(pairs: dict[str, str]) -> ExtractMeta:
    """meta.csv's Variable/Value pairs; a typed error for anything else."""
    missing = [
        k
        for k in ("SnapshotDate", "ExtractTimestamp", "ExtractType", "ExtractNumber", "Version")
        if k not in pairs
    ]
    if missing:
        raise NotAKboExtract(f"meta.csv lacks {', '.join(missing)}")
    kind = pairs["ExtractType"].strip().lower()
    if kind not in ("full", "update"):
        raise NotAKboExtract(f"meta.csv: ExtractType {pairs['ExtractType'][:20]!r}")
    number = pairs["ExtractNumber"].strip()
    if not number.isdigit() or len(number) > 9:
        raise NotAKboExtract(f"meta.csv: ExtractNumber {number[:20]!r} is not a number")
    return ExtractMeta(
        snapshot_date=_date(pairs["SnapshotDate"]),
        extract_timestamp=pairs["ExtractTimestamp"].strip()[:40],
        extract_type=ExtractType(kind),
        extract_number=int(number),
        version=pairs["Version"].strip()[:20],
    )


def check_newer(meta: ExtractMeta, loaded: int | None) -> None:
    """Extract numbers grow by one per file: an extract must be newer than the last one
    loaded, and an update needs a full extract under it."""
    if loaded is None:
        if meta.extract_type is ExtractType.UPDATE:
            raise StaleExtract(f"update extract {meta.extract_number}: load a full extract first")
        return
    if meta.extract_number <= loaded:
        raise StaleExtract(
            f"extract {meta.extract_number} is not newer than extract {loaded}, already loaded"
        )


class Distress(Enum):
    """Juridical situations that are strong risk signals (scoring's contract)."""

    NONE = "none"
    BANKRUPTCY = "bankruptcy"
    JUDICIAL_REORGANISATION = "judicial_reorganisation"
    LIQUIDATION = "liquidation"


# Read from code.csv's descriptions (Dutch and French, always both), so a code the
# registry adds is classified without a release. Bankruptcy words first: "sluiting
# faillissement" (closed) is still a bankruptcy.
_WORDS = (
    (Distress.BANKRUPTCY, ("faillissement", "faillite", "konkurs")),
    (Distress.JUDICIAL_REORGANISATION, ("reorganisatie", "réorganisation", "reorganisation")),
    (
        Distress.LIQUIDATION,
        ("vereffening", "liquidation", "ontbinding", "dissolution", "auflösung"),
    ),
)


def distress_of(descriptions: list[str]) -> Distress:
    text = " ".join(descriptions).lower()
    for kind, words in _WORDS:
        if any(w in text for w in words):
            return kind
    return Distress.NONE


# TypeOfDenomination codes: 001 the name, 002 an abbreviation, 003 a commercial name,
# 004 a branch's name. Language codes: 0 unknown, 1 FR, 2 NL, 3 DE, 4 EN.
NAME_TYPES = ("001", "003", "002", "004")
NAME_LANGUAGES = ("2", "1", "3", "4", "0")


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A company whose status or juridical situation differs from what was loaded."""

    enterprise_number: str
    vat: str
    status: str
    previous_status: str
    situation: str
    previous_situation: str
    description: str
    distress: Distress
    since: date
    extract_number: int


@dataclass(slots=True)
class LoadSummary:
    extract_number: int
    extract_type: str
    snapshot_date: str
    rows: dict[str, int]
    enterprises_added: int = 0
    enterprises_changed: int = 0
    enterprises_stopped: int = 0
    rejected: int = 0
    status_changes: int = 0
    seconds: float = 0.0
    rows_per_second: int = 0
    peak_rss_kib: int = 0
