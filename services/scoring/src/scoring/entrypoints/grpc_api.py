"""``kmo.scoring.v1.ScoringService``."""

from __future__ import annotations

from typing import Any

import grpc
import grpc.aio

from chassis.grpc_server import abort, require
from kmo.scoring.v1 import scoring_pb2, scoring_pb2_grpc
from kmo.types.v1 import types_pb2
from scoring.adapters.event_codec import PB_LEVEL
from scoring.domain.model import RiskProfile
from scoring.views import ProfileReader

Context = grpc.aio.ServicerContext[Any, Any]
MAX_BATCH = 500


def profile_pb(ref: types_pb2.CompanyRef, p: RiskProfile | None) -> scoring_pb2.RiskProfile:
    if p is None:
        return scoring_pb2.RiskProfile(company=ref, found=False)
    msg = scoring_pb2.RiskProfile(
        company=types_pb2.CompanyRef(country=p.country, vat=p.vat),
        found=True,
        score=p.score,
        level=PB_LEVEL[p.level],
        invoice_count=p.invoice_count,
        paid_count=p.paid_count,
        supplier_count=p.supplier_count,
        avg_days_to_pay=p.avg_days_to_pay,
        avg_days_late=p.avg_days_late,
        open_amount=types_pb2.Money(amount=str(p.open_amount), currency="EUR"),
        overdue_amount=types_pb2.Money(amount=str(p.overdue_amount), currency="EUR"),
        sector=p.sector,
    )
    msg.updated_at.FromDatetime(p.updated_at)
    return msg


class ScoringApi(scoring_pb2_grpc.ScoringServiceServicer):
    def __init__(self, reader: ProfileReader) -> None:
        self._reader = reader

    async def GetRiskProfile(
        self, request: scoring_pb2.GetRiskProfileRequest, context: Context
    ) -> scoring_pb2.RiskProfile:
        await require(context, "risk:read", tenant=False)
        found = await self._reader.many([request.company.vat])
        profile = found.get(request.company.vat)
        if profile is None:
            await abort(
                context, grpc.StatusCode.NOT_FOUND, "no_profile", "no payment experiences yet"
            )
        return profile_pb(request.company, profile)

    async def BatchGetRiskProfiles(
        self, request: scoring_pb2.BatchGetRiskProfilesRequest, context: Context
    ) -> scoring_pb2.BatchGetRiskProfilesResponse:
        await require(context, "risk:read", tenant=False)
        if len(request.companies) > MAX_BATCH:
            await abort(
                context,
                grpc.StatusCode.INVALID_ARGUMENT,
                "batch_too_large",
                f"at most {MAX_BATCH} companies per call",
            )
        found = await self._reader.many([c.vat for c in request.companies])
        return scoring_pb2.BatchGetRiskProfilesResponse(
            profiles=[profile_pb(c, found.get(c.vat)) for c in request.companies]
        )
