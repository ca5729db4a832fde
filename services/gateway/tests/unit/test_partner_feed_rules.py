"""The partner feed's rules: what a watchlist wants, signatures, retries, addresses."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta

import pytest

from gateway.domain.feed import (
    FeedError,
    RetryPolicy,
    RiskChange,
    Watchlist,
    body_of,
    checked_addresses,
    checked_rules,
    checked_url,
    new_secret,
    signature,
    signature_header,
    verify,
    watchlist_vats_from_csv,
)

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def change(**overrides: object) -> RiskChange:
    values: dict[str, object] = {
        "event_id": "7f0c8f5e-3c39-4a55-9a4e-2f1f1d0c0a01",
        "sequence": 42,
        "vat": "BE0403170701",
        "country": "BE",
        "sector": "F41",
        "previous_score": 28,
        "previous_level": "low",
        "score": 35,
        "level": "medium",
        "changed_at": NOW,
    }
    values.update(overrides)
    return RiskChange(**values)  # type: ignore[arg-type]


def watchlist(**overrides: object) -> Watchlist:
    values: dict[str, object] = {"id": "w", "owner_id": "o", "name": "portfolio"}
    values.update(overrides)
    return Watchlist(**values)  # type: ignore[arg-type]


# --- what a watchlist wants ---------------------------------------------------------------


def test_a_listed_debtor_is_covered_and_an_unlisted_one_is_not() -> None:
    assert watchlist().wants(change(), on_list=True)
    assert not watchlist().wants(change(), on_list=False)


def test_countries_and_sector_prefixes_cover_debtors_not_on_the_list() -> None:
    assert watchlist(countries=frozenset({"BE"})).wants(change(), on_list=False)
    assert not watchlist(countries=frozenset({"NL"})).wants(change(), on_list=False)
    assert watchlist(sectors=frozenset({"F"})).wants(change(sector="F41"), on_list=False)
    assert watchlist(sectors=frozenset({"F41"})).wants(change(sector="F41"), on_list=False)
    assert not watchlist(sectors=frozenset({"F42"})).wants(change(sector="F41"), on_list=False)
    assert not watchlist(sectors=frozenset({"F"})).wants(change(sector=""), on_list=False)


def test_a_minimum_level_counts_the_level_left_as_well_as_the_level_reached() -> None:
    high = watchlist(min_level="high")
    assert not high.wants(change(previous_level="low", level="medium"), on_list=True)
    assert high.wants(change(previous_level="medium", level="high", score=55), on_list=True)
    # Leaving critical is news for a credit insurer even though the new level is low.
    assert high.wants(
        change(previous_level="critical", previous_score=75, level="low", score=25), on_list=True
    )


def test_without_a_level_change_the_score_must_move_the_minimum() -> None:
    loud = watchlist(min_score_move=10)
    same_level = {"previous_level": "medium", "level": "medium", "previous_score": 35}
    assert not loud.wants(change(score=42, **same_level), on_list=True)
    assert loud.wants(change(score=45, **same_level), on_list=True)
    assert loud.wants(change(score=25, **same_level), on_list=True)  # either way
    # A level change passes whatever the move.
    assert loud.wants(change(previous_score=30, score=31), on_list=True)


def test_model_change_events_are_muted_unless_the_list_asks_for_them() -> None:
    launch = change(model_change=True, cause="model_change")
    assert not watchlist().wants(launch, on_list=True)
    assert watchlist(model_changes=True).wants(launch, on_list=True)


def test_a_first_profile_passes_any_move_threshold() -> None:
    first = change(previous_score=None, previous_level=None, level="high", score=60)
    assert watchlist(min_score_move=50, min_level="high").wants(first, on_list=True)


def test_rules_are_checked() -> None:
    assert checked_rules("high", 5, [" be", "NL"], ["f41", "C"]) == (
        "high",
        5,
        frozenset({"BE", "NL"}),
        frozenset({"F41", "C"}),
    )
    bad: tuple[str, int, list[str], list[str]]
    for bad in (
        ("severe", 0, [], []),
        ("low", 101, [], []),
        ("low", -1, [], []),
        ("low", 0, ["Belgium"], []),
        ("low", 0, [], ["41F"]),
        ("low", 0, [], ["F" * 9]),
    ):
        with pytest.raises(FeedError) as caught:
            checked_rules(*bad)
        assert caught.value.code == "INVALID_ARGUMENT"


def test_the_payload_carries_what_a_partner_needs() -> None:
    body = change(reasons=()).payload()
    assert body["id"] == "7f0c8f5e-3c39-4a55-9a4e-2f1f1d0c0a01"
    assert body["type"] == "risk.changed"
    data = body["data"]
    assert isinstance(data, dict)
    assert data["company"] == {"vat": "BE0403170701", "country": "BE", "sector": "F41"}
    assert data["previous"] == {"score": 28, "level": "low"}
    assert data["current"] == {"score": 35, "level": "medium"}
    assert data["sequence"] == 42
    assert change(previous_score=None, previous_level=None).payload()["data"]["previous"] is None  # type: ignore[index]


# --- signatures ---------------------------------------------------------------------------


def test_a_signature_verifies_with_its_secret_only() -> None:
    secret, other = new_secret(), new_secret()
    body = body_of({"id": "e1", "amount": "1.50"})
    ts = int(time.time())
    headers = {
        "webhook-id": "e1",
        "webhook-timestamp": str(ts),
        "webhook-signature": signature(secret, "e1", ts, body),
    }
    assert verify(secret, headers, body, now=ts)
    assert not verify(other, headers, body, now=ts)
    assert not verify(secret, headers, body + b" ", now=ts)  # a changed body
    assert not verify(secret, {**headers, "webhook-id": "e2"}, body, now=ts)  # another id
    assert not verify(secret, headers, body, now=ts + 301)  # a replayed old call
    assert not verify(secret, {"webhook-id": "e1"}, body, now=ts)


def test_during_a_rotation_both_secrets_sign_and_either_verifies() -> None:
    old, new = new_secret(), new_secret()
    body, ts = b'{"id":"e1"}', 1_800_000_000
    headers = {
        "webhook-id": "e1",
        "webhook-timestamp": str(ts),
        "webhook-signature": signature_header([new, old], "e1", ts, body),
    }
    assert headers["webhook-signature"].count("v1,") == 2
    assert verify(old, headers, body, now=ts)
    assert verify(new, headers, body, now=ts)


def test_the_standard_webhooks_test_vector() -> None:
    # The example of the Standard Webhooks specification.
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = b'{"test": 2432232314}'
    assert (
        signature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)
        == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    )


# --- retries ------------------------------------------------------------------------------


def test_retries_back_off_exponentially_with_jitter_up_to_the_cap() -> None:
    policy = RetryPolicy(rng=random.Random(7))
    waits = [policy.delay(n).total_seconds() for n in range(1, 15)]
    assert 2.5 <= waits[0] <= 5
    assert 5 <= waits[1] <= 10
    assert 40 <= waits[4] <= 80
    assert all(1800 <= w <= 3600 for w in waits[-3:])
    assert len({round(w, 3) for w in waits}) == len(waits)  # jittered


def test_after_the_window_a_delivery_is_given_up() -> None:
    policy = RetryPolicy(rng=random.Random(1))
    first = NOW
    assert policy.next_attempt(first, NOW + timedelta(hours=2), 5) is not None
    assert policy.next_attempt(first, NOW + timedelta(hours=23, minutes=59), 30) is None
    # A whole day of failures takes a bounded number of calls.
    now, attempts = first, 0
    while (due := policy.next_attempt(first, now, attempts + 1)) is not None:
        now, attempts = due, attempts + 1
    assert 20 <= attempts <= 60
    assert now - first <= timedelta(hours=24)


# --- addresses (SSRF) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://10.0.0.7/hook",
        "https://192.168.1.1/hook",
        "https://172.16.0.1/hook",
        "https://127.0.0.1/hook",
        "https://169.254.169.254/latest/meta-data",  # the cloud metadata service
        "https://[::1]/hook",
        "https://[fe80::1]/hook",
        "https://[::ffff:10.0.0.1]/hook",
        "https://0.0.0.0/hook",
        "https://100.64.0.1/hook",  # carrier-grade NAT
        "https://localhost/hook",
    ],
)
def test_webhooks_to_private_loopback_or_link_local_addresses_are_refused(url: str) -> None:
    with pytest.raises(FeedError) as caught:
        checked_url(url, allow_loopback=False)
    assert caught.value.code == "FORBIDDEN_ADDRESS"


@pytest.mark.parametrize(
    "url",
    [
        "http://partner.example/hook",  # plain HTTP outside development
        "ftp://partner.example/hook",
        "https://user:pw@partner.example/hook",
        "https:///hook",
        "https://partner.example:99999/hook",
        "https://partner.example/" + "a" * 2_000,
        "https://partner.example/\nhook",
    ],
)
def test_malformed_or_unsafe_urls_are_refused(url: str) -> None:
    with pytest.raises(FeedError) as caught:
        checked_url(url, allow_loopback=False)
    assert caught.value.code == "INVALID_URL"


def test_plain_http_is_allowed_to_loopback_on_a_development_stack_only() -> None:
    assert checked_url("http://127.0.0.1:8123/h", allow_loopback=True).port == 8123
    assert checked_url("http://localhost/h", allow_loopback=True).host == "localhost"
    with pytest.raises(FeedError):
        checked_url("http://10.0.0.1/h", allow_loopback=True)  # private is never allowed
    assert checked_url("https://partner.example/h", allow_loopback=False).port == 443


def test_resolved_addresses_are_checked_too() -> None:
    assert checked_addresses(["93.184.215.14"], allow_loopback=False) == ["93.184.215.14"]
    for inside in (["10.1.2.3"], ["93.184.215.14", "192.168.0.1"], ["::1"], ["fd00::1"]):
        with pytest.raises(FeedError) as caught:
            checked_addresses(inside, allow_loopback=False)
        assert caught.value.code == "FORBIDDEN_ADDRESS"
    assert checked_addresses(["127.0.0.1"], allow_loopback=True) == ["127.0.0.1"]
    with pytest.raises(FeedError) as unresolved:
        checked_addresses([], allow_loopback=False)
    assert unresolved.value.code == "UNRESOLVABLE"


# --- CSV ----------------------------------------------------------------------------------


def test_a_watchlist_csv_yields_the_first_column_with_its_line() -> None:
    text = 'vat;name\n"BE0403170701";Bouw NV\n\nNL004495445B01,x\n'
    assert list(watchlist_vats_from_csv(text)) == [(2, "BE0403170701"), (4, "NL004495445B01")]


def test_a_watchlist_csv_over_the_limit_is_refused() -> None:
    text = "\n".join(f"BE0{n:09d}" for n in range(11))
    with pytest.raises(FeedError) as caught:
        list(watchlist_vats_from_csv(text, limit=10))
    assert caught.value.code == "TOO_LARGE"
