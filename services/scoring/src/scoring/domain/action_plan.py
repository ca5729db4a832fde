"""What a member should do about its open invoices to one debtor.

A dunning ladder (reminder, formal notice, phone call, last notice, collection) with a
day for each step, fitted to the debtor's level and to when it usually pays: a debtor
that usually pays 12 days late gets its reminder before then, not after. All overdue
invoices go into one reminder at the highest step any of them reached. The statutory
late interest and the EUR 40 compensation are shown as an entitlement, not added to the
claim: most SMEs keep the customer rather than claim them (domain.md §7.8).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum

from scoring.domain.evidence import Experience
from scoring.domain.late_interest import RateTable
from scoring.domain.prediction import Forecast, forecast, quantile_days
from scoring.domain.scorecard import RiskLevel

ZERO = Decimal("0.00")


class Step(Enum):
    NONE = "none"
    REMINDER = "reminder"
    FORMAL_NOTICE = "formal_notice"
    PHONE_CALL = "phone_call"
    LAST_NOTICE = "last_notice"
    COLLECTION = "collection"


ACTIONS = {
    Step.REMINDER: "Send a friendly reminder with a copy of the invoice.",
    Step.FORMAL_NOTICE: (
        "Send a formal notice (ingebrekestelling / mise en demeure) stating the statutory "
        "interest and compensation you are entitled to."
    ),
    Step.PHONE_CALL: "Call the debtor's accounts payable and agree a payment date.",
    Step.LAST_NOTICE: "Send a last notice announcing collection on a fixed date.",
    Step.COLLECTION: (
        "Hand the claim to a collection agency or, in Belgium, a bailiff for undisputed "
        "B2B debts (art. 1394/20 Ger.W.)."
    ),
}
ORDER = (Step.REMINDER, Step.FORMAL_NOTICE, Step.PHONE_CALL, Step.LAST_NOTICE, Step.COLLECTION)

# Days after the due date for each step, by level. Higher risk escalates sooner.
BASE_LADDER: dict[RiskLevel, tuple[int, int, int, int, int]] = {
    RiskLevel.LOW: (7, 21, 30, 45, 60),
    RiskLevel.MEDIUM: (3, 14, 21, 35, 50),
    RiskLevel.HIGH: (1, 8, 12, 21, 35),
    RiskLevel.CRITICAL: (0, 5, 7, 14, 21),
}
# A reminder comes this many days before the debtor's usual payment day, and never more
# than EARLIEST_REMINDER days before the due date.
REMINDER_LEAD = 2
EARLIEST_REMINDER = -3
MIN_GAP = 3

ADVICE = {
    RiskLevel.HIGH: (
        "For new orders, shorten the payment term (for example to 14 days) or ask a deposit.",
    ),
    RiskLevel.CRITICAL: (
        "For new orders, ask prepayment or payment on delivery.",
        "Do not extend further credit until the overdue invoices are paid.",
    ),
}


@dataclass(frozen=True, slots=True)
class LadderStep:
    step: Step
    day: int  # days after the due date
    action: str


@dataclass(frozen=True, slots=True)
class InvoicePlan:
    invoice_id: str
    due_date: date
    outstanding: Decimal
    days_overdue: int
    step: Step
    next_step: Step | None
    next_step_date: date | None
    late_interest: Decimal
    compensation: Decimal
    interest_rate: Decimal | None
    forecast: Forecast


@dataclass(frozen=True, slots=True)
class GroupedReminder:
    step: Step
    invoice_ids: tuple[str, ...]
    outstanding: Decimal
    late_interest: Decimal
    compensation: Decimal
    text: str


@dataclass(frozen=True, slots=True)
class ActionPlan:
    level: RiskLevel
    score: int
    ladder: tuple[LadderStep, ...]
    invoices: tuple[InvoicePlan, ...]
    reminder: GroupedReminder | None
    advice: tuple[str, ...]
    law: str
    as_of: date


def ladder(level: RiskLevel, usual_days_late: float) -> tuple[LadderStep, ...]:
    """The steps for this debtor: the level's ladder, with the reminder moved before the
    day it usually pays and the later steps closing up (half the move, at least
    MIN_GAP days apart)."""
    base = BASE_LADDER[level]
    reminder = base[0]
    if usual_days_late > REMINDER_LEAD:
        reminder = min(reminder, round(usual_days_late) - REMINDER_LEAD)
    elif usual_days_late > 0:
        reminder = min(reminder, max(EARLIEST_REMINDER, round(usual_days_late) - REMINDER_LEAD))
    shift = base[0] - reminder
    days = [reminder]
    for d in base[1:]:
        days.append(max(d - shift // 2, days[-1] + MIN_GAP))
    return tuple(LadderStep(s, d, ACTIONS[s]) for s, d in zip(ORDER, days, strict=True))


def _reached(steps: Sequence[LadderStep], days_overdue: int) -> tuple[Step, LadderStep | None]:
    reached = Step.NONE
    upcoming = None
    for s in steps:
        if days_overdue >= s.day:
            reached = s.step
        elif upcoming is None:
            upcoming = s
    return reached, upcoming


def plan(
    *,
    level: RiskLevel,
    score: int,
    open_invoices: Sequence[Experience],
    histogram: Sequence[float],
    experiences: float,
    creditor_country: str,
    rates: RateTable,
    today: date,
) -> ActionPlan:
    usual = quantile_days(histogram, 0.5)
    steps = ladder(level, usual)
    plans = []
    for e in sorted(open_invoices, key=lambda e: (e.due_date, e.invoice_id)):
        if e.outstanding <= 0:
            continue
        overdue = max((today - e.due_date).days, 0)
        reached, upcoming = _reached(steps, (today - e.due_date).days)
        interest = ZERO
        compensation = ZERO
        law = rates.law(creditor_country)
        if overdue > 0 and not e.disputed and law is not None:
            interest = rates.interest(creditor_country, e.outstanding, e.due_date, today)
            compensation = law.compensation
        plans.append(
            InvoicePlan(
                invoice_id=e.invoice_id,
                due_date=e.due_date,
                outstanding=e.outstanding,
                days_overdue=overdue,
                step=Step.NONE if e.disputed else reached,
                next_step=None if e.disputed or upcoming is None else upcoming.step,
                next_step_date=(
                    None
                    if e.disputed or upcoming is None
                    else e.due_date + timedelta(days=upcoming.day)
                ),
                late_interest=interest,
                compensation=compensation,
                interest_rate=rates.rate_on(creditor_country, today) if law else None,
                forecast=forecast(histogram, experiences, e.due_date, e.issue_date, today),
            )
        )
    overdue_plans = [p for p in plans if p.step is not Step.NONE]
    reminder = None
    if overdue_plans:
        top = max(overdue_plans, key=lambda p: ORDER.index(p.step)).step
        outstanding = sum((p.outstanding for p in overdue_plans), ZERO)
        interest = sum((p.late_interest for p in overdue_plans), ZERO)
        compensation = sum((p.compensation for p in overdue_plans), ZERO)
        n = len(overdue_plans)
        text = (
            f"{ACTIONS[top]} One letter for {n} overdue invoice{'s' if n > 1 else ''}, "
            f"EUR {outstanding:,.2f} outstanding. By law you may also claim EUR {interest:,.2f} "
            f"interest so far and EUR {compensation:,.2f} fixed compensation."
        )
        reminder = GroupedReminder(
            step=top,
            invoice_ids=tuple(p.invoice_id for p in overdue_plans),
            outstanding=outstanding,
            late_interest=interest,
            compensation=compensation,
            text=text,
        )
    law = rates.law(creditor_country)
    return ActionPlan(
        level=level,
        score=score,
        ladder=steps,
        invoices=tuple(plans),
        reminder=reminder,
        advice=ADVICE.get(level, ()),
        law=law.law if law else f"No late-payment law configured for {creditor_country!r}.",
        as_of=today,
    )
