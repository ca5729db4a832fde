"""Hands the replica's Tesseract processes to documents by the fair-use rules.

Every extraction, a queued job or an ``Extract`` preview, waits here for a turn
(:class:`~ocr.domain.scheduling.FairQueue` says whose), so the process pool is never given
more documents than it has processes and the order is ours, not the pool's FIFO.

It is also the job consumer's :class:`chassis.messaging.Admission`: the consumer takes a
job from JetStream only when a process is free or the look-ahead has room, so the shortest
of a few held jobs can be chosen, and takes no job at all while Tesseract is missing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from ocr.domain.scheduling import FairQueue, Ticket

log = logging.getLogger(__name__)

#: Ageing: a job's key is ``joined + pages x this``. About what a scanned page costs
#: (1.6 s on a development core, deploy/k8s/README.md), so a long document is passed by
#: short ones only for about as long as it would itself take.
SECONDS_PER_PAGE = 2.0


@dataclass(slots=True)
class Turn:
    """A place in the queue; ``started`` once a process is this document's."""

    ticket: Ticket
    started: asyncio.Future[None]


class WorkScheduler:
    def __init__(
        self,
        processes: int,
        *,
        tenant_pages: int,
        lookahead: int,
        unavailable: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.queue = FairQueue(processes, tenant_pages, SECONDS_PER_PAGE)
        self.lookahead = lookahead
        # Held at most: jobs waiting for their tenant's pages count here but not against
        # the look-ahead, so a worker left idle by the cap can still find another
        # tenant's job; this bound keeps one replica from hoarding a flood of them.
        self.max_held = 2 * (processes + lookahead)
        self.unavailable = unavailable
        self._clock = clock
        self._turns: dict[int, Turn] = {}
        self._queued = 0  # tickets of consumer jobs (previews are not in the consumer's count)
        # Bumped on every change; changed() returns once it differs from what room() saw,
        # so a change between the two is never missed.
        self._version = 0
        self._seen = 0
        self._event = asyncio.Event()

    # --- turns ---------------------------------------------------------------------------

    def join(self, tenant: str, pages: int, *, capped: bool = True, queued: bool = True) -> Turn:
        """Take a place now (no await: the order of calls is the order of arrival)."""
        ticket = self.queue.join(tenant, pages, self._clock(), capped=capped)
        turn = Turn(ticket, asyncio.get_running_loop().create_future())
        self._turns[ticket.number] = turn
        if queued:
            self._queued += 1
        self._dispatch()
        self._wake()  # a job held back by its tenant's pages leaves room for another
        if not turn.started.done():
            log.info(
                "document waiting for a worker",
                extra={
                    "pages": ticket.pages,
                    "waiting": self.queue.waiting,
                    "tenant_pages_running": self.queue.pages_running(tenant),
                },
            )
        return turn

    def leave(self, turn: Turn, *, queued: bool = True) -> None:
        if self._turns.pop(turn.ticket.number, None) is None:
            return
        if queued:
            self._queued -= 1
        self.queue.leave(turn.ticket)
        if not turn.started.done():
            turn.started.cancel()
        self._dispatch()
        self._wake()

    @contextlib.asynccontextmanager
    async def turn(
        self, tenant: str, pages: int, *, capped: bool = True, queued: bool = True
    ) -> AsyncIterator[Turn]:
        """Wait for a process, hold it for the block, and give it back (also when cancelled)."""
        turn = self.join(tenant, pages, capped=capped, queued=queued)
        try:
            await asyncio.shield(turn.started)
            yield turn
        finally:
            self.leave(turn, queued=queued)

    def _dispatch(self) -> None:
        for ticket in self.queue.start_next():
            started = self._turns[ticket.number].started
            if not started.done():
                started.set_result(None)

    # --- chassis.messaging.Admission -----------------------------------------------------

    def room(self, in_flight: int) -> int:
        """Jobs to take from JetStream: one per free process plus the look-ahead, less the
        jobs already here that could start (taken jobs not yet queued, still reading their
        bytes, count as such); never more than ``max_held`` held."""
        self._seen = self._version
        if self.unavailable is not None:
            return 0
        arriving = max(0, in_flight - self._queued)
        want = self.queue.free + self.lookahead - self.queue.ready() - arriving
        return max(0, min(want, self.max_held - in_flight))

    async def changed(self) -> None:
        while self._version == self._seen:
            self._event.clear()
            await self._event.wait()

    def _wake(self) -> None:
        self._version += 1
        self._event.set()
