"""NACE sections and a company's position among its peers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import Self

import pytest

from benchmark.adapters.event_codec import decode
from benchmark.domain.commands import RecordScore
from benchmark.domain.model import CompanyScore, nace_section, percentile_of
from benchmark.service_layer.handlers import record_score, record_scores
from chassis.events import outgoing
from kmo.scoring.v1 import events_pb2
from kmo.types.v1 import types_pb2


@pytest.mark.parametrize(
    ("code", "section"),
    [
        ("F", "F"),
        ("f41", "F"),
        ("41.20", "F"),
        ("4120", "F"),
        (" 41 ", "F"),
        ("01", "A"),
        ("1", ""),  # one digit names no division
        ("03", "A"),
        ("05", "B"),
        ("35", "D"),
        ("47.11", "G"),
        ("62", "J"),
        ("99", "U"),
        ("", ""),
        ("   ", ""),
        ("ZZ", ""),
        ("00", ""),
        ("04", ""),  # between sections A (01-03) and B (05-09)
    ],
)
def test_a_sector_code_written_any_common_way_maps_to_its_nace_section(
    code: str, section: str
) -> None:
    assert nace_section(code) == section


@pytest.mark.parametrize(
    ("better", "total", "percentile"),
    [(0, 1, 0.0), (3, 4, 75.0), (1, 3, 33.3), (2, 3, 66.7), (9, 10, 90.0), (0, 0, 0.0)],
)
def test_the_percentile_is_the_share_of_peers_with_a_better_score(
    better: int, total: int, percentile: float
) -> None:
    assert percentile_of(50, better, total) == percentile


def test_score_updated_decodes_with_the_sector_reduced_to_its_section() -> None:
    msg = events_pb2.ScoreUpdated(
        company=types_pb2.CompanyRef(country="BE", vat="BE0123456749"),
        sector="F41",
        score=63,
        avg_days_late=30.0,
    )
    msg.updated_at.FromDatetime(datetime(2026, 9, 15, 12, tzinfo=UTC))
    out = outgoing(msg)

    cmd = decode("e-1", out.event_type, out.payload)

    assert cmd.event_id == "e-1"
    assert cmd.company == CompanyScore(
        vat="BE0123456749",
        country="BE",
        sector="F",
        score=63,
        avg_days_late=30.0,
        updated_at=datetime(2026, 9, 15, 12, tzinfo=UTC),
    )


class FakeScoreStore:
    def __init__(self) -> None:
        self.claimed: set[tuple[str, str]] = set()
        self.scores: dict[str, CompanyScore] = {}

    async def claim(self, consumer: str, event_id: str) -> bool:
        fresh = (consumer, event_id) not in self.claimed
        self.claimed.add((consumer, event_id))
        return fresh

    async def claim_many(self, consumer: str, event_ids: Sequence[str]) -> set[str]:
        return {e for e in event_ids if await self.claim(consumer, e)}

    async def upsert_many(self, companies: Sequence[CompanyScore]) -> None:
        for company in companies:
            await self.upsert(company)

    async def upsert(self, company: CompanyScore) -> None:
        self.scores[company.vat] = company


class FakeUnitOfWork:
    def __init__(self) -> None:
        self.store = FakeScoreStore()
        self.commits = 0

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None

    async def commit(self) -> None:
        self.commits += 1


async def test_a_redelivered_score_is_folded_in_only_once() -> None:
    uow = FakeUnitOfWork()
    score = CompanyScore("BE0123456749", "BE", "F", 40, 3.0, datetime(2026, 9, 1, tzinfo=UTC))

    first = await record_score(RecordScore("e-1", score), uow)
    again = await record_score(RecordScore("e-1", score), uow)

    assert (first, again) == (True, False)
    assert uow.commits == 1
    assert uow.store.scores == {"BE0123456749": score}


async def test_a_batch_keeps_the_newest_score_per_company_and_skips_redeliveries() -> None:
    uow = FakeUnitOfWork()
    older = CompanyScore("BE0123456749", "BE", "F", 40, 10.0, datetime(2026, 9, 1, tzinfo=UTC))
    newer = CompanyScore("BE0123456749", "BE", "F", 70, 25.0, datetime(2026, 9, 2, tzinfo=UTC))
    new = await record_scores([RecordScore("e-2", newer), RecordScore("e-1", older)], uow)
    assert new == 2
    assert uow.store.scores["BE0123456749"].score == 70
    assert await record_scores([RecordScore("e-1", older)], uow) == 0
