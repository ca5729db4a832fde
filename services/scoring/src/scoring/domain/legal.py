"""A debtor's juridical situation as the company registry reports it (ingest's
``company.status_changed``): bankruptcy, judicial reorganisation and liquidation are strong
risk signals, whatever the payment history says. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum


class Distress(Enum):
    BANKRUPTCY = "bankruptcy"
    JUDICIAL_REORGANISATION = "judicial_reorganisation"
    LIQUIDATION = "liquidation"


# The score a debtor in each situation has at least, and the points the situation adds at
# least (a debtor already scoring high still shows the situation as a factor).
FLOOR = {Distress.BANKRUPTCY: 90, Distress.LIQUIDATION: 75, Distress.JUDICIAL_REORGANISATION: 60}
BUMP = {Distress.BANKRUPTCY: 40, Distress.LIQUIDATION: 30, Distress.JUDICIAL_REORGANISATION: 20}
# The factor's value names the situation (profiles store a factor as reason, points, value).
CODE = {Distress.BANKRUPTCY: 1.0, Distress.JUDICIAL_REORGANISATION: 2.0, Distress.LIQUIDATION: 3.0}
BY_CODE = {v: k for k, v in CODE.items()}


def points(distress: Distress, raw: float) -> float:
    """What the situation adds to the payment factors' ``raw`` points: the score becomes
    max(raw + bump, floor), still non-decreasing in how late the debtor pays."""
    return max(BUMP[distress], FLOOR[distress] - raw)


@dataclass(frozen=True, slots=True)
class LegalStatus:
    """The registry's latest word on a company; a higher extract number is newer."""

    event_id: str
    vat: str
    distress: Distress | None  # None: no distress (normal, or ended)
    situation: str  # the registry's code
    description: str
    since: date
    extract_number: int
