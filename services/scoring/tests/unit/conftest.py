"""A fake of scoring's unit-of-work port: state in dictionaries, rolled back unless committed."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import Self

import pytest

from scoring.domain.commands import RecordExperience
from scoring.domain.model import Experience, ProfileChange, RiskProfile

NOW = datetime(2026, 9, 15, 12, 0, tzinfo=UTC)


class FakeScoringStore:
    def __init__(self) -> None:
        self.claimed: set[tuple[str, str]] = set()
        self.rows: dict[str, tuple[str, Experience]] = {}  # invoice id -> (vat, experience)
        self.saved: dict[str, RiskProfile] = {}
        self.locked: list[list[str]] = []

    async def claim_new(self, consumer: str, event_ids: Sequence[str]) -> set[str]:
        new = {e for e in event_ids if (consumer, e) not in self.claimed}
        self.claimed |= {(consumer, e) for e in new}
        return new

    async def lock(self, vats: Sequence[str]) -> None:
        self.locked.append(list(vats))

    async def upsert_experiences(self, cmds: Sequence[RecordExperience]) -> None:
        for cmd in cmds:
            known = self.rows.get(cmd.invoice_id)
            paid = cmd.paid_date or (known[1].paid_date if known else None)
            base = known[1] if known else None
            self.rows[cmd.invoice_id] = (
                cmd.vat,
                Experience(
                    invoice_id=cmd.invoice_id,
                    supplier=base.supplier if base else cmd.supplier,
                    issue_date=base.issue_date if base else cmd.issue_date,
                    due_date=base.due_date if base else cmd.due_date,
                    amount=base.amount if base else cmd.amount,
                    paid_date=paid,
                ),
            )

    async def experiences(self, vats: Sequence[str]) -> dict[str, list[Experience]]:
        return {
            vat: sorted((e for v, e in self.rows.values() if v == vat), key=lambda e: e.issue_date)
            for vat in vats
        }

    async def profiles(self, vats: Sequence[str]) -> dict[str, RiskProfile]:
        return {v: self.saved[v] for v in vats if v in self.saved}

    async def save_profiles(self, found: Sequence[RiskProfile]) -> None:
        for profile in found:
            self.saved[profile.vat] = profile


class FakeUnitOfWork:
    """Implements ``scoring.service_layer.unit_of_work.UnitOfWork`` in memory."""

    def __init__(self) -> None:
        self.store = FakeScoringStore()
        self.committed: list[ProfileChange] = []
        self._before: FakeScoringStore | None = None

    async def __aenter__(self) -> Self:
        self._before = copy.deepcopy(self.store)
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._before is not None:  # not committed: roll back
            self.store = self._before
        self._before = None

    async def commit(self, *changes: ProfileChange) -> None:
        self.committed.extend(changes)
        self._before = None


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def clock() -> Callable[[], datetime]:
    return lambda: NOW
