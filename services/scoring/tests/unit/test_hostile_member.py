"""One member cannot move a debtor that others report on: the attack of a single invoice
dated 0001-01-01 for 1,000,000,000 EUR, and any other single invoice."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_testing import TODAY, VAT, FakeJobLock, World, experience, fact, profile_of

from scoring.domain.evidence import Experience
from scoring.service_layer.messagebus import MessageBus

# The documented bound (services/scoring/README.md): a member's single invoice moves a
# debtor that at least two other members report at least 10 invoices each on (due in the
# last year) by at most this many points.
SINGLE_INVOICE_BOUND = 10


async def test_an_invoice_dated_year_one_for_a_billion_is_neutralised(world: World) -> None:
    bus = MessageBus(uows=world.uow, jobs=FakeJobLock(), clock=world.clock)
    honest = [
        fact(f"h{m}{i}", invoice=f"h{m}{i}", supplier=f"m{m}", issue=date(2026, 1 + i, 1),
             due=date(2026, 1 + i, 28), paid=date(2026, 1 + i, 27))
        for m in range(3)
        for i in range(8)
    ]  # fmt: skip
    await bus.facts(honest)
    before = world.state.profiles[VAT].score

    [change] = await bus.facts(
        [fact("evil", invoice="evil", supplier="hostile", issue=date(1, 1, 1), due=date(1, 1, 31),
              amount="1000000000.00")]
    )  # fmt: skip

    assert change.current.score == before
    assert world.state.known["evil"].experience is None  # kept only as a tombstone


def honest_history(draw: st.DrawFn) -> list[Experience]:
    out = []
    for m in range(draw(st.integers(min_value=2, max_value=4))):
        lateness = draw(st.sampled_from([(-10, 0), (0, 5), (0, 30), (10, 60)]))
        for i in range(draw(st.integers(min_value=10, max_value=16))):
            due = TODAY - timedelta(days=draw(st.integers(min_value=0, max_value=365)))
            paid = due + timedelta(days=draw(st.integers(*lateness)))
            out.append(
                experience(
                    due=due,
                    paid=paid if paid <= TODAY else None,
                    amount=draw(st.sampled_from(["50.00", "400.00", "2500.00", "30000.00"])),
                    supplier=f"honest-{m}",
                    invoice=f"h{m}-{i}",
                    term_days=draw(st.sampled_from([14, 30, 60])),
                )
            )
    return out


@st.composite
def attacks(draw: st.DrawFn) -> tuple[list[Experience], Experience]:
    honest = honest_history(draw)
    due = TODAY - timedelta(days=draw(st.integers(min_value=-60, max_value=3650)))
    settled = draw(st.one_of(st.none(), st.integers(min_value=-60, max_value=400)))
    paid = None if settled is None else due + timedelta(days=settled)
    hostile = experience(
        due=due,
        paid=paid if paid is not None and paid <= TODAY else None,
        amount=draw(st.sampled_from(["0.01", "1000.00", "100000.00", "1000000000.00"])),
        supplier="hostile",
        invoice="evil",
        term_days=draw(st.sampled_from([1, 30, 366])),
    )
    return honest, hostile


@settings(max_examples=400, deadline=None)
@given(attacks())
def test_a_single_hostile_invoice_moves_a_reported_debtor_by_at_most_the_bound(
    attack: tuple[list[Experience], Experience],
) -> None:
    honest, hostile = attack

    moved = profile_of(*honest, hostile).score - profile_of(*honest).score

    assert abs(moved) <= SINGLE_INVOICE_BOUND
