"""Sectors, buckets, percentiles off counts, the privacy floor and a company's standing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from benchmark_testing import company, nearest_rank, reference
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmark.adapters.event_codec import decode
from benchmark.domain.measures import LAYOUT, MEASURES, QUANTILES, Histogram, Measure, sentence
from benchmark.domain.model import Company, Deltas, month_medians, rollup, shown
from benchmark.domain.reading import MonthPoint, Peers, position, sector_view, trend
from benchmark.domain.sectors import BENELUX, GroupKey, groups_of, sector_of_code
from chassis.events import outgoing
from chassis.messaging import PermanentFailure
from kmo.scoring.v1 import events_pb2, scoring_pb2
from kmo.types.v1 import types_pb2


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("F", ("F", "")), ("f41", ("F", "41")), ("41.20", ("F", "41")), ("4120", ("F", "41")),
        (" 41 ", ("F", "41")), ("01", ("A", "01")), ("1", ("", "")), ("47.11", ("G", "47")),
        ("C10", ("C", "10")), ("F10", ("C", "10")),  # the digits win over a wrong letter
        ("", ("", "")), ("ZZ", ("", "")), ("00", ("", "")), ("04", ("", "")), ("F04", ("F", "")),
    ],
)  # fmt: skip
def test_a_nace_code_written_any_common_way_gives_its_section_and_division(
    code: str, expected: tuple[str, str]
) -> None:
    assert sector_of_code(code) == expected


def test_a_company_counts_in_its_country_and_the_benelux_whole_per_section_and_division() -> None:
    assert groups_of("BE", "F", "41") == (
        GroupKey("BE", ""), GroupKey("BE", "F"), GroupKey("BE", "41"),
        GroupKey(BENELUX, ""), GroupKey(BENELUX, "F"), GroupKey(BENELUX, "41"),
    )  # fmt: skip
    assert groups_of("NL", "", "") == (GroupKey("NL", ""), GroupKey(BENELUX, ""))
    assert groups_of("DE", "C", "") == (GroupKey("DE", ""), GroupKey("DE", "C"))


def test_the_fallback_chain_widens_one_step_at_a_time() -> None:
    chain = [GroupKey("LU", "41")]
    while (wider := chain[-1].wider()) is not None:
        chain.append(wider)
    assert chain == [GroupKey("LU", "41"), GroupKey("LU", "F"), GroupKey("LU", ""),
                     GroupKey(BENELUX, "")]  # fmt: skip
    assert GroupKey("DE", "").wider() is None
    assert GroupKey("BE", "F").name() == "construction (F) in Belgium"
    assert GroupKey(BENELUX, "").name() == "all sectors in the Benelux"


@pytest.mark.parametrize(
    ("country", "sector"), [("B", ""), ("BEL", "F"), ("XX", ""), ("BE", "Z"), ("BE", "4")]
)
def test_a_group_that_does_not_exist_is_a_readable_error(country: str, sector: str) -> None:
    with pytest.raises(ValueError, match="must be"):
        GroupKey.parse(country, sector)


@pytest.mark.parametrize(
    ("measure", "value", "bucket"),
    [
        (Measure.SCORE, 0, 0), (Measure.SCORE, 100, 100),
        (Measure.DAYS_TO_PAY, 4, 0), (Measure.DAYS_TO_PAY, 5, 1),  # 0.4 and 0.5 days
        (Measure.DAYS_TO_PAY, -30, 0), (Measure.DAYS_TO_PAY, 99_999, 240),
        (Measure.DAYS_BEYOND_TERMS, 1249, 12), (Measure.DAYS_BEYOND_TERMS, 1250, 13),
        (Measure.LATE_SHARE, 4949, 49), (Measure.LATE_SHARE, 10_000, 100),
    ],
)  # fmt: skip
def test_values_round_half_up_into_whole_buckets_clamped_at_the_ends(
    measure: Measure, value: int, bucket: int
) -> None:
    assert LAYOUT[measure].bucket(value) == bucket


def _histogram(companies: list[Company]) -> Histogram:
    d = Deltas()
    for c in companies:
        d.move(None, c)
    hists: dict[GroupKey, Histogram] = {}
    d.apply(hists)
    return hists[GroupKey("BE", "")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 100), st.floats(0, 300), st.floats(0, 1)), min_size=1,
                max_size=60))  # fmt: skip
def test_quantiles_and_mean_off_the_counts_equal_the_sorted_values(
    rows: list[tuple[int, float, float]],
) -> None:
    companies = [
        company(f"BE{i:010d}", s, days_to_pay=round(d, 1), late=round(ls, 4))
        for i, (s, d, ls) in enumerate(rows)
    ]
    h = _histogram(companies)
    for m in (Measure.SCORE, Measure.DAYS_TO_PAY, Measure.LATE_SHARE):
        values = reference(companies, GroupKey("BE", ""), m)
        stats = h.distribution(m)
        assert stats.count == len(values)
        assert stats.quantiles == pytest.approx([nearest_rank(values, q) for q in QUANTILES])
    exact = []
    for c in companies:
        assert c.figures.days_to_pay is not None
        exact.append(c.figures.days_to_pay / 10)
    assert h.distribution(Measure.DAYS_TO_PAY).mean == pytest.approx(
        sum(exact) / len(exact), abs=0.051
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 100), min_size=2, max_size=40), st.integers(0, 100))
def test_better_and_worse_than_count_the_other_companies(scores: list[int], mine: int) -> None:
    companies = [company(f"BE{i:010d}", s) for i, s in enumerate([*scores, mine])]
    better, worse = _histogram(companies).standing(Measure.SCORE, mine)
    assert better == round(100 * sum(s > mine for s in scores) / len(scores), 1)
    assert worse == round(100 * sum(s < mine for s in scores) / len(scores), 1)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 100), st.sampled_from(["F41", "F", "", "C10"]),
                  st.sampled_from(["BE", "NL", "DE"]), st.one_of(st.none(), st.floats(0, 200))),
        min_size=1, max_size=50,
    )
)  # fmt: skip
def test_incremental_moves_equal_counting_from_scratch(
    updates: list[tuple[int, int, str, str, float | None]],
) -> None:
    """Updates that change a company's score, sector and country, applied as -1/+1
    moves, leave the same counts as counting the final companies once."""
    live: dict[int, Company] = {}
    hists: dict[GroupKey, Histogram] = {}
    for who, score, sector, country, dtp in updates:
        new = company(f"X{who}", score, country=country, sector=sector, days_to_pay=dtp)
        d = Deltas()
        d.move(live.get(who), new)
        d.apply(hists)
        live[who] = new
    final = list(live.values())
    fine: dict[tuple[str, str, str], dict[int, int]] = {}
    for c in final:
        cell = fine.setdefault((c.country, c.section, c.division), {})
        for slot in c.figures.slots():
            cell[slot] = cell.get(slot, 0) + 1
    sums = [(c.country, c.section, c.division, [v or 0 for v in c.figures.values()]) for c in final]
    scratch = rollup(((*k, list(v), list(v.values())) for k, v in fine.items()), sums)
    for key in set(hists) | set(scratch):
        a = hists.get(key, Histogram())
        b = scratch.get(key, Histogram())
        assert list(a.counts) == list(b.counts), key
        assert list(a.sums) == list(b.sums), key


def _world(
    n_division: int, n_section_rest: int, n_country_rest: int
) -> tuple[list[Company], dict[GroupKey, Histogram]]:
    companies = [company(f"BE{i:010d}", 10 + i, sector="F41") for i in range(n_division)]
    companies += [company(f"BE1{i:09d}", 40 + i, sector="F43") for i in range(n_section_rest)]
    companies += [company(f"BE2{i:09d}", 70 + i, sector="C10") for i in range(n_country_rest)]
    d = Deltas()
    for c in companies:
        d.move(None, c)
    hists: dict[GroupKey, Histogram] = {}
    d.apply(hists)
    return companies, hists


def test_a_group_under_the_floor_is_withheld_and_the_next_wider_group_answers() -> None:
    _, hists = _world(3, 3, 4)  # BE/41: 3, BE/F: 6, BE: 10
    view = shown(GroupKey("BE", "41"), Measure.SCORE, hists, floor=5)
    assert view.withheld and view.group == GroupKey("BE", "F")
    assert view.stats is not None and view.stats.count == 6

    view = shown(GroupKey("BE", "41"), Measure.SCORE, hists, floor=7)
    assert view.group == GroupKey("BE", "")
    view = shown(GroupKey("BE", "41"), Measure.SCORE, hists, floor=11)
    assert view.group is None and view.stats is None  # the Benelux holds the same 10
    view = shown(GroupKey("BE", "41"), Measure.SCORE, hists, floor=10)
    assert (
        view.group == GroupKey("BE", "")
        and not shown(GroupKey("BE", ""), Measure.SCORE, hists, floor=10).withheld
    )


def test_a_measure_few_companies_have_falls_back_on_its_own() -> None:
    companies = [company(f"BE{i:010d}", 20, days_to_pay=None) for i in range(6)]
    companies += [company(f"BE1{i:09d}", 30, sector="C10") for i in range(5)]
    d = Deltas()
    for c in companies:
        d.move(None, c)
    hists: dict[GroupKey, Histogram] = {}
    d.apply(hists)
    assert not shown(GroupKey("BE", "F"), Measure.SCORE, hists, 5).withheld
    paid = shown(GroupKey("BE", "F"), Measure.DAYS_TO_PAY, hists, 5)
    assert paid.withheld and paid.group == GroupKey("BE", "")


def test_a_sector_view_of_a_small_group_says_so_and_shows_the_wider_one() -> None:
    _, hists = _world(2, 4, 10)
    view = sector_view(GroupKey("BE", "41"), Peers(hists, 5), {}, date(2026, 9, 1))
    assert view.withheld and view.group == GroupKey("BE", "F")
    assert sum(view.levels) == 6
    assert all(s.group == GroupKey("BE", "F") for s in view.measures)
    nothing = sector_view(GroupKey("DE", ""), Peers(hists, 5), {}, date(2026, 9, 1))
    assert nothing.group is None and all(s.stats is None for s in nothing.measures)


def test_a_position_places_the_company_in_division_section_and_country_in_words() -> None:
    companies, hists = _world(6, 6, 8)  # scores: 41: 10-15, 43: 40-45, C10: 70-77
    me = companies[2]  # score 12 in 41
    pos = position(me, Peers(hists, 5))
    assert [p.scope for p in pos.placements] == ["division", "section", "country"]
    division, section, country = pos.placements
    score = {s.measure: s for s in division.standings}[Measure.SCORE]
    assert (score.better_than, score.worse_than) == (60.0, 40.0)  # 3 of 5 others score higher
    assert (
        score.sentence
        == "is a lower risk than 60% of companies in construction of buildings (41) in Belgium"
    )
    in_country = {s.measure: s for s in country.standings}[Measure.SCORE]
    assert in_country.better_than == round(100 * 17 / 19, 1)
    paid = {s.measure: s for s in section.standings}[Measure.DAYS_TO_PAY]
    assert (
        paid.known
        and paid.sentence == "is level with the other companies in construction (F) in Belgium"
    )


def test_a_company_without_a_paid_invoice_has_a_score_position_only() -> None:
    _, hists = _world(6, 0, 0)
    me = company("BE9999999999", 50, days_to_pay=None, beyond=None, late=None)
    d = Deltas()
    d.move(None, me)
    d.apply(hists)
    standings = {s.measure: s for s in position(me, Peers(hists, 5)).placements[0].standings}
    assert standings[Measure.SCORE].known and standings[Measure.SCORE].better_than == 0.0
    assert (
        not standings[Measure.DAYS_TO_PAY].known and standings[Measure.DAYS_TO_PAY].sentence == ""
    )


@pytest.mark.parametrize(
    ("measure", "better", "worse", "text"),
    [
        (Measure.DAYS_TO_PAY, 72.0, 20.0, "pays faster than 72%"),
        (Measure.DAYS_TO_PAY, 10.0, 85.5, "pays slower than 85.5%"),
        (Measure.LATE_SHARE, 50.0, 30.0, "pays late less often than 50%"),
    ],
)  # fmt: skip
def test_the_standing_reads_as_a_sentence(
    measure: Measure, better: float, worse: float, text: str
) -> None:
    where = " of companies in construction (F) in Belgium"
    assert sentence(measure, better, worse, GroupKey("BE", "F")) == text + where


def test_the_trend_carries_a_quiet_month_and_withholds_a_thin_one() -> None:
    _, hists = _world(0, 0, 6)
    live = hists[GroupKey("BE", "")]
    key = (GroupKey("BE", ""), Measure.SCORE)
    closed = {date(2026, 5, 1): (6, 70.0), date(2026, 7, 1): (3, 71.0), date(2025, 1, 1): (9, 5.0)}
    points = trend(GroupKey("BE", ""), Measure.SCORE, live, {key: closed}, date(2026, 9, 1), 5)
    months = {p.month: p for p in points}
    assert min(months) == date(2025, 10, 1)  # twelve months, the oldest carried in
    assert months[date(2025, 10, 1)] == MonthPoint(date(2025, 10, 1), 9, 5.0)
    assert months[date(2026, 6, 1)] == MonthPoint(date(2026, 6, 1), 6, 70.0)  # carried
    assert months[date(2026, 7, 1)].median is None  # 3 < 5
    assert months[date(2026, 9, 1)].median == live.distribution(Measure.SCORE).median
    assert len(points) == 12


def test_month_medians_cover_every_group_and_measure_with_values() -> None:
    _, hists = _world(6, 0, 0)
    rows = {(m.group, m.measure): m for m in month_medians(hists)}
    assert len(rows) == 6 * len(MEASURES)  # BE, BE/F, BE/41 and the Benelux three
    assert rows[(GroupKey("BE", "41"), Measure.SCORE)].median == 12


def test_score_updated_decodes_into_exact_integers_and_its_sector() -> None:
    msg = events_pb2.ScoreUpdated(
        company=types_pb2.CompanyRef(country="BE", vat="BE0123456749"),
        sector="F41", score=63, level=scoring_pb2.RISK_LEVEL_HIGH, paid_count=3,
        avg_days_to_pay=52.3, days_beyond_terms=12.25, late_share=0.4567,
        as_of=types_pb2.Date(year=2026, month=9, day=15),
    )  # fmt: skip
    msg.updated_at.FromDatetime(datetime(2026, 9, 15, 12, tzinfo=UTC))
    out = outgoing(msg)
    c = decode("e-1", out.event_type, out.payload).company
    assert (c.section, c.division, c.as_of) == ("F", "41", date(2026, 9, 15))
    assert (c.figures.score, c.figures.level) == (63, 2)
    assert (c.figures.days_to_pay, c.figures.days_beyond_terms, c.figures.late_share) == (
        523, 1225, 4567,
    )  # fmt: skip

    msg.paid_count = 0
    msg.ClearField("as_of")
    c = decode("e-2", outgoing(msg).event_type, outgoing(msg).payload).company
    assert c.figures.days_to_pay is None and c.figures.late_share is None
    assert c.as_of == date(2026, 9, 15)  # from updated_at


@pytest.mark.parametrize(
    ("vat", "country"),
    [("", "BE"), ("be0123456749", "BE"), ("BE 0123 456 749", "BE"), ("X" * 21, "BE"),
     ("BE0123456749", "B1"), ("BE0123456749\x00", "BE")],
)  # fmt: skip
def test_an_event_no_redelivery_can_fix_is_terminated_not_stored(vat: str, country: str) -> None:
    msg = events_pb2.ScoreUpdated(company=types_pb2.CompanyRef(country=country, vat=vat), score=50)
    out = outgoing(msg)
    with pytest.raises(PermanentFailure):
        decode("e-1", out.event_type, out.payload)


def test_an_event_without_a_country_takes_it_from_the_vat_number_and_clamps_the_score() -> None:
    msg = events_pb2.ScoreUpdated(company=types_pb2.CompanyRef(vat="NL123456789B01"), score=140)
    out = outgoing(msg)
    c = decode("e-1", out.event_type, out.payload).company
    assert (c.country, c.figures.score, c.figures.level) == ("NL", 100, 3)
