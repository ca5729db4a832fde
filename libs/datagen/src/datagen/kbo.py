"""KBO open-data extracts written in the published format (the FPS Economy's "Cookbook
KBO Open data", R018.00): a zip of CSV files with a header line, comma-separated, text in
double quotes, dates dd-mm-yyyy unquoted, empty values as nothing. A full extract holds
meta.csv, code.csv, enterprise.csv, denomination.csv and activity.csv; an update holds
code.csv and, per file, ``_delete.csv`` (the entity numbers) and ``_insert.csv`` (their
lines now). Streamed: two million enterprises never sit in memory.

The code values follow the published code tables where known (Status AC, JuridicalSituation
000 "Normale toestand", TypeOfDenomination 001/002/003, Language 1 FR / 2 NL, Classification
MAIN/SECO); the distress situations' codes are illustrative, their descriptions the
registry's wording (the importer classifies by description).
"""

from __future__ import annotations

import random
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO

NORMAL = "000"
LIQUIDATION = "012"
REORGANISATION = "030"
BANKRUPTCY = "050"
BANKRUPTCY_CLOSED = "051"

CODES: list[tuple[str, str, str, str]] = [
    ("Status", "AC", "NL", "Actief"), ("Status", "AC", "FR", "Actif"),
    ("Status", "ST", "NL", "Stopgezet"), ("Status", "ST", "FR", "Arrêté"),
    ("TypeOfEnterprise", "1", "NL", "Natuurlijk persoon"),
    ("TypeOfEnterprise", "1", "FR", "Personne physique"),
    ("TypeOfEnterprise", "2", "NL", "Rechtspersoon"),
    ("TypeOfEnterprise", "2", "FR", "Personne morale"),
    ("JuridicalSituation", NORMAL, "NL", "Normale toestand"),
    ("JuridicalSituation", NORMAL, "FR", "Situation normale"),
    ("JuridicalSituation", LIQUIDATION, "NL", "Vervroegde ontbinding - vereffening"),
    ("JuridicalSituation", LIQUIDATION, "FR", "Dissolution anticipée - liquidation"),
    ("JuridicalSituation", REORGANISATION, "NL", "Gerechtelijke reorganisatie"),
    ("JuridicalSituation", REORGANISATION, "FR", "Réorganisation judiciaire"),
    ("JuridicalSituation", BANKRUPTCY, "NL", "Opening faillissement"),
    ("JuridicalSituation", BANKRUPTCY, "FR", "Ouverture de faillite"),
    ("JuridicalSituation", BANKRUPTCY_CLOSED, "NL", "Sluiting faillissement"),
    ("JuridicalSituation", BANKRUPTCY_CLOSED, "FR", "Clôture de faillite"),
    ("JuridicalForm", "014", "NL", "Naamloze vennootschap"),
    ("JuridicalForm", "014", "FR", "Société anonyme"),
    ("JuridicalForm", "610", "NL", "Besloten vennootschap"),
    ("JuridicalForm", "610", "FR", "Société à responsabilité limitée"),
    ("Language", "1", "NL", "Frans"), ("Language", "1", "FR", "Français"),
    ("Language", "2", "NL", "Nederlands"), ("Language", "2", "FR", "Néerlandais"),
    ("TypeOfDenomination", "001", "NL", "Naam"),
    ("TypeOfDenomination", "001", "FR", "Dénomination"),
    ("TypeOfDenomination", "002", "NL", "Afkorting"),
    ("TypeOfDenomination", "002", "FR", "Abréviation"),
    ("TypeOfDenomination", "003", "NL", "Commerciële naam"),
    ("TypeOfDenomination", "003", "FR", "Dénomination commerciale"),
    ("Classification", "MAIN", "NL", "Hoofdactiviteit"),
    ("Classification", "MAIN", "FR", "Activité principale"),
    ("Classification", "SECO", "NL", "Nevenactiviteit"),
    ("Classification", "SECO", "FR", "Activité secondaire"),
]  # fmt: skip

HEADERS = {
    "code": ("Category", "Code", "Language", "Description"),
    "enterprise": (
        "EnterpriseNumber", "Status", "JuridicalSituation", "TypeOfEnterprise",
        "JuridicalForm", "JuridicalFormCAC", "StartDate",
    ),
    "denomination": ("EntityNumber", "Language", "TypeOfDenomination", "Denomination"),
    "activity": ("EntityNumber", "ActivityGroup", "NaceVersion", "NaceCode", "Classification"),
}  # fmt: skip


def enterprise_number(seq: int) -> str:
    """A valid compact enterprise number (10 digits, mod 97) for each seq < 18,000,000."""
    base = 2_000_000 + seq
    return f"{base:08d}{97 - base % 97:02d}"


def dotted(number: str) -> str:
    return f"{number[:4]}.{number[4:7]}.{number[7:]}"


@dataclass
class Enterprise:
    number: str  # compact
    names: list[tuple[str, str, str]] = field(default_factory=list)  # language, type, name
    status: str = "AC"
    situation: str = NORMAL
    type_of_enterprise: str = "2"
    juridical_form: str = "014"
    start_date: date | None = date(2010, 1, 4)
    # activity group, NACE version, code, classification
    activities: list[tuple[str, str, str, str]] = field(default_factory=list)


def _q(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if value else ""


def _line(*values: str) -> bytes:
    return (",".join(values) + "\r\n").encode()


def _header(name: str) -> bytes:
    return _line(*(_q(h) for h in HEADERS[name]))


def _enterprise_line(e: Enterprise) -> bytes:
    start = e.start_date.strftime("%d-%m-%Y") if e.start_date else ""
    return _line(
        _q(dotted(e.number)), _q(e.status), _q(e.situation), _q(e.type_of_enterprise),
        _q(e.juridical_form), "", start,
    )  # fmt: skip


def _meta(snapshot: date, number: int, kind: str) -> bytes:
    rows = [
        ("SnapshotDate", snapshot.strftime("%d-%m-%Y")),
        ("ExtractTimestamp", snapshot.strftime("%d-%m-%Y") + " 03:14:15"),
        ("ExtractType", kind),
        ("ExtractNumber", str(number)),
        ("Version", "1.0.0"),
    ]
    return b'"Variable","Value"\r\n' + b"".join(_line(_q(k), _q(v)) for k, v in rows)


def _codes() -> bytes:
    return _header("code") + b"".join(_line(*(_q(v) for v in row)) for row in CODES)


class _Files:
    """The CSV members of one zip, written to temporary files as enterprises stream past
    (a zip takes one member at a time), then added."""

    def __init__(self, zf: zipfile.ZipFile, suffix: str) -> None:
        self._zf = zf
        self._dir = tempfile.TemporaryDirectory(prefix="kbo-")
        self._names = {n: f"{n}{suffix}.csv" for n in ("enterprise", "denomination", "activity")}
        self._out: dict[str, BinaryIO] = {}
        for name, member in self._names.items():
            f = open(Path(self._dir.name) / member, "wb")  # noqa: SIM115 - closed in close()
            f.write(_header(name))
            self._out[name] = f
        self._buf: dict[str, list[bytes]] = {n: [] for n in self._out}

    def add(self, e: Enterprise) -> None:
        self._buf["enterprise"].append(_enterprise_line(e))
        num = _q(dotted(e.number))
        for lang, kind, text in e.names:
            self._buf["denomination"].append(_line(num, _q(lang), _q(kind), _q(text)))
        for group, version, code, cls in e.activities:
            self._buf["activity"].append(_line(num, _q(group), _q(version), _q(code), _q(cls)))
        if len(self._buf["enterprise"]) >= 5000:
            self.flush()

    def flush(self) -> None:
        for name, lines in self._buf.items():
            self._out[name].write(b"".join(lines))
            lines.clear()

    def close(self) -> None:
        self.flush()
        for name, f in self._out.items():
            f.close()
            self._zf.write(Path(self._dir.name) / self._names[name], self._names[name])
        self._dir.cleanup()


def write_full(path: Path, enterprises: Iterable[Enterprise], number: int, snapshot: date) -> int:
    """A full extract; the number of enterprises written."""
    count = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("meta.csv", _meta(snapshot, number, "full"))
        zf.writestr("code.csv", _codes())
        files = _Files(zf, "")
        for e in enterprises:
            files.add(e)
            count += 1
        files.close()
    return count


def write_update(
    path: Path,
    changed: Iterable[Enterprise],
    removed: Iterable[str],
    number: int,
    snapshot: date,
) -> None:
    """An update extract: every changed enterprise is deleted then inserted with all its
    lines (in every file, as the cookbook's example does for names), a removed one only
    deleted."""
    changed = list(changed)
    gone = [*removed, *(e.number for e in changed)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("meta.csv", _meta(snapshot, number, "update"))
        zf.writestr("code.csv", _codes())
        for name in ("enterprise", "denomination", "activity"):
            zf.writestr(
                f"{name}_delete.csv",
                b'"EntityNumber"\r\n' + b"".join(_line(_q(dotted(n))) for n in gone),
            )
        files = _Files(zf, "_insert")
        for e in changed:
            files.add(e)
        files.close()


_WORDS = (
    "Bakkerij", "Brouwerij", "Garage", "Transport", "Bouw", "Immo", "Consult", "Atelier",
    "Boulangerie", "Brasserie", "Société", "Électricité", "Menuiserie", "Coiffure", "Zorg",
    "Logistiek", "Vlaams", "Wallonne", "Meubelen", "Chocolaterie", "Dépannage", "Schilder",
    "Installatie", "Verhuur", "Café", "Drukkerij", "Hôtel", "Nettoyage", "Tuinaanleg",
)  # fmt: skip
_PLACES = (
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Wouters", "De Smet", "Dubois", "Lambert", "Dupont", "Martin", "Lemaire", "Gent",
    "Antwerpen", "Liège", "Namur", "Brugge", "Hasselt", "Mechelen", "Leuven", "Mons",
)  # fmt: skip
_FORMS = ("NV", "BV", "SA", "SRL", "CV", "VZW")
_NACE = ("41201", "43211", "47111", "56101", "62010", "69201", "49410", "10711", "86210")


def synthetic(count: int, seed: int = 17, start: int = 0) -> Iterator[Enterprise]:
    """``count`` enterprises: about one in four with a second name in the other language
    or a commercial name, one in ten without a main activity, and a few in liquidation,
    judicial reorganisation or bankruptcy."""
    rng = random.Random(seed)
    for seq in range(start, start + count):
        name = f"{rng.choice(_WORDS)} {rng.choice(_PLACES)} {seq} {rng.choice(_FORMS)}"
        names = [("2" if seq % 3 else "1", "001", name)]
        r = rng.random()
        if r < 0.15:
            names.append(("1" if seq % 3 else "2", "001", name.upper()))
        elif r < 0.25:
            names.append(("2", "003", f"{rng.choice(_WORDS)} {seq}"))
        activities = []
        if rng.random() >= 0.1:
            code = rng.choice(_NACE)
            activities.append(("001", "2008", code, "MAIN"))
            activities.append(("001", "2025", code, "MAIN"))
            if rng.random() < 0.3:
                activities.append(("001", "2008", rng.choice(_NACE), "SECO"))
        s = rng.random()
        situation = (
            BANKRUPTCY if s < 0.01 else REORGANISATION if s < 0.015 else
            LIQUIDATION if s < 0.03 else NORMAL
        )  # fmt: skip
        yield Enterprise(
            number=enterprise_number(seq),
            names=names,
            situation=situation,
            juridical_form=rng.choice(("014", "610")),
            start_date=date(1950 + seq % 75, 1 + seq % 12, 1 + seq % 28),
            activities=activities,
        )
