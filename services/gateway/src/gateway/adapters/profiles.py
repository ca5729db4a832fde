"""Risk profiles as scoring last answered them, kept fresh by ``score.updated``.

A profile depends on who asks (a member sees its own amounts exactly), so entries are per
company and tenant. Every replica subscribes to ``score.updated`` (plain NATS, like the
document notices): an event for a company drops all of its entries at once. Entries also
expire after ``ttl`` seconds (30 by default), which bounds what a missed event (a broker
outage) or the day rolling over (profiles age without events) can leave stale. Scoring
publishes ``score.updated`` on every change a reader sees, amounts and counts included.
"""

from __future__ import annotations

import time

from google.protobuf.message import Message
from prometheus_client import Counter

from chassis.events import EventRegistry
from gateway.adapters.feeds import EventFeed
from kmo.scoring.v1 import events_pb2, scoring_pb2

UPDATES = EventRegistry(events_pb2.ScoreUpdated)
LOOKUPS = Counter("kmo_gateway_profile_cache_total", "Risk-profile cache lookups", ["result"])
_HIT, _MISS = LOOKUPS.labels("hit"), LOOKUPS.labels("miss")


class ProfileCache(EventFeed):
    subject = "score.updated"
    registry = UPDATES

    def __init__(self, ttl: float = 30.0, max_companies: int = 100_000) -> None:
        super().__init__()
        self.ttl = ttl
        self.max_companies = max_companies
        self._entries: dict[str, dict[str, tuple[float, scoring_pb2.RiskProfile]]] = {}
        # When each company's last update arrived: an answer fetched before it is not kept
        # (it may predate the update).
        self._updated: dict[str, float] = {}

    def handle(self, event: Message) -> None:
        assert isinstance(event, events_pb2.ScoreUpdated)
        self.drop(event.company.vat)

    def drop(self, vat: str) -> None:
        self._entries.pop(vat, None)
        if len(self._updated) >= self.max_companies:
            self._updated.clear()
            self._entries.clear()  # what was fetched before now cannot be told apart
        self._updated[vat] = time.monotonic()

    @staticmethod
    def now() -> float:
        return time.monotonic()

    def get(self, vat: str, tenant: str) -> scoring_pb2.RiskProfile | None:
        entry = self._entries.get(vat, {}).get(tenant)
        if entry is None or entry[0] < time.monotonic():
            _MISS.inc()
            return None
        _HIT.inc()
        return entry[1]

    def put(
        self, vat: str, tenant: str, profile: scoring_pb2.RiskProfile, fetched_at: float
    ) -> None:
        """Keep ``profile``, asked of scoring at ``fetched_at``, unless an update for the
        company arrived since."""
        if self._updated.get(vat, -1.0) >= fetched_at:
            return
        if len(self._entries) >= self.max_companies and vat not in self._entries:
            self._entries.clear()  # bounded memory: start again rather than grow
        self._entries.setdefault(vat, {})[tenant] = (time.monotonic() + self.ttl, profile)
