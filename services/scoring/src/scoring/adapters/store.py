"""Experiences and profiles in PostgreSQL."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

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

    async def claim_new(self, consumer: str, event_ids: Sequence[str]) -> set[str]:
        return await outbox.claim_many(self.session, consumer, event_ids)

    async def lock(self, vats: Sequence[str]) -> None:
        # Advisory locks also cover debtors without a profile row yet; taken in
        # sorted order so two replicas never wait on each other in a cycle.
        await self.session.execute(
            sa.text(
                "SELECT pg_advisory_xact_lock(hashtext(v)) "
                "FROM unnest(CAST(:vats AS text[])) AS v ORDER BY v"
            ),
            {"vats": sorted(vats)},
        )

    async def upsert_experiences(self, cmds: Sequence[RecordExperience]) -> None:
        if not cmds:
            return
        stmt = postgresql.insert(experiences).values(
            [
                {
                    "invoice_id": c.invoice_id,
                    "supplier": c.supplier,
                    "vat": c.vat,
                    "issue_date": c.issue_date,
                    "due_date": c.due_date,
                    "amount": c.amount,
                    "paid_date": c.paid_date,
                }
                for c in cmds
            ]
        )
        # Events may arrive in either order after a redelivery: a settlement
        # is never undone by a late "recorded".
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["invoice_id"],
                set_={
                    "paid_date": sa.func.coalesce(stmt.excluded.paid_date, experiences.c.paid_date)
                },
            )
        )

    async def experiences(self, vats: Sequence[str]) -> dict[str, list[Experience]]:
        rows = await self.session.execute(
            sa.select(experiences)
            .where(experiences.c.vat.in_(vats))
            .order_by(experiences.c.vat, experiences.c.issue_date)
        )
        found: dict[str, list[Experience]] = defaultdict(list)
        for r in rows:
            found[r.vat].append(
                Experience(
                    invoice_id=str(r.invoice_id),
                    supplier=r.supplier,
                    issue_date=r.issue_date,
                    due_date=r.due_date,
                    amount=r.amount,
                    paid_date=r.paid_date,
                )
            )
        return found

    async def profiles(self, vats: Sequence[str]) -> dict[str, RiskProfile]:
        rows = await self.session.execute(sa.select(profiles).where(profiles.c.vat.in_(vats)))
        return {r.vat: profile_from_row(r) for r in rows}

    async def save_profiles(self, found: Sequence[RiskProfile]) -> None:
        if not found:
            return
        values = [
            {
                "vat": p.vat,
                "country": p.country,
                "sector": p.sector,
                "score": p.score,
                "level": p.level.value,
                "invoice_count": p.invoice_count,
                "paid_count": p.paid_count,
                "supplier_count": p.supplier_count,
                "avg_days_to_pay": p.avg_days_to_pay,
                "avg_days_late": p.avg_days_late,
                "open_amount": p.open_amount,
                "overdue_amount": p.overdue_amount,
                "updated_at": p.updated_at,
            }
            for p in found
        ]
        stmt = postgresql.insert(profiles).values(values)
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["vat"],
                set_={k: stmt.excluded[k] for k in values[0] if k != "vat"},
            )
        )
        await self.session.execute(
            sa.insert(score_history),
            [
                {"vat": p.vat, "score": p.score, "level": p.level.value, "at": p.updated_at}
                for p in found
            ],
        )
