"""A company as Belgium's company registry (the KBO open data) describes it."""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry

from gateway.entrypoints.graphql.types.scalars import to_date
from kmo.ingest.v1 import ingest_pb2


@strawberry.enum(description="Whether the registry lists the company as active.")
class RegistryStatus(Enum):
    ACTIVE = "active"
    STOPPED = "stopped"


@strawberry.type(description="One of a company's names in the registry.")
class RegistryName:
    name: str
    language: str | None = strawberry.field(description='"NL", "FR", "DE", "EN"; null unknown')
    type: str = strawberry.field(description="name, abbreviation, commercial or branch")


@strawberry.type(
    description="What the company registry (Belgium's KBO / BCE open data) says of a company."
)
class CompanyRegistration:
    enterprise_number: str = strawberry.field(description="compact, 10 digits")
    status: RegistryStatus
    legal_form: str | None = strawberry.field(description="in Dutch, e.g. Besloten vennootschap")
    legal_form_code: str | None
    juridical_situation: str = strawberry.field(
        description='in Dutch, e.g. "Normale toestand", "Opening faillissement"'
    )
    juridical_situation_code: str
    juridical_situation_date: date = strawberry.field(
        description="the day the registry's open data first showed this situation (it gives "
        "no date of its own)"
    )
    in_distress: bool = strawberry.field(
        description="bankruptcy, judicial reorganisation or liquidation"
    )
    start_date: date | None
    nace_code: str | None = strawberry.field(description="main activity, NACE-BEL 2008")
    nace2025_code: str | None = strawberry.field(description="main activity, NACE-BEL 2025")
    nace_section: str | None
    names: list[RegistryName]

    @classmethod
    def from_proto(cls, r: ingest_pb2.RegistryEntry) -> CompanyRegistration:
        return cls(
            enterprise_number=r.enterprise_number,
            status=RegistryStatus.STOPPED if r.status == "ST" else RegistryStatus.ACTIVE,
            legal_form=r.legal_form or None,
            legal_form_code=r.legal_form_code or None,
            juridical_situation=r.juridical_situation or r.juridical_situation_code,
            juridical_situation_code=r.juridical_situation_code,
            juridical_situation_date=to_date(r.juridical_situation_date),
            in_distress=r.distress,
            start_date=to_date(r.start_date) if r.HasField("start_date") else None,
            nace_code=r.nace2008 or None,
            nace2025_code=r.nace2025 or None,
            nace_section=r.nace_section or None,
            names=[
                RegistryName(name=n.name, language=n.language or None, type=n.type) for n in r.names
            ],
        )
