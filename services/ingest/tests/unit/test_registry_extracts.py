"""What a KBO extract's meta data must say, and which juridical situations are distress."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.domain.registry import (
    Distress,
    ExtractType,
    NotAKboExtract,
    StaleExtract,
    check_newer,
    distress_of,
    parse_meta,
)

META = {
    "SnapshotDate": "27-11-2026",
    "ExtractTimestamp": "29-11-2026 03:14:15",
    "ExtractType": "update",
    "ExtractNumber": "141",
    "Version": "1.0.0",
}


def test_meta_data_gives_the_snapshot_day_the_type_and_the_number() -> None:
    meta = parse_meta(META)
    assert (meta.snapshot_date, meta.extract_type, meta.extract_number) == (
        date(2026, 11, 27), ExtractType.UPDATE, 141,
    )  # fmt: skip


@pytest.mark.parametrize(
    "change",
    [{"ExtractType": "partial"}, {"ExtractNumber": "14x"}, {"SnapshotDate": "2026-11-27"},
     {"SnapshotDate": "31-02-2026"}],
)  # fmt: skip
def test_meta_data_that_is_not_the_cookbooks_is_not_an_extract(change: dict[str, str]) -> None:
    with pytest.raises(NotAKboExtract):
        parse_meta({**META, **change})
    with pytest.raises(NotAKboExtract):
        parse_meta({k: v for k, v in META.items() if k != "Version"})


def test_an_extract_must_be_newer_than_the_one_loaded_and_an_update_needs_a_full_one() -> None:
    update = parse_meta(META)
    full = parse_meta({**META, "ExtractType": "full"})
    check_newer(full, None)
    check_newer(update, 140)
    for loaded in (141, 142):
        with pytest.raises(StaleExtract):
            check_newer(update, loaded)
    with pytest.raises(StaleExtract):
        check_newer(update, None)


@pytest.mark.parametrize(
    ("descriptions", "expected"),
    [
        (["Opening faillissement", "Ouverture de faillite"], Distress.BANKRUPTCY),
        (["Sluiting faillissement", "Clôture de faillite"], Distress.BANKRUPTCY),
        (["Gerechtelijke reorganisatie", "Réorganisation judiciaire"],
         Distress.JUDICIAL_REORGANISATION),
        (["Vervroegde ontbinding - vereffening", "Dissolution anticipée - liquidation"],
         Distress.LIQUIDATION),
        (["Normale toestand", "Situation normale"], Distress.NONE),
        (["Verlenging", "Prorogation"], Distress.NONE),
    ],
)  # fmt: skip
def test_distress_is_read_from_the_code_tables_words(
    descriptions: list[str], expected: Distress
) -> None:
    assert distress_of(descriptions) is expected
