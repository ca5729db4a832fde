"""Payment experiences and the running sums that make one event O(1).

An *experience* is what scoring knows of one member's invoice to a debtor:
its dates, amount, what was paid, and whether it is disputed or written off.
A closed experience (settled or written off) never changes with the calendar,
so it is folded into its member's :class:`Sums`: one row per (debtor, member)
whatever the history length. Open invoices age every day; a debtor has few of
them, so they are kept as rows and evaluated against today.

Recency weights are exponential in the due date, stored relative to a fixed
epoch: ``2 ** ((due - EPOCH) / half_life)``. Every weight of a debtor decays
by the same factor from one day to the next, so weighted means need no
rewriting as time passes; only absolute quantities (effective counts, volume)
are scaled to today when read.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum

ZERO = Decimal("0.00")
EPOCH = date(2000, 1, 1)
_EPOCH_ORDINAL = EPOCH.toordinal()

TREND_HALF_LIFE_DAYS = 730.0
# Recency: a payment experience weighs half as much for every HALF_LIFE_DAYS
# since its due date (PAYDEX looks at 24 months; a one-year half-life keeps
# two years in view and lets the last months lead). The short half-life
# measures recent behaviour, for the trend and the "recent delays" factor.
HALF_LIFE_DAYS = 365.0
SHORT_HALF_LIFE_DAYS = 90.0

# Outcomes are clipped here: beyond four months the PAYDEX key is flat ("over 120 days
# beyond terms"), and one typo or hostile date cannot weigh more than that.
MAX_DAYS_LATE = 120
MIN_DAYS_EARLY = -90
# A written-off invoice counts as never paid: at least this many days late.
WRITE_OFF_DAYS_LATE = 120

# Amounts count, but with a logarithm: PAYDEX weighs in dollars, which lets a
# single huge invoice (or a typo) drown a debtor's whole history. A 10,000 EUR
# invoice weighs about 1.9x a 1,000 EUR one; anything above 100,000 EUR weighs as
# 100,000 EUR (2.9x a 1,000 EUR one).
AMOUNT_WEIGHT_SCALE = Decimal(100)
MAX_WEIGHED_AMOUNT = Decimal(100_000)
MAX_AMOUNT = Decimal(1_000_000_000)

# Days beyond terms, bucketed for the predicted-payment distribution: bucket
# i holds outcomes in [EDGES[i], EDGES[i + 1]).
DAY_EDGES: tuple[int, ...] = (
    MIN_DAYS_EARLY,
    -30,
    -14,
    -7,
    -3,
    0,
    1,
    3,
    6,
    10,
    15,
    22,
    31,
    46,
    61,
    91,
    MAX_DAYS_LATE + 1,
)
N_BUCKETS = len(DAY_EDGES) - 1


class Status(Enum):
    OPEN = "open"
    PAID = "paid"
    WRITTEN_OFF = "written_off"


@dataclass(frozen=True, slots=True)
class Experience:
    """One member's invoice to the debtor, as of its latest revision."""

    invoice_id: str
    supplier: str  # pseudonymous member id; never leaves this service
    vat: str
    issue_date: date
    due_date: date
    amount: Decimal  # after credit notes and corrections
    paid_amount: Decimal = ZERO
    settled_date: date | None = None  # the day the last cent arrived
    disputed: bool = False
    written_off_date: date | None = None
    revision: int = 0

    @property
    def status(self) -> Status:
        if self.settled_date is not None:
            return Status.PAID
        if self.written_off_date is not None:
            return Status.WRITTEN_OFF
        return Status.OPEN

    @property
    def counts(self) -> bool:
        """A fully credited invoice is no experience at all."""
        return self.amount > 0

    @property
    def closed(self) -> bool:
        return self.status is not Status.OPEN

    @property
    def outstanding(self) -> Decimal:
        if self.closed:
            return ZERO
        return max(self.amount - self.paid_amount, ZERO)

    def days_beyond_terms(self, today: date) -> int | None:
        """Days after the due date it was paid, or has been open so far; None while
        it has no outcome yet (open and not due, or disputed)."""
        if self.disputed or not self.counts:
            return None
        if self.settled_date is not None:
            days = (self.settled_date - self.due_date).days
        elif self.written_off_date is not None:
            days = max((self.written_off_date - self.due_date).days, WRITE_OFF_DAYS_LATE)
        elif self.due_date < today:
            days = (today - self.due_date).days
        else:
            return None
        return min(max(days, MIN_DAYS_EARLY), MAX_DAYS_LATE)

    @property
    def days_to_pay(self) -> int | None:
        if self.settled_date is None:
            return None
        return (self.settled_date - self.issue_date).days


@functools.lru_cache(maxsize=8192)
def amount_weight(amount: Decimal) -> float:
    return math.log1p(float(min(amount, MAX_WEIGHED_AMOUNT) / AMOUNT_WEIGHT_SCALE))


@functools.lru_cache(maxsize=16384)
def decay_ordinal(ordinal: int, half_life: float) -> float:
    return float(2.0 ** ((ordinal - _EPOCH_ORDINAL) / half_life))


def decay(day: date, half_life: float) -> float:
    """Epoch-relative recency weight (grows with the date; ratios are what matter)."""
    return decay_ordinal(day.toordinal(), half_life)


def to_today(today: date, half_life: float) -> float:
    """Factor that turns epoch-relative weights into weights as of ``today`` (<= 1)."""
    return float(2.0 ** (-(today.toordinal() - _EPOCH_ORDINAL) / half_life))


def bucket(days: int) -> int:
    for i in range(N_BUCKETS - 1, -1, -1):
        if days >= DAY_EDGES[i]:
            return i
    return 0


# Layout of a member's closed sums: name -> index. Suffix _l is the long
# half-life, _s the short one; w = amount weight x recency, n = recency only.
_NAMES = (
    "n_l",  # effective count of experiences with an outcome
    "w_l",  # effective weight of experiences with an outcome
    "wx_l",  # weight x days beyond terms (>= 0)
    "wlate_l",  # weight of invoices paid late
    "w30_l",
    "w60_l",
    "w90_l",
    "wearly_l",  # weight x days paid before the due date (capped)
    "n_s",
    "w_s",
    "wx_s",
    "volume_l",  # euros x recency
    "npaid_l",  # settled ones
    "dtp_l",  # days to pay of settled ones
    "nx_l",  # count-weighted days beyond terms (>= 0), for display
    # Trend: weighted least squares of lateness y = min(days late, 90) / 30 on the due
    # date t (years since the epoch), weights r with a two-year half-life.
    "tr_r",
    "tr_rt",
    "tr_rt2",
    "tr_ry",
    "tr_ry2",
    "tr_rty",
    "tr_r2",  # sum of r^2, for the effective number of observations
)
IDX = {name: i for i, name in enumerate(_NAMES)}
HIST = len(_NAMES)  # histogram of outcomes (count x recency) starts here
WIDTH = HIST + N_BUCKETS
# Days paid early count up to this many (PAYDEX: 100 = "30 days sooner").
MAX_DAYS_EARLY_CREDIT = 30


def years_since_epoch(day: date) -> float:
    return (day.toordinal() - _EPOCH_ORDINAL) / 365.25


@dataclass(frozen=True, slots=True)
class Outcome:
    """One experience's inputs to the sums, as of a day."""

    n_l: float
    w_l: float
    n_s: float
    w_s: float
    r: float  # trend weight
    days: int  # days beyond terms, clipped
    years: float


def outcome(e: Experience, today: date) -> Outcome | None:
    x = e.days_beyond_terms(today)
    if x is None:
        return None
    a = amount_weight(e.amount)
    dl = decay(e.due_date, HALF_LIFE_DAYS)
    ds = decay(e.due_date, SHORT_HALF_LIFE_DAYS)
    r = decay(e.due_date, TREND_HALF_LIFE_DAYS)
    return Outcome(dl, a * dl, ds, a * ds, r, x, years_since_epoch(e.due_date))


def fold(v: list[float], o: Outcome, sign: float = 1.0) -> None:
    """Add (sign 1) or take out (sign -1) one outcome's share of the lateness sums."""
    fold_values(v, o.n_l, o.w_l, o.n_s, o.w_s, o.r, o.days, o.years, sign)


def fold_values(
    v: list[float],
    n_l: float,
    w_l: float,
    n_s: float,
    w_s: float,
    r: float,
    x: int,
    t: float,
    sign: float = 1.0,
) -> None:
    xp = float(x) if x > 0 else 0.0
    w = w_l * sign
    n = n_l * sign
    v[0] += n
    v[1] += w
    v[2] += w * xp
    if x > 0:
        v[3] += w
        if x > 30:
            v[4] += w
            if x > 60:
                v[5] += w
                if x > 90:
                    v[6] += w
    elif x < 0:
        v[7] += w * min(-x, MAX_DAYS_EARLY_CREDIT)
    v[8] += n_s * sign
    ws = w_s * sign
    v[9] += ws
    v[10] += ws * xp
    v[14] += n * xp
    rs = r * sign
    y = (xp if xp < 90.0 else 90.0) / 30.0
    v[15] += rs
    v[16] += rs * t
    v[17] += rs * t * t
    v[18] += rs * y
    v[19] += rs * y * y
    v[20] += rs * t * y
    v[21] += r * r * sign


def contribution(e: Experience) -> list[float] | None:
    """What a closed experience adds to its member's sums; None if it adds nothing.

    Its volume counts whatever its outcome (a disputed one has none), so that how it
    was paid cannot change the volume the overdue amount is compared with."""
    if not e.closed or not e.counts:
        return None
    v = [0.0] * WIDTH
    dl = decay(e.due_date, HALF_LIFE_DAYS)
    v[11] = float(e.amount) * dl
    # The outcome of a closed experience does not depend on "today".
    o = outcome(e, e.due_date)
    if o is not None:
        fold(v, o)
        dtp = e.days_to_pay
        if dtp is not None:
            v[12] = o.n_l
            v[13] = o.n_l * dtp
        v[HIST + bucket(o.days)] = o.n_l
    return v


@dataclass(slots=True)
class Sums:
    """A member's closed experiences with one debtor, folded together."""

    values: list[float] = field(default_factory=lambda: [0.0] * WIDTH)
    count: int = 0  # closed experiences folded in (exact, so empty is exactly empty)
    first_issue: date | None = None
    # The latest due date folded in (kept on removal: a rescore makes it exact again).
    last_due: date | None = None

    def add(self, e: Experience) -> None:
        v = contribution(e)
        if v is None:
            return
        self.values = [a + b for a, b in zip(self.values, v, strict=True)]
        self.count += 1
        if self.first_issue is None or e.issue_date < self.first_issue:
            self.first_issue = e.issue_date
        if self.last_due is None or e.due_date > self.last_due:
            self.last_due = e.due_date

    def remove(self, e: Experience) -> None:
        v = contribution(e)
        if v is None:
            return
        self.count -= 1
        if self.count <= 0:
            self.values = [0.0] * WIDTH
            self.count = 0
            self.first_issue = None
            self.last_due = None
            return
        # Weights are never negative; float cancellation must not make them so.
        self.values = [max(a - b, 0.0) for a, b in zip(self.values, v, strict=True)]


@dataclass(frozen=True, slots=True)
class MemberEvidence:
    """Everything one member told the register about one debtor."""

    supplier: str
    sums: Sums
    open: tuple[Experience, ...] = ()
    # Invoices of this member to the debtor, closed and open (for its weight).
    invoice_count: int = 0


@dataclass(slots=True)
class MemberSums:
    """What is stored per (debtor, member): the closed sums and how many invoices count."""

    vat: str
    supplier: str
    sums: Sums
    invoice_count: int = 0

    def move(self, old: Experience | None, new: Experience | None) -> None:
        """Account for one invoice of this member going from ``old`` to ``new`` (either may
        be None: new invoice, or gone)."""
        if old is not None:
            self.sums.remove(old)
            if old.counts:
                self.invoice_count -= 1
        if new is not None:
            self.sums.add(new)
            if new.counts:
                self.invoice_count += 1

    @property
    def empty(self) -> bool:
        return self.invoice_count <= 0 and self.sums.count == 0


@dataclass(frozen=True, slots=True)
class Known:
    """An invoice as scoring stored it: its revision, and None once deleted (a tombstone
    keeps the revision so an older, late event cannot bring it back)."""

    revision: int
    experience: Experience | None
