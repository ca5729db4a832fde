"""``kmo.benchmark.v1.BenchmarkService``."""

from __future__ import annotations

from typing import Any

import grpc
import grpc.aio

from benchmark.domain.model import SECTION_LETTERS, SectorStats
from benchmark.views import BenchmarkReader
from chassis.grpc_server import abort, require
from kmo.benchmark.v1 import benchmark_pb2, benchmark_pb2_grpc

Context = grpc.aio.ServicerContext[Any, Any]


def sector_pb(s: SectorStats) -> benchmark_pb2.SectorBenchmark:
    msg = benchmark_pb2.SectorBenchmark(
        country=s.country,
        sector=s.sector,
        company_count=s.company_count,
        mean_score=s.mean_score,
        median_score=s.median_score,
        p25_score=s.p25_score,
        p75_score=s.p75_score,
        mean_days_late=s.mean_days_late,
    )
    if s.updated_at is not None:
        msg.updated_at.FromDatetime(s.updated_at)
    return msg


class BenchmarkApi(benchmark_pb2_grpc.BenchmarkServiceServicer):
    def __init__(self, reader: BenchmarkReader) -> None:
        self._reader = reader

    async def GetSectorBenchmark(
        self, request: benchmark_pb2.GetSectorBenchmarkRequest, context: Context
    ) -> benchmark_pb2.SectorBenchmark:
        await require(context, "risk:read", tenant=False)
        country, sector = request.country.upper(), request.sector.upper()
        if country not in {"BE", "NL", "LU"}:
            await abort(
                context,
                grpc.StatusCode.INVALID_ARGUMENT,
                "invalid_country",
                "country must be BE, NL or LU",
            )
        if sector and sector not in SECTION_LETTERS:
            await abort(
                context,
                grpc.StatusCode.INVALID_ARGUMENT,
                "invalid_sector",
                "sector must be a NACE section letter A-U",
            )
        return sector_pb(await self._reader.sector(country, sector))

    async def GetCompanyPosition(
        self, request: benchmark_pb2.GetCompanyPositionRequest, context: Context
    ) -> benchmark_pb2.CompanyPosition:
        await require(context, "risk:read", tenant=False)
        found = await self._reader.position(request.company.vat)
        if found is None:
            await abort(
                context, grpc.StatusCode.NOT_FOUND, "no_profile", "no score for this company yet"
            )
        percentile, sector = found
        return benchmark_pb2.CompanyPosition(
            company=request.company, percentile=percentile, sector=sector_pb(sector)
        )
