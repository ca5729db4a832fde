"""The gateway's risk-profile cache: per company and tenant, dropped by score.updated,
never keeping an answer that may predate an update, bounded in time and size."""

from __future__ import annotations

import time

from gateway.adapters.profiles import ProfileCache
from kmo.scoring.v1 import scoring_pb2
from kmo.types.v1 import types_pb2


def profile(vat: str, score: int) -> scoring_pb2.RiskProfile:
    return scoring_pb2.RiskProfile(
        company=types_pb2.CompanyRef(country=vat[:2], vat=vat), found=True, score=score
    )


def test_entries_are_per_tenant_and_an_update_drops_every_tenants() -> None:
    cache = ProfileCache(ttl=60)
    asked = cache.now()
    cache.put("BE1", "member-a", profile("BE1", 40), asked)
    cache.put("BE1", "", profile("BE1", 41), asked)
    cache.put("BE2", "member-a", profile("BE2", 70), asked)

    assert cache.get("BE1", "member-a").score == 40  # type: ignore[union-attr]
    assert cache.get("BE1", "").score == 41  # type: ignore[union-attr]
    assert cache.get("BE1", "member-b") is None  # another member's view is its own

    cache.drop("BE1")
    assert cache.get("BE1", "member-a") is None and cache.get("BE1", "") is None
    assert cache.get("BE2", "member-a").score == 70  # type: ignore[union-attr]


def test_an_answer_asked_for_before_an_update_arrived_is_not_kept() -> None:
    cache = ProfileCache(ttl=60)
    asked = cache.now()
    cache.drop("BE1")  # score.updated arrives while scoring's (older) answer travels
    cache.put("BE1", "", profile("BE1", 40), asked)
    assert cache.get("BE1", "") is None
    cache.put("BE1", "", profile("BE1", 55), cache.now())  # asked after: kept
    assert cache.get("BE1", "").score == 55  # type: ignore[union-attr]


def test_entries_expire_and_the_cache_stays_bounded() -> None:
    cache = ProfileCache(ttl=0.05, max_companies=3)
    cache.put("BE1", "", profile("BE1", 1), cache.now())
    time.sleep(0.06)
    assert cache.get("BE1", "") is None
    for n in range(5):
        cache.put(f"BE{n}", "", profile(f"BE{n}", n), cache.now())
    assert sum(cache.get(f"BE{n}", "") is not None for n in range(5)) <= 3
