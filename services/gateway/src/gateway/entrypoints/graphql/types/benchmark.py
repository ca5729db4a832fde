from __future__ import annotations

import strawberry

from kmo.benchmark.v1 import benchmark_pb2


@strawberry.type(description="Risk scores of the debtors in one sector and country.")
class SectorBenchmark:
    country: str
    sector: str = strawberry.field(description="NACE section letter; empty for all sectors")
    company_count: int
    mean_score: float
    median_score: float
    p25_score: float
    p75_score: float
    mean_days_late: float

    @classmethod
    def from_proto(cls, msg: benchmark_pb2.SectorBenchmark) -> SectorBenchmark:
        return cls(
            country=msg.country,
            sector=msg.sector,
            company_count=msg.company_count,
            mean_score=msg.mean_score,
            median_score=msg.median_score,
            p25_score=msg.p25_score,
            p75_score=msg.p75_score,
            mean_days_late=msg.mean_days_late,
        )


@strawberry.type(description="Where a debtor stands among its sector peers.")
class CompanyBenchmark:
    percentile: float = strawberry.field(
        description="share (0-100) of peers in the same sector and country with a better score"
    )
    sector: SectorBenchmark

    @classmethod
    def from_proto(cls, msg: benchmark_pb2.CompanyPosition) -> CompanyBenchmark:
        return cls(percentile=msg.percentile, sector=SectorBenchmark.from_proto(msg.sector))
