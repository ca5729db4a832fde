from __future__ import annotations

from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

import strawberry

from gateway.entrypoints.graphql.types.scalars import to_date
from kmo.benchmark.v1 import benchmark_pb2


@strawberry.enum(description="What a debtor is compared on. Lower is better for all four.")
class BenchmarkMeasure(Enum):
    SCORE = "score"
    DAYS_TO_PAY = "days_to_pay"
    DAYS_BEYOND_TERMS = "days_beyond_terms"
    LATE_SHARE = "late_share"


@strawberry.enum(description="Which of a company's peer groups a placement is about.")
class BenchmarkScope(Enum):
    DIVISION = "division"
    SECTION = "section"
    COUNTRY = "country"
    BENELUX = "benelux"


_MEASURES = {
    benchmark_pb2.MEASURE_SCORE: BenchmarkMeasure.SCORE,
    benchmark_pb2.MEASURE_DAYS_TO_PAY: BenchmarkMeasure.DAYS_TO_PAY,
    benchmark_pb2.MEASURE_DAYS_BEYOND_TERMS: BenchmarkMeasure.DAYS_BEYOND_TERMS,
    benchmark_pb2.MEASURE_LATE_SHARE: BenchmarkMeasure.LATE_SHARE,
}
_SCOPES = {
    benchmark_pb2.SCOPE_DIVISION: BenchmarkScope.DIVISION,
    benchmark_pb2.SCOPE_SECTION: BenchmarkScope.SECTION,
    benchmark_pb2.SCOPE_COUNTRY: BenchmarkScope.COUNTRY,
    benchmark_pb2.SCOPE_BENELUX: BenchmarkScope.BENELUX,
}


@strawberry.type(description="Companies compared together: a country or the Benelux, whole, "
                 "per NACE section or per division.")  # fmt: skip
class PeerGroup:
    country: str = strawberry.field(description='ISO country, or "BNL" for the whole Benelux')
    sector: str = strawberry.field(
        description='"" for all sectors, a NACE section letter ("F") or a division ("41")'
    )
    name: str = strawberry.field(description='"construction (F) in Belgium"')
    company_count: int | None = strawberry.field(
        description="null when the group is under the privacy floor"
    )

    @classmethod
    def from_proto(cls, msg: benchmark_pb2.Group) -> PeerGroup | None:
        if not msg.name:
            return None
        return cls(
            country=msg.country,
            sector=msg.sector,
            name=msg.name,
            company_count=msg.company_count or None,
        )


@strawberry.type(description="One measure in one peer group: percentiles and mean.")
class MeasureDistribution:
    measure: BenchmarkMeasure
    group: PeerGroup | None = strawberry.field(
        description="the group these figures describe (wider than asked when withheld); "
        "null when even the widest group is too small"
    )
    withheld: bool = strawberry.field(description="the group asked for had too few companies")
    count: int
    p10: float | None
    p25: float | None
    median: float | None
    p75: float | None
    p90: float | None
    mean: float | None

    @classmethod
    def from_proto(cls, msg: benchmark_pb2.Distribution) -> MeasureDistribution:
        some = msg.count > 0
        return cls(
            measure=_MEASURES[msg.measure],
            group=PeerGroup.from_proto(msg.group),
            withheld=msg.withheld,
            count=msg.count,
            p10=msg.p10 if some else None,
            p25=msg.p25 if some else None,
            median=msg.median if some else None,
            p75=msg.p75 if some else None,
            p90=msg.p90 if some else None,
            mean=msg.mean if some else None,
        )


@strawberry.type(description="Companies per risk level.")
class LevelCounts:
    low: int
    medium: int
    high: int
    critical: int


@strawberry.type(description="A month's median (null when too few companies that month).")
class TrendPoint:
    month: date
    count: int
    median: float | None


@strawberry.type(description="A measure's median per month, oldest first, the current month last.")
class MeasureTrend:
    measure: BenchmarkMeasure
    points: list[TrendPoint]


@strawberry.type(description="A peer group's figures: every measure, the levels, the trend.")
class SectorBenchmark:
    asked: PeerGroup
    withheld: bool = strawberry.field(
        description="the group asked for is under the privacy floor: `group` answers instead"
    )
    group: PeerGroup | None
    measures: list[MeasureDistribution]
    levels: LevelCounts
    trends: list[MeasureTrend]
    min_group_size: int = strawberry.field(description="the privacy floor")
    updated_at: datetime | None

    @classmethod
    def from_proto(cls, msg: benchmark_pb2.SectorBenchmark) -> SectorBenchmark:
        asked = PeerGroup.from_proto(msg.asked)
        assert asked is not None
        return cls(
            asked=asked,
            withheld=msg.withheld,
            group=PeerGroup.from_proto(msg.group),
            measures=[MeasureDistribution.from_proto(d) for d in msg.measures],
            levels=LevelCounts(
                low=msg.levels.low,
                medium=msg.levels.medium,
                high=msg.levels.high,
                critical=msg.levels.critical,
            ),
            trends=[
                MeasureTrend(
                    measure=_MEASURES[t.measure],
                    points=[
                        TrendPoint(
                            month=to_date(p.month),
                            count=p.count,
                            median=None if p.withheld else p.median,
                        )
                        for p in t.months
                    ],
                )
                for t in msg.trends
            ],
            min_group_size=msg.min_group_size,
            updated_at=msg.updated_at.ToDatetime(tzinfo=UTC)
            if msg.HasField("updated_at")
            else None,
        )


@strawberry.type(description="A peer group and whether it was shown on its own.")
class SectorSize:
    group: PeerGroup
    withheld: bool


@strawberry.type(description="Where a debtor stands on one measure in one peer group.")
class MeasurePosition:
    measure: BenchmarkMeasure
    known: bool = strawberry.field(description="false until the company has a paid invoice")
    value: float | None
    better_than: float | None = strawberry.field(
        description="share (0-100) of the group's other companies with a worse value"
    )
    worse_than: float | None = strawberry.field(
        description="share (0-100) of the group's other companies with a better value"
    )
    sentence: str | None = strawberry.field(
        description='"pays faster than 72% of companies in construction (F) in Belgium"'
    )
    group: MeasureDistribution = strawberry.field(description="the figures compared with")


def _measures(
    msg: benchmark_pb2.Placement, distributions: list[MeasureDistribution]
) -> list[MeasurePosition]:
    return [
        MeasurePosition(
            measure=_MEASURES[m.measure],
            known=m.known,
            value=m.value if m.known else None,
            better_than=m.better_than if m.sentence else None,
            worse_than=m.worse_than if m.sentence else None,
            sentence=m.sentence or None,
            group=distributions[m.distribution],
        )
        for m in msg.measures
    ]


@strawberry.type(description="A debtor's standing in one of its peer groups.")
class BenchmarkPlacement:
    scope: BenchmarkScope
    withheld: bool = strawberry.field(
        description="that group is under the privacy floor: compared with a wider one"
    )
    _msg: strawberry.Private[benchmark_pb2.Placement]
    _owner: strawberry.Private[CompanyBenchmark]
    _index: strawberry.Private[int]

    @strawberry.field(description="its own division, section or country")
    def asked(self) -> PeerGroup:
        asked = PeerGroup.from_proto(self._msg.asked)
        assert asked is not None, "benchmark names every placement's group"
        return asked

    @strawberry.field(graphql_type=list[MeasurePosition])
    def measures(self, info: strawberry.Info) -> Any:
        """Built when asked for. Positions loaded without their measures (a list that asked
        for none at first) load them once for the whole request."""
        owner = self._owner
        if owner._complete:
            return _measures(self._msg, owner._distributions)
        full = info.context.position_loader.load(owner._msg.company.vat)

        async def later() -> list[MeasurePosition]:
            position = await full
            if position is None or self._index >= len(position._msg.placements):
                return []
            return _measures(position._msg.placements[self._index], position._distributions)

        return later()


@strawberry.type(description="Where a debtor stands in its division, section and country.")
class CompanyBenchmark:
    section: str | None
    division: str | None
    _msg: strawberry.Private[benchmark_pb2.CompanyPosition]
    _distributions: strawberry.Private[list[MeasureDistribution]]
    _complete: strawberry.Private[bool] = True  # loaded with the placements' measures

    @strawberry.field
    def updated_at(self) -> datetime:
        return self._msg.updated_at.ToDatetime(tzinfo=UTC)

    @strawberry.field
    def placements(self) -> list[BenchmarkPlacement]:
        """Built when asked for: a list of 1,000 companies often wants only the section."""
        out = []
        for i, p in enumerate(self._msg.placements):
            out.append(
                BenchmarkPlacement(
                    scope=_SCOPES[p.scope],
                    withheld=p.withheld,
                    _msg=p,
                    _owner=self,
                    _index=i,
                )
            )
        return out

    @classmethod
    def from_proto(
        cls,
        msg: benchmark_pb2.CompanyPosition,
        distributions: list[MeasureDistribution],
        complete: bool = True,
    ) -> CompanyBenchmark:
        return cls(
            section=msg.section or None,
            division=msg.division or None,
            _msg=msg,
            _distributions=distributions,
            _complete=complete,
        )
