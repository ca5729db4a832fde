"""``kmo.benchmark.v1.BenchmarkService``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import grpc
import grpc.aio

from benchmark.domain.measures import LEVELS, MEASURES, Measure, Shown
from benchmark.domain.reading import Peers, Position, SectorView
from benchmark.domain.sectors import GroupKey
from benchmark.views import BenchmarkReader
from callers import require
from chassis.grpc_server import abort
from chassis.limits import rpc_limit
from kmo.benchmark.v1 import benchmark_pb2, benchmark_pb2_grpc
from kmo.types.v1 import types_pb2

Context = grpc.aio.ServicerContext[Any, Any]

MAX_POSITIONS = rpc_limit(
    benchmark_pb2, "BenchmarkService.BatchGetCompanyPositions", types_pb2.max_items
)

PB_MEASURE = {
    Measure.SCORE: benchmark_pb2.MEASURE_SCORE,
    Measure.DAYS_TO_PAY: benchmark_pb2.MEASURE_DAYS_TO_PAY,
    Measure.DAYS_BEYOND_TERMS: benchmark_pb2.MEASURE_DAYS_BEYOND_TERMS,
    Measure.LATE_SHARE: benchmark_pb2.MEASURE_LATE_SHARE,
}
_PB_MEASURES = tuple(PB_MEASURE[m] for m in MEASURES)  # standings come in MEASURES order
PB_SCOPE = {
    "division": benchmark_pb2.SCOPE_DIVISION,
    "section": benchmark_pb2.SCOPE_SECTION,
    "country": benchmark_pb2.SCOPE_COUNTRY,
    "benelux": benchmark_pb2.SCOPE_BENELUX,
}


def _pb_date(d: date) -> types_pb2.Date:
    return types_pb2.Date(year=d.year, month=d.month, day=d.day)


class Groups:
    """Group messages for one response: a withheld group's size is not shown."""

    def __init__(self, peers: Peers) -> None:
        self._floor = peers.floor
        self._sizes = peers.sizes
        self._made: dict[GroupKey, benchmark_pb2.Group] = {}

    def pb(self, key: GroupKey | None) -> benchmark_pb2.Group:
        """The group's message (built once per response; protobuf copies it on assignment)."""
        if key is None:
            return benchmark_pb2.Group()
        msg = self._made.get(key)
        if msg is None:
            n = self._sizes.get(key, 0)
            msg = self._made[key] = benchmark_pb2.Group(
                country=key.country,
                sector=key.sector,
                name=key.name(),
                company_count=n if n >= self._floor else 0,
            )
        return msg

    def distribution(self, measure: Measure, s: Shown) -> benchmark_pb2.Distribution:
        msg = benchmark_pb2.Distribution(
            measure=PB_MEASURE[measure],
            group=self.pb(s.group),
            withheld=s.withheld,
        )
        if s.stats is not None:
            p10, p25, median, p75, p90 = s.stats.quantiles
            msg.count, msg.mean = s.stats.count, s.stats.mean
            msg.p10, msg.p25, msg.median, msg.p75, msg.p90 = p10, p25, median, p75, p90
        return msg


def sector_pb(
    view: SectorView, groups: Groups, floor: int, at: datetime | None
) -> benchmark_pb2.SectorBenchmark:
    msg = benchmark_pb2.SectorBenchmark(
        asked=groups.pb(view.asked),
        withheld=view.withheld,
        group=groups.pb(view.group),
        min_group_size=floor,
    )
    for measure, s in zip(PB_MEASURE, view.measures, strict=True):
        msg.measures.append(groups.distribution(measure, s))
    msg.levels.CopyFrom(benchmark_pb2.Levels(**dict(zip(LEVELS, view.levels, strict=True))))
    for measure, points in view.trends.items():
        msg.trends.append(
            benchmark_pb2.MonthlyTrend(
                measure=PB_MEASURE[measure],
                months=[
                    benchmark_pb2.MonthPoint(
                        month=_pb_date(p.month),
                        count=p.count,
                        median=p.median or 0.0,
                        withheld=p.median is None,
                    )
                    for p in points
                ],
            )
        )
    if at is not None:
        msg.updated_at.FromDatetime(at)
    return msg


class _Distributions:
    """Each group's figures once per response; positions refer to them by index."""

    def __init__(self, groups: Groups, out: benchmark_pb2.BatchGetCompanyPositionsResponse) -> None:
        self._groups = groups
        self._out = out
        self._by_view: dict[int, int] = {}  # id(Shown): its views live as long as the request
        self._by_key: dict[tuple[GroupKey | None, Measure, bool], int] = {}

    def index(self, measure: Measure, view: Shown) -> int:
        i = self._by_view.get(id(view))
        if i is None:
            key = (view.group, measure, view.withheld)
            i = self._by_key.get(key)
            if i is None:
                self._out.distributions.append(self._groups.distribution(measure, view))
                i = self._by_key[key] = len(self._out.distributions) - 1
            self._by_view[id(view)] = i
        return i


def _position_pb(
    msg: benchmark_pb2.CompanyPosition,
    ref: types_pb2.CompanyRef,
    pos: Position | None,
    groups: Groups,
    index: _Distributions | None,
) -> None:
    """``index`` None: the placements without their measures."""
    if pos is None:
        msg.company.CopyFrom(ref)
        return
    c = pos.company
    msg.company.country, msg.company.vat = c.country, c.vat
    msg.found, msg.section, msg.division = True, c.section, c.division
    stamp = c.updated_at.timestamp()  # FromDatetime costs more than the rest of a company
    msg.updated_at.seconds = int(stamp // 1)
    msg.updated_at.nanos = round((stamp % 1) * 1e9) // 1000 * 1000
    for p in pos.placements:
        placement = msg.placements.add(
            scope=PB_SCOPE[p.scope], asked=groups.pb(p.asked), withheld=p.withheld
        )
        if index is None:
            continue
        add = placement.measures.add
        for pb_measure, s in zip(_PB_MEASURES, p.standings, strict=True):
            add(
                measure=pb_measure,
                known=s.known,
                value=s.value,
                better_than=s.better_than,
                worse_than=s.worse_than,
                sentence=s.sentence,
                distribution=index.index(s.measure, s.shown),
            )


class BenchmarkApi(benchmark_pb2_grpc.BenchmarkServiceServicer):
    def __init__(self, reader: BenchmarkReader) -> None:
        self._reader = reader

    async def _groups(self) -> Groups:
        return Groups(await self._reader.peers())

    async def GetSectorBenchmark(
        self, request: benchmark_pb2.GetSectorBenchmarkRequest, context: Context
    ) -> benchmark_pb2.SectorBenchmark:
        await require(context, "risk:read", tenant=False)
        try:
            key = GroupKey.parse(request.country, request.sector)
        except ValueError as exc:
            await abort(context, grpc.StatusCode.INVALID_ARGUMENT, "invalid_group", str(exc))
        view = await self._reader.sector(key)
        snap = await self._reader.snapshot()
        return sector_pb(view, await self._groups(), self._reader.floor, snap.updated_at)

    async def BatchGetCompanyPositions(
        self, request: benchmark_pb2.BatchGetCompanyPositionsRequest, context: Context
    ) -> benchmark_pb2.BatchGetCompanyPositionsResponse:
        await require(context, "risk:read", tenant=False)
        if len(request.companies) > MAX_POSITIONS:
            await abort(
                context,
                grpc.StatusCode.INVALID_ARGUMENT,
                "batch_too_large",
                f"at most {MAX_POSITIONS} companies per call",
            )
        found = await self._reader.positions(
            list({c.vat for c in request.companies}), measures=not request.without_measures
        )
        groups = await self._groups()
        out = benchmark_pb2.BatchGetCompanyPositionsResponse(min_group_size=self._reader.floor)
        index = None if request.without_measures else _Distributions(groups, out)
        for ref in request.companies:
            # Filled in place: appending a built message to a repeated field copies it.
            _position_pb(out.positions.add(), ref, found.get(ref.vat), groups, index)
        return out

    async def ListSectors(
        self, request: benchmark_pb2.ListSectorsRequest, context: Context
    ) -> benchmark_pb2.ListSectorsResponse:
        await require(context, "risk:read", tenant=False)
        country = request.country.strip().upper()
        if country:
            try:
                GroupKey.parse(country, "")
            except ValueError as exc:
                await abort(context, grpc.StatusCode.INVALID_ARGUMENT, "invalid_group", str(exc))
        peers = await self._reader.peers()
        groups = Groups(peers)
        out = benchmark_pb2.ListSectorsResponse(min_group_size=self._reader.floor)
        for key, size in sorted(peers.sizes.items()):
            if (country and key.country != country) or size == 0:
                continue
            out.sectors.add(group=groups.pb(key), withheld=size < self._reader.floor)
        return out
