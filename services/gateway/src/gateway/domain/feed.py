"""The partner feed: which risk changes a watchlist wants, how a webhook call is signed,
when a failed delivery is tried again, and which webhook addresses we may call.

Signatures follow the Standard Webhooks convention (https://www.standardwebhooks.com):
``webhook-id``, ``webhook-timestamp`` and ``webhook-signature: v1,<base64>`` where the
HMAC-SHA256 covers ``{id}.{timestamp}.{body}``; during a secret rotation the header holds
one signature per live secret, separated by spaces.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import random
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

LEVELS = ("low", "medium", "high", "critical")  # ordered: a minimum level is an index
SECRET_PREFIX = "whsec_"
SIGNATURE_VERSION = "v1"
# A receiver refuses a timestamp further than this from its clock (replay protection).
TOLERANCE_SECONDS = 5 * 60
MAX_URL_LENGTH = 2_000
MAX_WATCHLIST_VATS = 100_000


class FeedError(ValueError):
    """Bad partner input; ``code`` is the public error code."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def level_rank(level: str) -> int:
    """0 for low .. 3 for critical; -1 for no level (a debtor's first profile)."""
    return LEVELS.index(level) if level in LEVELS else -1


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    points: int
    sentence: str


@dataclass(frozen=True, slots=True)
class RiskChange:
    """One ``risk.changed`` event as partners receive it."""

    event_id: str
    sequence: int  # its place in the RISK stream: a resume point
    vat: str
    country: str
    sector: str
    previous_score: int | None  # None for a debtor's first profile
    previous_level: str | None
    score: int
    level: str
    changed_at: datetime
    reasons: tuple[Reason, ...] = ()
    model_version: str = ""
    model_change: bool = False
    cause: str = "new_facts"
    trend: str = "unknown"

    @property
    def move(self) -> int:
        return abs(self.score - self.previous_score) if self.previous_score is not None else 100

    def payload(self) -> dict[str, object]:
        """The JSON body of a webhook call (one event)."""
        return {
            "id": self.event_id,
            "type": "risk.changed",
            "timestamp": self.changed_at.isoformat(),
            "data": {
                "sequence": self.sequence,
                "company": {"vat": self.vat, "country": self.country, "sector": self.sector},
                "previous": None
                if self.previous_score is None
                else {"score": self.previous_score, "level": self.previous_level},
                "current": {"score": self.score, "level": self.level},
                "reasons": [
                    {"code": r.code, "points": r.points, "sentence": r.sentence}
                    for r in self.reasons
                ],
                "trend": self.trend,
                "cause": self.cause,
                "modelVersion": self.model_version,
                "modelChange": self.model_change,
            },
        }


@dataclass(frozen=True, slots=True)
class Watchlist:
    """What a partner follows, and how loud a change must be to reach it.

    A change is wanted when the debtor is on the list (by VAT number, country or sector
    prefix), the level it left or reached is at least ``min_level``, the level changed or
    the score moved at least ``min_score_move`` points, and, for a change a new scoring
    model made, the list asked for those (incumbents mute model-launch days).
    """

    id: str
    owner_id: str
    name: str
    min_level: str = "low"
    min_score_move: int = 0
    model_changes: bool = False
    countries: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()  # NACE codes as prefixes: "F" covers "F41"
    created_at: datetime | None = None
    vat_count: int = 0

    def covers(self, change: RiskChange, on_list: bool) -> bool:
        return (
            on_list
            or change.country in self.countries
            or any(change.sector.startswith(s) for s in self.sectors)
        )

    def loud_enough(self, change: RiskChange) -> bool:
        if change.model_change and not self.model_changes:
            return False
        reached = max(level_rank(change.level), level_rank(change.previous_level or ""))
        if reached < level_rank(self.min_level):
            return False
        return change.level != change.previous_level or change.move >= self.min_score_move

    def wants(self, change: RiskChange, on_list: bool) -> bool:
        return self.covers(change, on_list) and self.loud_enough(change)


def checked_rules(
    min_level: str, min_score_move: int, countries: Iterable[str], sectors: Iterable[str]
) -> tuple[str, int, frozenset[str], frozenset[str]]:
    if min_level not in LEVELS:
        raise FeedError(f"a minimum level is one of {', '.join(LEVELS)}", "INVALID_ARGUMENT")
    if not 0 <= min_score_move <= 100:
        raise FeedError("a minimum score move is 0 to 100 points", "INVALID_ARGUMENT")
    codes = frozenset(c.strip().upper() for c in countries)
    if len(codes) > 50 or any(len(c) != 2 or not c.isalpha() for c in codes):
        raise FeedError("countries are ISO codes of two letters (50 at most)", "INVALID_ARGUMENT")
    nace = frozenset(s.strip().upper() for s in sectors)
    if len(nace) > 200 or any(not _is_sector(s) for s in nace):
        raise FeedError(
            "sectors are NACE Rev. 2 codes such as F or F41 (200 at most)", "INVALID_ARGUMENT"
        )
    return min_level, min_score_move, codes, nace


def _is_sector(code: str) -> bool:
    digits = code[1:].replace(".", "")
    return 1 <= len(code) <= 8 and code[0].isalpha() and (not digits or digits.isdigit())


# --- signatures ---------------------------------------------------------------------------


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def signature(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{msg_id}.{timestamp}.".encode() + body
    mac = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return f"{SIGNATURE_VERSION},{base64.b64encode(mac).decode()}"


def signature_header(secrets_: Sequence[str], msg_id: str, timestamp: int, body: bytes) -> str:
    return " ".join(signature(s, msg_id, timestamp, body) for s in secrets_)


def verify(
    secret: str,
    headers: dict[str, str],
    body: bytes,
    now: float,
    tolerance: int = TOLERANCE_SECONDS,
) -> bool:
    """What a receiver does (the recipe in the partner docs): any one signature matching
    one of its secrets, and a fresh timestamp."""
    try:
        msg_id = headers["webhook-id"]
        timestamp = int(headers["webhook-timestamp"])
        presented = headers["webhook-signature"].split()
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret, msg_id, timestamp, body)
    return any(hmac.compare_digest(expected, p) for p in presented)


def body_of(payload: object) -> bytes:
    return json.dumps(payload, separators=(",", ":"), default=_json_default).encode()


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


# --- retries ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Exponential back-off with full jitter, for ``give_up_after`` since the first try;
    then the delivery is a dead letter and its webhook is paused."""

    base: timedelta = timedelta(seconds=5)
    cap: timedelta = timedelta(hours=1)
    give_up_after: timedelta = timedelta(hours=24)
    rng: random.Random = field(default_factory=random.Random, compare=False)

    def delay(self, attempts: int) -> timedelta:
        """The wait after the ``attempts``-th failure (1 for the first)."""
        ceiling = min(self.cap.total_seconds(), self.base.total_seconds() * 2 ** (attempts - 1))
        # Full jitter, but never less than half the step: receivers recovering from an
        # outage are not hit by every sender at once, and the schedule stays predictable.
        return timedelta(seconds=self.rng.uniform(ceiling / 2, ceiling))

    def next_attempt(self, first: datetime, now: datetime, attempts: int) -> datetime | None:
        """When to try again, or None: the retry window is spent."""
        due = now + self.delay(attempts)
        return None if due - first > self.give_up_after else due


# --- addresses ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    url: str
    host: str
    port: int
    scheme: str


def checked_url(url: str, allow_loopback: bool) -> Target:
    """An HTTPS URL (plain HTTP only to loopback, in development) with a host name or a
    public address; where its name resolves is checked again before every call."""
    if len(url) > MAX_URL_LENGTH or not url.isprintable():
        raise FeedError("a webhook URL is at most 2,000 printable characters", "INVALID_URL")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FeedError("not a valid URL", "INVALID_URL") from exc
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("https", "http") or not host:
        raise FeedError("a webhook URL starts with https:// and names a host", "INVALID_URL")
    if parts.username or parts.password:
        raise FeedError("a webhook URL carries no user name or password", "INVALID_URL")
    if parts.fragment:
        raise FeedError("a webhook URL has no #fragment", "INVALID_URL")
    loopback = host == "localhost" or _is_loopback(host)
    if parts.scheme == "http" and not (allow_loopback and loopback):
        raise FeedError("webhooks are called over HTTPS only", "INVALID_URL")
    literal = _address(host)
    if literal is not None and not (allow_loopback and literal.is_loopback):
        refuse_address(literal)
    if host == "localhost" and not allow_loopback:
        raise FeedError("a webhook may not call this machine", "FORBIDDEN_ADDRESS")
    return Target(
        url=url,
        host=host,
        port=port or (443 if parts.scheme == "https" else 80),
        scheme=parts.scheme,
    )


def _address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _is_loopback(host: str) -> bool:
    address = _address(host)
    return address is not None and address.is_loopback


def refuse_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> None:
    """Raise unless ``address`` is a public unicast address (SSRF: no private, loopback,
    link-local, multicast, reserved or mapped-private targets)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if not address.is_global or address.is_multicast:
        raise FeedError(
            f"a webhook may not call {address}: not a public address", "FORBIDDEN_ADDRESS"
        )


def checked_addresses(addresses: Iterable[str], allow_loopback: bool) -> list[str]:
    """The resolved addresses of a webhook's host, each allowed (or the call is refused)."""
    allowed = []
    for raw in addresses:
        address = ipaddress.ip_address(raw)
        if not (allow_loopback and address.is_loopback):
            refuse_address(address)
        allowed.append(str(address))
    if not allowed:
        raise FeedError("the webhook's host name does not resolve", "UNRESOLVABLE")
    return allowed


def watchlist_vats_from_csv(
    text: str, limit: int = MAX_WATCHLIST_VATS
) -> Iterable[tuple[int, str]]:
    """(line, cell) for the first column of each CSV line; a first line without digits is
    a header and skipped, blank lines too."""
    count = 0
    for number, line in enumerate(text.splitlines(), start=1):
        cell = line.split(";")[0].split(",")[0].strip().strip('"').strip()
        if not cell or (number == 1 and not any(ch.isdigit() for ch in cell)):
            continue
        count += 1
        if count > limit:
            raise FeedError(f"a watchlist holds {limit:,} VAT numbers at most", "TOO_LARGE")
        yield number, cell
