"""Invoice facts through the handlers, with the fake unit of work."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import date

import pytest
from scoring_testing import VAT, FakeJobLock, World, fact

from scoring.domain.commands import Rescore, Sweep
from scoring.domain.profile import Cause, ProfileChange
from scoring.domain.scorecard import RiskLevel
from scoring.service_layer import handlers
from scoring.service_layer.messagebus import MessageBus


def bus(world: World) -> MessageBus:

    return MessageBus(uows=world.uow, jobs=FakeJobLock(), clock=world.clock)


async def test_a_recorded_invoice_creates_the_debtors_first_profile(world: World) -> None:
    changes = await bus(world).facts([fact("e-1")])

    [change] = changes
    assert change.previous is None
    assert change.updated and change.announced and change.history
    assert change.current.invoice_count == 1
    assert change.current.sector == "F41"
    assert world.state.profiles[VAT].announced_score == change.current.score
    assert len(world.state.history) == 1


async def test_a_redelivered_event_id_changes_nothing(world: World) -> None:
    b = bus(world)
    await b.facts([fact("e-1")])
    again = await b.facts([fact("e-1", paid=date(2026, 8, 30), revision=2)])

    assert again == []
    assert world.state.profiles[VAT].paid_count == 0


async def test_an_older_revision_arriving_late_is_ignored(world: World) -> None:
    b = bus(world)
    await b.facts([fact("e-2", paid=date(2026, 7, 20), revision=2)])
    await b.facts([fact("e-1", revision=1)])  # the "recorded" event, redelivered late

    assert world.state.profiles[VAT].paid_count == 1
    assert world.state.profiles[VAT].open_count == 0


async def test_a_deleted_invoice_leaves_a_tombstone_an_old_event_cannot_undo(
    world: World,
) -> None:
    b = bus(world)
    await b.facts([fact("e-1", invoice="i-1"), fact("e-2", invoice="i-2")])
    await b.facts([fact("e-3", invoice="i-1", revision=2, deleted=True)])
    await b.facts([fact("e-4", invoice="i-1", revision=1)])

    assert world.state.profiles[VAT].invoice_count == 1
    assert world.state.known["i-1"].experience is None


async def test_deleting_a_debtors_last_invoice_removes_its_profile(world: World) -> None:
    b = bus(world)
    await b.facts([fact("e-1")])
    await b.facts([fact("e-2", revision=2, deleted=True)])

    assert VAT not in world.state.profiles
    assert world.state.sums == {}


async def test_a_partial_payment_lowers_the_overdue_amount(world: World) -> None:
    b = bus(world)
    await b.facts([fact("e-1", amount="1000.00")])
    await b.facts([fact("e-2", amount="1000.00", paid_amount="600.00", revision=2)])

    profile = world.state.profiles[VAT]
    assert profile.open_amount == profile.overdue_amount == 400
    assert profile.paid_count == 0  # not settled yet


async def test_score_updated_also_when_only_what_a_profile_shows_changed(world: World) -> None:
    """Readers cache profiles until score.updated: a change of what a profile shows must
    announce itself even when the figures benchmarks use stay the same."""
    b = bus(world)
    [first] = await b.facts([fact("e-1", invoice="i-1", paid=date(2026, 7, 1))])
    same = first.current.summary()
    shown_only = ProfileChange(
        previous=dataclasses.replace(same, shown_digest="something else was shown"),
        current=first.current,
    )
    unchanged = ProfileChange(previous=same, current=first.current)

    assert shown_only.updated and not unchanged.updated


async def test_score_updated_only_when_something_a_reader_sees_changed(world: World) -> None:
    b = bus(world)
    await b.facts([fact("e-1", invoice="i-1", paid=date(2026, 7, 1))])
    [change] = await b.facts([fact("e-2", invoice="i-1", paid=date(2026, 7, 1), revision=2)])

    assert not change.updated
    assert not change.announced
    assert not change.history


async def test_risk_changed_needs_a_level_change_or_five_points(world: World) -> None:
    b = bus(world)
    for i in range(8):
        due = date(2026, 1, 1 + i)
        await b.facts([fact(f"r{i}", invoice=f"i{i}", issue=date(2025, 12, 1), due=due, paid=due)])
    base = world.state.profiles[VAT]
    [small] = await b.facts(
        [
            fact(
                "late",
                invoice="i-late",
                issue=date(2026, 5, 1),
                due=date(2026, 6, 1),
                paid=date(2026, 6, 3),
            )
        ]
    )
    assert base.announced_score is not None
    moved = abs(small.current.score - base.announced_score)
    assert small.announced == (moved >= 5 or small.current.level is not base.level)


async def test_a_debtor_that_stops_paying_reaches_its_level_in_the_sweep(world: World) -> None:
    b = bus(world)
    history = [
        fact(
            f"p{i}",
            invoice=f"p{i}",
            issue=date(2025, 1 + i, 1),
            due=date(2025, 1 + i, 28),
            paid=date(2025, 1 + i, 28),
        )
        for i in range(10)
    ]
    unpaid = [
        fact(
            f"u{i}",
            invoice=f"u{i}",
            issue=date(2026, 8, 10 + i),
            due=date(2026, 9, 10 + i),
            amount="5000.00",
        )
        for i in range(4)
    ]
    await b.facts(history + unpaid)
    before = world.state.profiles[VAT]
    world.advance(120)
    seen = await b.handle(Sweep(world.now.date()))

    after = world.state.profiles[VAT]
    assert seen == 1
    assert after.score > before.score
    assert after.level in (RiskLevel.HIGH, RiskLevel.CRITICAL)
    aged = [c for c in world.state.committed if c.cause is Cause.AGEING]
    assert aged and aged[-1].announced
    assert world.state.swept[handlers.SWEEP] == world.now.date()


async def test_a_second_sweep_the_same_day_changes_nothing(world: World) -> None:
    b = bus(world)
    await b.facts([fact("e-1")])
    await b.handle(Sweep(world.now.date()))
    n = len(world.state.committed)
    await b.handle(Sweep(world.now.date()))

    assert all(not c.updated for c in world.state.committed[n:])


async def test_a_model_change_rescore_marks_its_announcements(world: World) -> None:
    b = bus(world)
    await b.facts([fact("e-1"), fact("e-2", invoice="i-2", supplier="member-b")])
    # As if the last announcement had come from an older model, 20 points away.
    stored = world.state.profiles[VAT]
    world.state.profiles[VAT] = replace(stored, announced_score=stored.score + 20)
    seen = await b.handle(Rescore(model_change=True))

    assert seen == 1
    last = world.state.committed[-1]
    assert last.cause is Cause.MODEL_CHANGE
    assert last.announced


async def test_rescore_rebuilds_the_same_sums_as_the_events_did(world: World) -> None:
    b = bus(world)
    facts = [
        fact(
            f"e{i}",
            invoice=f"i{i}",
            supplier=f"m{i % 3}",
            issue=date(2025, 1 + i, 1),
            due=date(2025, 1 + i, 28),
            paid=date(2025, 2 + i, 5),
        )
        for i in range(9)
    ]
    await b.facts(facts)
    await b.facts(
        [
            fact(
                "x",
                invoice="i3",
                supplier="m0",
                issue=date(2025, 4, 1),
                due=date(2025, 4, 28),
                revision=2,
                deleted=True,
            )
        ]
    )
    incremental = {k: v.sums.values for k, v in world.state.sums.items()}
    profile = world.state.profiles[VAT]
    await b.handle(Rescore())

    rebuilt = {k: v.sums.values for k, v in world.state.sums.items()}
    assert rebuilt.keys() == incremental.keys()
    for k in rebuilt:
        assert rebuilt[k] == pytest.approx(incremental[k], rel=1e-9, abs=1e-9)
    assert world.state.profiles[VAT].score == profile.score
