"""Which waiting document a free Tesseract process reads next: the fair-use rules.

Pure bookkeeping, no clock and no I/O: the caller says what time it is and runs what
:meth:`FairQueue.start_next` hands back.

- **Shortest first, with ageing.** Each job gets a key when it joins,
  ``joined + pages x seconds_per_page``, and the lowest key starts first. A 1-page invoice
  goes ahead of a 50-page PDF that joined at about the same time, but a job is never
  passed by one that joined more than ``(its pages - 1) x seconds_per_page`` after it: every
  job's wait is bounded, however many short ones keep arriving.
- **Pages in flight per tenant.** A job starts only if its tenant's running pages plus its
  own stay within ``tenant_pages``, so one tenant's long PDFs cannot take every process
  while another tenant's invoice waits. A tenant with nothing running may always start one
  job, however long (or a 50-page PDF could never run under a 10-page cap).
- **No starvation inside a tenant either.** A tenant's jobs start in key order: once its
  lowest-keyed waiting job does not fit, its later ones wait too, so the tenant's running
  pages drain and the long one gets its turn instead of being passed for ever by the same
  tenant's short ones. Other tenants' jobs go on meanwhile.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Ticket:
    """One document waiting for, or holding, a worker process."""

    number: int
    tenant: str
    pages: int
    key: float
    capped: bool  # False: counts towards the tenant's pages but is never held back by them


class FairQueue:
    def __init__(self, workers: int, tenant_pages: int, seconds_per_page: float) -> None:
        if workers < 1 or tenant_pages < 1 or seconds_per_page <= 0:
            raise ValueError("workers, tenant_pages and seconds_per_page must be positive")
        self.workers = workers
        self.tenant_pages = tenant_pages
        self.seconds_per_page = seconds_per_page
        self._numbers = itertools.count()
        self._waiting: dict[int, Ticket] = {}
        self._running: dict[int, Ticket] = {}
        self._pages_running: Counter[str] = Counter()

    # --- what is going on ----------------------------------------------------------------

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @property
    def running(self) -> int:
        return len(self._running)

    @property
    def free(self) -> int:
        return self.workers - len(self._running)

    def pages_running(self, tenant: str) -> int:
        return self._pages_running[tenant]

    def is_running(self, ticket: Ticket) -> bool:
        return ticket.number in self._running

    def ready(self) -> int:
        """How many waiting jobs could start if every process were free (the rest wait for
        their tenant's pages to drain)."""
        return len(self._startable(limit=None))

    # --- changes -------------------------------------------------------------------------

    def join(self, tenant: str, pages: int, now: float, *, capped: bool = True) -> Ticket:
        pages = max(1, pages)
        ticket = Ticket(
            next(self._numbers), tenant, pages, now + pages * self.seconds_per_page, capped
        )
        self._waiting[ticket.number] = ticket
        return ticket

    def start_next(self) -> list[Ticket]:
        """The jobs to start now, as many as there are free processes and rules allow."""
        started = self._startable(limit=self.free)
        for ticket in started:
            del self._waiting[ticket.number]
            self._running[ticket.number] = ticket
            self._pages_running[ticket.tenant] += ticket.pages
        return started

    def leave(self, ticket: Ticket) -> None:
        """The job finished (or gave up waiting): its process and pages are free."""
        self._waiting.pop(ticket.number, None)
        if self._running.pop(ticket.number, None) is not None:
            self._pages_running[ticket.tenant] -= ticket.pages
            if self._pages_running[ticket.tenant] <= 0:
                del self._pages_running[ticket.tenant]

    # --- the rules -----------------------------------------------------------------------

    def _startable(self, limit: int | None) -> list[Ticket]:
        chosen: list[Ticket] = []
        pages = Counter(self._pages_running)
        held_back: set[str] = set()
        for ticket in sorted(self._waiting.values(), key=lambda t: (t.key, t.number)):
            if limit is not None and len(chosen) >= limit:
                break
            if ticket.tenant in held_back and ticket.capped:
                continue
            if ticket.capped and not self._fits(pages[ticket.tenant], ticket.pages):
                held_back.add(ticket.tenant)
                continue
            chosen.append(ticket)
            pages[ticket.tenant] += ticket.pages
        return chosen

    def _fits(self, running: int, pages: int) -> bool:
        return running == 0 or running + pages <= self.tenant_pages
