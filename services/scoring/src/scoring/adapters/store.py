"""Experiences and profiles in PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from scoring.adapters.tables import experiences, outbox, profiles, score_history
from scoring.domain.commands import RecordExperience
from scoring.domain.model import Experience, RiskLevel, RiskProfile


def profile_from_row(row: sa.Row[tuple[object, ...]]) -> RiskProfile:
    m = row._mapping
    return RiskProfile(
        vat=m["vat"],
        country=m["country"],
        sector=m["sector"],
        score=m["score"],
        level=RiskLevel(m["level"]),
        invoice_count=m["invoice_count"],
        paid_count=m["paid_count"],
        supplier_count=m["supplier_count"],
        avg_days_to_pay=m["avg_days_to_pay"],
        avg_days_late=m["avg_days_late"],
        open_amount=m["open_amount"],
        overdue_amount=m["overdue_amount"],
        updated_at=m["updated_at"],
    )


class SqlScoringStore:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim(self, consumer: str, event_id: str) -> bool:
        return await outbox.claim(self.session, consumer, event_id)

    async def upsert_experience(self, cmd: RecordExperience) -> None:
        stmt = postgresql.insert(experiences).values(
            invoice_id=cmd.invoice_id,
            supplier=cmd.supplier,
            vat=cmd.vat,
            issue_date=cmd.issue_date,
            due_date=cmd.due_date,
            amount=cmd.amount,
            paid_date=cmd.paid_date,
        )
        # Events may arrive in either order after a redelivery: a settlement
        # is never undone by a late "recorded".
        stmt = stmt.on_conflict_do_update(
            index_elements=["invoice_id"],
            set_={"paid_date": sa.func.coalesce(stmt.excluded.paid_date, experiences.c.paid_date)},
        )
        await self.session.execute(stmt)

    async def experiences(self, vat: str) -> list[Experience]:
        rows = await self.session.execute(
            sa.select(experiences)
            .where(experiences.c.vat == vat)
            .order_by(experiences.c.issue_date)
        )
        return [
            Experience(
                invoice_id=str(r.invoice_id),
                supplier=r.supplier,
                issue_date=r.issue_date,
                due_date=r.due_date,
                amount=r.amount,
                paid_date=r.paid_date,
            )
            for r in rows
        ]

    async def profile(self, vat: str) -> RiskProfile | None:
        # Serialise recomputations of one debtor across replicas, even before
        # its first profile row exists to lock.
        await self.session.execute(sa.select(sa.func.pg_advisory_xact_lock(sa.func.hashtext(vat))))
        row = (
            await self.session.execute(
                sa.select(profiles).where(profiles.c.vat == vat).with_for_update()
            )
        ).first()
        return profile_from_row(row) if row else None

    async def save_profile(self, profile: RiskProfile) -> None:
        values = {
            "vat": profile.vat,
            "country": profile.country,
            "sector": profile.sector,
            "score": profile.score,
            "level": profile.level.value,
            "invoice_count": profile.invoice_count,
            "paid_count": profile.paid_count,
            "supplier_count": profile.supplier_count,
            "avg_days_to_pay": profile.avg_days_to_pay,
            "avg_days_late": profile.avg_days_late,
            "open_amount": profile.open_amount,
            "overdue_amount": profile.overdue_amount,
            "updated_at": profile.updated_at,
        }
        stmt = postgresql.insert(profiles).values(**values)
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["vat"], set_={k: v for k, v in values.items() if k != "vat"}
            )
        )
        await self.session.execute(
            sa.insert(score_history).values(
                vat=profile.vat,
                score=profile.score,
                level=profile.level.value,
                at=profile.updated_at,
            )
        )
