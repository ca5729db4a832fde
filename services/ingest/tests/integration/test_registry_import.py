"""Loading KBO open-data extracts (written in the published format) into the registry, on a
real PostgreSQL: a full extract, an update that deletes and re-adds, the same extract again,
and files that are not extracts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from datagen import kbo
from ingest.adapters.registry import load_extract
from ingest.domain.registry import InvalidExtract, NotAKboExtract, StaleExtract
from ingest.views import CompanyReader
from kmo.ingest.v1 import events_pb2

SNAPSHOT = date(2026, 11, 27)
N = 300  # synthetic enterprises besides the hand-made ones

# Hand-made edge cases (numbers beyond the synthetic ones).
SEVERAL = kbo.Enterprise(
    kbo.enterprise_number(900_001),
    names=[
        ("1", "001", "Boulangerie Émile Lefèvre"),
        ("2", "001", "Bakkerij Émile Lefèvre"),
        ("2", "002", "BEL"),
        ("2", "003", "Broodhuis"),
    ],
    juridical_form="610",
    start_date=date(1998, 3, 17),
    activities=[
        ("001", "2008", "10711", "MAIN"),
        ("001", "2025", "10711", "MAIN"),
        ("001", "2008", "47241", "SECO"),
    ],
)
NO_ACTIVITY = kbo.Enterprise(kbo.enterprise_number(900_002), names=[("2", "001", "Stille BV")])
BANKRUPT = kbo.Enterprise(
    kbo.enterprise_number(900_003),
    names=[("2", "001", "Failliet Transport NV")],
    situation=kbo.BANKRUPTCY,
    activities=[("001", "2008", "49410", "MAIN")],
)
STOPPED = kbo.Enterprise(
    kbo.enterprise_number(900_004), names=[("1", "001", "Ancienne SA")], status="ST"
)
LATER_BANKRUPT = kbo.Enterprise(
    kbo.enterprise_number(900_005),
    names=[("2", "001", "Wankel Bouw BV")],
    activities=[("001", "2008", "41201", "MAIN")],
)
LEAVES = kbo.Enterprise(kbo.enterprise_number(900_006), names=[("2", "001", "Weg BV")])
HAND = [SEVERAL, NO_ACTIVITY, BANKRUPT, STOPPED, LATER_BANKRUPT, LEAVES]


def full_extract(path: Path, number: int = 140) -> Path:
    invalid = kbo.Enterprise("0123456700", names=[("2", "001", "Ongeldig Nummer")])
    kbo.write_full(path, [*kbo.synthetic(N), *HAND, invalid], number, SNAPSHOT)
    return path


async def rows(
    sessions: async_sessionmaker[AsyncSession], sql: str
) -> list[sa.Row[*tuple[Any, ...]]]:
    async with sessions() as session:
        return list((await session.execute(sa.text(sql))).all())


Sessions = async_sessionmaker[AsyncSession]


async def status_events(sessions: Sessions) -> list[events_pb2.CompanyStatusChanged]:
    found = await rows(
        sessions,
        "SELECT payload FROM outbox WHERE subject = 'company.status_changed' ORDER BY seq",
    )
    return [events_pb2.CompanyStatusChanged.FromString(r.payload) for r in found]


@pytest.fixture(scope="module")
async def loaded(
    sessions: async_sessionmaker[AsyncSession], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    path = full_extract(tmp_path_factory.mktemp("kbo") / "KboOpenData_0140_2026_11_Full.zip")
    summary = await load_extract(path, sessions)
    assert summary.enterprises_added == N + len(HAND)
    assert summary.rejected == 1  # the number that fails mod 97
    return path


async def test_a_full_extract_loads_every_enterprise_with_its_names_codes_and_dates(
    sessions: async_sessionmaker[AsyncSession], loaded: Path
) -> None:
    (e,) = await rows(
        sessions,
        f"SELECT * FROM registry_enterprises WHERE enterprise_number = '{SEVERAL.number}'",
    )
    assert e.vat == "BE" + SEVERAL.number and len(e.vat) == 12
    assert e.name == "Bakkerij Émile Lefèvre"  # the official name, Dutch first
    assert e.start_date == date(1998, 3, 17)
    assert (e.nace2008, e.nace2025, e.nace_division, e.nace_section) == (
        "10711",
        "10711",
        "10",
        "C",
    )
    assert (e.status, e.juridical_situation, e.juridical_form) == ("AC", "000", "610")
    names = await rows(
        sessions,
        "SELECT denomination FROM registry_denominations "
        f"WHERE enterprise_number = '{SEVERAL.number}' ORDER BY 1",
    )
    assert [r.denomination for r in names] == [
        "BEL", "Bakkerij Émile Lefèvre", "Boulangerie Émile Lefèvre", "Broodhuis",
    ]  # fmt: skip
    (quiet,) = await rows(
        sessions,
        "SELECT nace2008, nace_section FROM registry_enterprises "
        f"WHERE enterprise_number = '{NO_ACTIVITY.number}'",
    )
    assert (quiet.nace2008, quiet.nace_section) == ("", "")
    (stopped,) = await rows(
        sessions,
        f"SELECT status FROM registry_enterprises WHERE enterprise_number = '{STOPPED.number}'",
    )
    assert stopped.status == "ST"
    assert not await rows(
        sessions, "SELECT 1 FROM registry_enterprises WHERE enterprise_number = '0123456700'"
    )
    codes = await rows(sessions, "SELECT count(*) AS n FROM registry_codes")
    assert codes[0].n == len(kbo.CODES)


async def test_a_company_first_seen_in_distress_is_announced_and_a_normal_one_is_not(
    sessions: async_sessionmaker[AsyncSession], loaded: Path
) -> None:
    events = await status_events(sessions)
    announced = {e.enterprise_number: e for e in events}
    assert BANKRUPT.number in announced and SEVERAL.number not in announced
    b = announced[BANKRUPT.number]
    assert b.distress == events_pb2.CompanyStatusChanged.DISTRESS_BANKRUPTCY
    assert (b.company.vat, b.previous_status, b.description) == (
        "BE" + BANKRUPT.number, "", "Opening faillissement",
    )  # fmt: skip
    assert (b.since.year, b.since.month, b.since.day, b.extract_number) == (2026, 11, 27, 140)
    # every synthetic company in distress is announced once, nobody else
    synthetic = [e for e in kbo.synthetic(N) if e.situation != kbo.NORMAL]
    assert len(events) == len(synthetic) + 1


async def test_the_same_extract_again_is_refused_and_changes_nothing(
    sessions: async_sessionmaker[AsyncSession], loaded: Path
) -> None:
    before = await rows(
        sessions, "SELECT count(*) AS n, max(updated_at) AS t FROM registry_enterprises"
    )
    with pytest.raises(StaleExtract):
        await load_extract(loaded, sessions)
    with pytest.raises(StaleExtract):  # an older one too
        await load_extract(full_extract(loaded.with_name("older.zip"), 139), sessions)
    after = await rows(
        sessions, "SELECT count(*) AS n, max(updated_at) AS t FROM registry_enterprises"
    )
    assert before == after


async def test_an_update_deletes_then_inserts_and_announces_the_bankruptcy_and_the_leaver(
    sessions: async_sessionmaker[AsyncSession], loaded: Path
) -> None:
    renamed = kbo.Enterprise(
        SEVERAL.number,
        names=[("2", "001", "Bakkerij Lefèvre & Zonen")],  # the other names are gone
        juridical_form="610",
        start_date=date(1998, 3, 17),
        activities=[("001", "2008", "47241", "MAIN")],
    )
    bankrupt = kbo.Enterprise(
        LATER_BANKRUPT.number,
        names=LATER_BANKRUPT.names,
        situation=kbo.BANKRUPTCY,
        activities=LATER_BANKRUPT.activities,
    )
    path = loaded.with_name("KboOpenData_0141_2026_11_Update.zip")
    kbo.write_update(path, [renamed, bankrupt], [LEAVES.number], 141, date(2026, 11, 28))
    seen = len(await status_events(sessions))

    summary = await load_extract(path, sessions)

    assert summary.enterprises_changed == 1 and summary.enterprises_stopped == 1
    (e,) = await rows(
        sessions,
        "SELECT name, nace2008, nace_section FROM registry_enterprises "
        f"WHERE enterprise_number = '{SEVERAL.number}'",
    )
    assert (e.name, e.nace2008, e.nace_section) == ("Bakkerij Lefèvre & Zonen", "47241", "G")
    names = await rows(
        sessions,
        "SELECT denomination FROM registry_denominations "
        f"WHERE enterprise_number = '{SEVERAL.number}'",
    )
    assert [r.denomination for r in names] == ["Bakkerij Lefèvre & Zonen"]
    new = {e.enterprise_number: e for e in (await status_events(sessions))[seen:]}
    assert set(new) == {LATER_BANKRUPT.number, LEAVES.number}
    went = new[LATER_BANKRUPT.number]
    assert (went.previous_juridical_situation, went.juridical_situation) == ("000", "050")
    assert went.distress == events_pb2.CompanyStatusChanged.DISTRESS_BANKRUPTCY
    assert (went.since.day, went.extract_number) == (28, 141)
    assert (new[LEAVES.number].previous_status, new[LEAVES.number].status) == ("AC", "ST")
    (since,) = await rows(
        sessions,
        "SELECT situation_since FROM registry_enterprises "
        f"WHERE enterprise_number = '{LATER_BANKRUPT.number}'",
    )
    assert since.situation_since == date(2026, 11, 28)


async def test_the_registry_is_searched_by_name_in_any_language_and_by_number(
    sessions: async_sessionmaker[AsyncSession], loaded: Path
) -> None:
    reader = CompanyReader(sessions)
    vat = "BE" + SEVERAL.number  # renamed by the update above
    # the start of a name, its words in any order, and words still being typed
    for query in ("bakkerij lefevre", "LEFÈVRE zonen", "Bakkerij-Lefèvre &", "zon bakk lef"):
        found = await reader.search(query)
        assert found and found[0].vat == vat, query
    first = (await reader.search(kbo.dotted(SEVERAL.number)))[0]
    assert first.vat == vat and first.registry is not None
    assert (await reader.search(vat))[0].vat == vat
    assert (await reader.search(SEVERAL.number[1:]))[0].vat == vat  # nine digits, old form
    assert len(await reader.search("bakkerij", limit=50)) <= 20
    assert await reader.search("zzzzqqq") == []
    (counted,) = await rows(sessions, "SELECT names FROM registry_name_words WHERE word = 'zonen'")
    assert counted[0] >= 1  # the update's new name brought its words
    trigrams = await rows(
        sessions, "SELECT 1 FROM pg_indexes WHERE indexname = 'ix_registry_name_words_trigrams'"
    )
    if trigrams:  # a typo still finds it where pg_trgm is installed
        assert vat in [c.vat for c in await reader.search("Bakkerei Lefevre en Zonen")]
        # one word beyond repair leaves names that are like the rest, not like the query
        assert await reader.search("qxzvwk lefevre") == []
    (rec,) = (await reader.batch_get([vat])).values()
    assert rec.name == "Bakkerij Lefèvre & Zonen" and rec.sector == "G47.24"
    assert rec.registry is not None and rec.registry.legal_form == "Besloten vennootschap"
    assert rec.registry.start_date == date(1998, 3, 17) and not rec.registry.distress
    (bankrupt,) = (await reader.batch_get(["BE" + LATER_BANKRUPT.number])).values()
    assert bankrupt.registry is not None and bankrupt.registry.distress
    assert bankrupt.registry.situation == "Opening faillissement"


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


META = (
    b'"Variable","Value"\r\n"SnapshotDate","27-11-2026"\r\n"ExtractTimestamp","x"\r\n'
    b'"ExtractType","full"\r\n"ExtractNumber","900"\r\n"Version","1.0.0"\r\n'
)
HEADER = b'"EnterpriseNumber","Status","JuridicalSituation","TypeOfEnterprise","JuridicalForm","JuridicalFormCAC","StartDate"\r\n'  # noqa: E501
GOOD = (
    b'"'
    + kbo.dotted(kbo.enterprise_number(950_000)).encode()
    + b'","AC","000","2","014",,01-01-2020\r\n'
)


@pytest.mark.parametrize(
    ("files", "error"),
    [
        ({"readme.txt": b"hello"}, NotAKboExtract),
        ({"meta.csv": b'"Variable","Value"\r\n"SnapshotDate","27-11-2026"\r\n'}, NotAKboExtract),
        ({"meta.csv": META, "enterprise.csv": b'"Number","Name"\r\n"1","x"\r\n'}, NotAKboExtract),
        (
            {"meta.csv": META, "enterprise.csv": HEADER + GOOD + b'"' + b"9" * 200_000 + b'"\r\n'},
            InvalidExtract,
        ),
        ({"meta.csv": META, "enterprise.csv": HEADER + GOOD + b'"1","2"\r\n'}, InvalidExtract),
        (
            {"meta.csv": META, "enterprise.csv": HEADER + GOOD.replace(b"AC", b"\xff\xfe")},
            InvalidExtract,
        ),
    ],
    ids=["no-meta", "meta-incomplete", "wrong-columns", "huge-line", "short-line", "not-utf8"],
)
async def test_a_file_that_is_not_a_loadable_extract_gets_a_typed_error_and_loses_nothing(
    sessions: async_sessionmaker[AsyncSession],
    loaded: Path,
    tmp_path: Path,
    files: dict[str, bytes],
    error: type[Exception],
) -> None:
    before = await rows(sessions, "SELECT count(*) AS n FROM registry_enterprises")
    with pytest.raises(error):
        await load_extract(_zip(tmp_path / "x.zip", files), sessions)
    assert await rows(sessions, "SELECT count(*) AS n FROM registry_enterprises") == before
    assert not await rows(sessions, "SELECT 1 FROM registry_extracts WHERE extract_number = 900")


async def test_a_file_that_is_no_zip_at_all_is_not_an_extract(
    sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    path = tmp_path / "extract.zip"
    path.write_bytes(b"PK\x03\x04 but not really" * 100)
    with pytest.raises(NotAKboExtract):
        await load_extract(path, sessions)


def test_the_operator_command_prints_a_summary_and_refuses_a_stale_extract(
    ingest_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "KboOpenData_0100_2026_08_Full.zip"
    kbo.write_full(path, kbo.synthetic(20, seed=3, start=500_000), 100, SNAPSHOT)
    env = {**os.environ, "INGEST_DATABASE_URL": ingest_url}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ingest", "registry-import", str(path)],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    done = run()
    # the module's loads came first (140, 141): 100 is older
    assert done.returncode == 2, done.stderr
    assert json.loads(done.stderr.strip().splitlines()[-1])["error"] == "stale_extract"
    path.unlink()
    kbo.write_full(path, kbo.synthetic(20, seed=3, start=500_000), 150, SNAPSHOT)
    done = run()
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["extract_number"] == 150 and summary["rows"]["enterprise"] == 20
    assert summary["rows_per_second"] > 0 and summary["peak_rss_kib"] > 0
    assert "loading KboOpenData_0100_2026_08_Full.zip" in done.stderr
