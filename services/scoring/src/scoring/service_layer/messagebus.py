"""Dispatch through the handler tables: every entry point hands its message to the bus."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scoring.domain.commands import InvoiceFact, Rescore, Sweep
from scoring.domain.legal import LegalStatus
from scoring.domain.profile import ProfileChange
from scoring.service_layer import handlers
from scoring.service_layer.handlers import Clock, Progress, UowFactory
from scoring.service_layer.unit_of_work import JobLock


@dataclass(frozen=True, slots=True)
class MessageBus:
    uows: UowFactory
    jobs: JobLock
    clock: Clock = handlers.utcnow

    async def facts(self, facts: Sequence[InvoiceFact]) -> list[ProfileChange]:
        handler = handlers.EVENT_HANDLERS[InvoiceFact]
        return await handler(facts, self.uows(), self.clock)  # type: ignore[no-any-return]

    async def statuses(self, statuses: Sequence[LegalStatus]) -> list[ProfileChange]:
        handler = handlers.EVENT_HANDLERS[LegalStatus]
        return await handler(statuses, self.uows(), self.clock)  # type: ignore[no-any-return]

    async def handle(self, cmd: Sweep | Rescore, progress: Progress | None = None) -> int:
        handler = handlers.COMMAND_HANDLERS[type(cmd)]
        return await handler(cmd, self.uows, self.jobs, self.clock, progress)
