"""Companies in bulk, by name, and by risk; and the calling member's dashboard."""

from __future__ import annotations

import strawberry

from benelux.text import shown
from chassis.limits import rpc_limit
from gateway.entrypoints.graphql.context import Context
from gateway.entrypoints.graphql.errors import PublicError, check_page
from gateway.entrypoints.graphql.loaders import MAX_BATCH
from gateway.entrypoints.graphql.types.company import Company, prefetch
from gateway.entrypoints.graphql.types.dashboard import Dashboard
from gateway.entrypoints.graphql.types.pagination import Connection
from gateway.entrypoints.graphql.types.risk import RiskLevel
from gateway.entrypoints.graphql.vat import vat_input
from kmo.ingest.v1 import ingest_pb2
from kmo.scoring.v1 import scoring_pb2
from kmo.types.v1 import types_pb2

Info = strawberry.Info[Context, None]
MAX_COMPANIES = MAX_BATCH  # what one batch call of each backend takes
MAX_SEARCH = rpc_limit(ingest_pb2, "IngestService.SearchCompanies", types_pb2.max_page_size)
MAX_HIGHEST = rpc_limit(scoring_pb2, "ScoringService.ListHighestRisk", types_pb2.max_page_size)
_PB_LEVELS = {
    RiskLevel.LOW: scoring_pb2.RISK_LEVEL_LOW,
    RiskLevel.MEDIUM: scoring_pb2.RISK_LEVEL_MEDIUM,
    RiskLevel.HIGH: scoring_pb2.RISK_LEVEL_HIGH,
    RiskLevel.CRITICAL: scoring_pb2.RISK_LEVEL_CRITICAL,
}


@strawberry.type
class CompanyQuery:
    @strawberry.field(
        description="Up to 1,000 companies by VAT number, in the order asked. Their fields are "
        "fetched with one backend call per field for all of them."
    )
    async def companies(self, info: Info, vats: list[str]) -> list[Company]:
        info.context.require("risk:read")
        if len(vats) > MAX_COMPANIES:
            raise PublicError(
                f"at most {MAX_COMPANIES} VAT numbers per request, got {len(vats)}",
                "BATCH_TOO_LARGE",
            )
        out = []
        for index, raw in enumerate(vats):
            try:
                parsed = vat_input(raw)
            except PublicError as exc:
                raise PublicError(f"vats[{index}]: {exc.message}", "INVALID_VAT") from exc
            out.append(Company(vat=parsed.number, country=parsed.country))
        return await prefetch(info, out)

    @strawberry.field(
        description="Companies by name, the company registry's names (every language) "
        "first: names starting with the query, then names whose words start with its words "
        "(accents, case and punctuation ignored, any order), then names like it; or by an "
        "enterprise or VAT number or its start. At most 20, best first."
    )
    async def search_companies(
        self, info: Info, query: str, country: str | None = None, first: int = 10
    ) -> list[Company]:
        ctx = info.context
        ctx.require("risk:read")
        check_page(first, MAX_SEARCH)
        if not 2 <= len(query.strip()) <= 100:
            raise PublicError(
                f"a search needs 2 to 100 characters, got {shown(query)}", "INVALID_ARGUMENT"
            )
        found = await ctx.call(
            ctx.backends.ingest.SearchCompanies,
            ingest_pb2.SearchCompaniesRequest(query=query, country=country or "", limit=first),
        )
        for record in found.companies:
            ctx.company_loader.prime(record.company.vat, record)
        return await prefetch(info, [Company.from_proto(r.company) for r in found.companies])

    @strawberry.field(
        description="The register's highest scores first, optionally in one country, NACE "
        'section or division ("F", "F41") and from a level up.'
    )
    async def highest_risk(
        self,
        info: Info,
        country: str | None = None,
        sector: str | None = None,
        min_level: RiskLevel | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> Connection[Company]:
        ctx = info.context
        ctx.require("risk:read")
        check_page(first, MAX_HIGHEST)
        found = await ctx.call(
            ctx.backends.scoring.ListHighestRisk,
            scoring_pb2.ListHighestRiskRequest(
                country=(country or "").upper(),
                sector=(sector or "").upper(),
                min_level=_PB_LEVELS[min_level]
                if min_level
                else scoring_pb2.RISK_LEVEL_UNSPECIFIED,
                page_size=first,
                page_token=after or "",
            ),
        )
        for profile in found.profiles:
            ctx.risk_loader.prime(profile.company.vat, profile)
        nodes = [Company.from_proto(p.company) for p in found.profiles]
        await prefetch(info, nodes, paths=(("nodes",), ("edges", "node")))
        return Connection.of(nodes, found.next_page_token)

    @strawberry.field(
        description="Your receivables today: outstanding and overdue, ageing, DSO, your "
        "largest and riskiest debtors, recent activity, how your customers pay, and where you "
        "stand. Members only."
    )
    async def dashboard(self, info: Info, debtors: int = 10, activity: int = 10) -> Dashboard:
        ctx = info.context
        principal = ctx.require("invoices:read", tenant=True)
        for name, value in (("debtors", debtors), ("activity", activity)):
            check_page(value, 100, name)
        summary = await ctx.call(
            ctx.backends.ingest.GetMemberSummary,
            ingest_pb2.GetMemberSummaryRequest(debtors=100, activity=activity),
        )
        return Dashboard.from_proto(summary, debtors, principal.member_vat)
