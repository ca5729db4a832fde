"""The company registry's juridical situation (company.status_changed) through the
handlers: bankruptcy, judicial reorganisation and liquidation are strong risk signals."""

from __future__ import annotations

from datetime import date

from scoring_testing import VAT, FakeJobLock, World, fact

from scoring.domain.legal import Distress, LegalStatus
from scoring.domain.scorecard import Reason, RiskLevel
from scoring.service_layer.messagebus import MessageBus


def bus(world: World) -> MessageBus:
    return MessageBus(uows=world.uow, jobs=FakeJobLock(), clock=world.clock)


def status(
    event_id: str, distress: Distress | None, extract: int = 140, vat: str = VAT
) -> LegalStatus:
    situation = {None: "000", Distress.BANKRUPTCY: "050", Distress.LIQUIDATION: "012"}
    return LegalStatus(
        event_id, vat, distress, situation.get(distress, "030"), "", date(2026, 9, 1), extract
    )


async def a_debtor_that_pays_on_time(b: MessageBus) -> int:
    facts = [
        fact(f"e-{i}", invoice=f"i-{i}", supplier=f"m-{i % 3}", paid=date(2026, 6, 28))
        for i in range(12)
    ]
    [change] = await b.facts(facts)
    return change.current.score


async def test_a_bankruptcy_makes_a_prompt_payer_critical_with_its_reason_first(
    world: World,
) -> None:
    b = bus(world)
    before = await a_debtor_that_pays_on_time(b)
    assert before <= 30

    [change] = await b.statuses([status("s-1", Distress.BANKRUPTCY)])

    now = change.current
    assert now.score >= 90 and now.level is RiskLevel.CRITICAL
    assert change.announced and change.updated  # risk.changed and score.updated follow
    top = now.factors[0]
    assert top.reason is Reason.LEGAL_SITUATION and top.points >= 40
    assert "bankruptcy" in top.sentence
    assert sum(f.points for f in now.factors) == now.score
    assert not now.credit.advised


async def test_a_liquidation_and_a_reorganisation_weigh_less_than_a_bankruptcy(
    world: World,
) -> None:
    b = bus(world)
    await a_debtor_that_pays_on_time(b)
    [reorganised] = await b.statuses([status("s-1", Distress.JUDICIAL_REORGANISATION)])
    [liquidated] = await b.statuses([status("s-2", Distress.LIQUIDATION, extract=141)])
    [bankrupt] = await b.statuses([status("s-3", Distress.BANKRUPTCY, extract=142)])
    assert 60 <= reorganised.current.score < liquidated.current.score < bankrupt.current.score


async def test_an_older_extract_or_a_redelivery_changes_nothing(world: World) -> None:
    b = bus(world)
    await a_debtor_that_pays_on_time(b)
    await b.statuses([status("s-2", Distress.BANKRUPTCY, extract=141)])

    assert await b.statuses([status("s-2", Distress.BANKRUPTCY, extract=141)]) == []
    assert await b.statuses([status("s-1", None, extract=140)]) == []  # older: ignored
    assert world.state.profiles[VAT].level is RiskLevel.CRITICAL


async def test_the_situation_stays_in_the_score_as_new_invoices_arrive_and_ends_with_it(
    world: World,
) -> None:
    b = bus(world)
    await a_debtor_that_pays_on_time(b)
    await b.statuses([status("s-1", Distress.BANKRUPTCY)])
    [later] = await b.facts([fact("e-99", invoice="i-99", supplier="m-1")])
    assert later.current.factors[0].reason is Reason.LEGAL_SITUATION

    [ended] = await b.statuses([status("s-2", None, extract=141)])
    assert Reason.LEGAL_SITUATION not in {f.reason for f in ended.current.factors}
    assert ended.current.score <= 30


async def test_a_company_without_payment_experiences_is_remembered_not_scored(
    world: World,
) -> None:
    b = bus(world)
    assert await b.statuses([status("s-1", Distress.BANKRUPTCY)]) == []
    assert world.state.profiles == {}
    [first] = await b.facts([fact("e-1", invoice="i-1", paid=date(2026, 6, 28))])
    assert first.current.level is RiskLevel.CRITICAL
