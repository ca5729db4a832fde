"""Experiences, running sums, profiles and history in PostgreSQL."""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from scoring.adapters.tables import (
    experiences,
    member_sums,
    outbox,
    priors,
    profiles,
    score_history,
    sweeps,
)
from scoring.domain.evidence import WIDTH, Experience, Known, MemberEvidence, MemberSums, Sums
from scoring.domain.priors import CountryPrior
from scoring.domain.profile import CreditAdvice, RiskProfile
from scoring.domain.scorecard import Confidence, Factor, Prior, Reason, RiskLevel, Trend

OPEN = sa.and_(
    experiences.c.settled_date.is_(None),
    experiences.c.written_off_date.is_(None),
    sa.not_(experiences.c.deleted),
)


def experience_from_row(r: Any) -> Experience:
    return Experience(
        invoice_id=r.invoice_id,
        supplier=r.supplier,
        vat=r.vat,
        issue_date=r.issue_date,
        due_date=r.due_date,
        amount=r.amount,
        paid_amount=r.paid_amount,
        settled_date=r.settled_date,
        disputed=r.disputed,
        written_off_date=r.written_off_date,
        revision=r.revision,
    )


def profile_from_row(r: Any) -> RiskProfile:
    return RiskProfile(
        vat=r.vat,
        country=r.country,
        sector=r.sector,
        score=r.score,
        level=RiskLevel(r.level),
        factors=tuple(
            Factor(Reason(f["reason"]), f["points"], f["value"], f["sentence"]) for f in r.factors
        ),
        trend=Trend(r.trend),
        trend_slope=r.trend_slope,
        confidence=Confidence(r.confidence),
        model_version=r.model_version,
        invoice_count=r.invoice_count,
        paid_count=r.paid_count,
        open_count=r.open_count,
        supplier_count=r.supplier_count,
        contributors=frozenset(r.contributors),
        avg_days_to_pay=r.avg_days_to_pay,
        avg_days_late=r.avg_days_late,
        days_beyond_terms=r.days_beyond_terms,
        late_share=r.late_share,
        oldest_overdue_days=r.oldest_overdue_days,
        experiences=r.experiences,
        open_amount=r.open_amount,
        overdue_amount=r.overdue_amount,
        monthly_volume=r.monthly_volume,
        credit=CreditAdvice(r.credit_advised, r.credit_amount, r.credit_sentence),
        histogram=tuple(r.histogram),
        as_of=r.as_of,
        updated_at=r.updated_at,
        announced_score=r.announced_score,
        announced_level=RiskLevel(r.announced_level) if r.announced_level else None,
    )


def _profile_values(p: RiskProfile) -> dict[str, object]:
    return {
        "vat": p.vat,
        "country": p.country,
        "sector": p.sector,
        "score": p.score,
        "level": p.level.value,
        "trend": p.trend.value,
        "trend_slope": p.trend_slope,
        "confidence": p.confidence.value,
        "model_version": p.model_version,
        "invoice_count": p.invoice_count,
        "paid_count": p.paid_count,
        "open_count": p.open_count,
        "supplier_count": p.supplier_count,
        "contributors": sorted(p.contributors),
        "avg_days_to_pay": p.avg_days_to_pay,
        "avg_days_late": p.avg_days_late,
        "days_beyond_terms": p.days_beyond_terms,
        "late_share": p.late_share,
        "oldest_overdue_days": p.oldest_overdue_days,
        "experiences": p.experiences,
        "open_amount": p.open_amount,
        "overdue_amount": p.overdue_amount,
        "monthly_volume": p.monthly_volume,
        "credit_advised": p.credit.advised,
        "credit_amount": p.credit.amount,
        "credit_sentence": p.credit.sentence,
        "factors": [
            {"reason": f.reason.value, "points": f.points, "value": f.value, "sentence": f.sentence}
            for f in p.factors
        ],
        "histogram": list(p.histogram),
        "as_of": p.as_of,
        "updated_at": p.updated_at,
        "announced_score": p.announced_score,
        "announced_level": p.announced_level.value if p.announced_level else None,
    }


def _sums_from_row(r: Any) -> MemberSums:
    values = list(r.sums)
    if len(values) != WIDTH:  # a layout from another model version: rescore rebuilds it
        values = (values + [0.0] * WIDTH)[:WIDTH]
    return MemberSums(
        r.vat, r.supplier, Sums(values, r.closed_count, r.first_issue, r.last_due), r.invoice_count
    )


class SqlScoringRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim_new(self, consumer: str, event_ids: Sequence[str]) -> set[str]:
        return await outbox.claim_many(self.session, consumer, event_ids)

    async def lock(self, vats: Sequence[str]) -> None:
        # Advisory locks also cover debtors without a row yet; taken in sorted order
        # so two replicas never wait on each other in a cycle.
        if not vats:
            return
        await self.session.execute(
            sa.text(
                "SELECT pg_advisory_xact_lock(hashtext(v)) "
                "FROM unnest(CAST(:vats AS text[])) AS v ORDER BY v"
            ),
            {"vats": sorted(vats)},
        )

    async def known(self, invoice_ids: Sequence[str]) -> dict[str, Known]:
        if not invoice_ids:
            return {}
        rows = await self.session.execute(
            sa.select(experiences).where(experiences.c.invoice_id.in_(invoice_ids))
        )
        return {
            r.invoice_id: Known(r.revision, None if r.deleted else experience_from_row(r))
            for r in rows
        }

    async def save_experiences(
        self, upserts: Sequence[Experience], tombstones: Sequence[tuple[str, int]]
    ) -> None:
        rows: list[dict[str, object]] = [
            {
                "invoice_id": e.invoice_id,
                "supplier": e.supplier,
                "vat": e.vat,
                "issue_date": e.issue_date,
                "due_date": e.due_date,
                "amount": e.amount,
                "paid_amount": e.paid_amount,
                "settled_date": e.settled_date,
                "disputed": e.disputed,
                "written_off_date": e.written_off_date,
                "revision": e.revision,
                "deleted": False,
            }
            for e in upserts
        ]
        # A tombstone forgets the member and the amounts: only the revision stays.
        rows += [
            {
                "invoice_id": invoice_id,
                "supplier": "",
                "vat": "",
                "issue_date": date(2000, 1, 1),
                "due_date": date(2000, 1, 1),
                "amount": Decimal("0.00"),
                "paid_amount": Decimal("0.00"),
                "settled_date": None,
                "disputed": False,
                "written_off_date": None,
                "revision": revision,
                "deleted": True,
            }
            for invoice_id, revision in tombstones
        ]
        if not rows:
            return
        stmt = postgresql.insert(experiences).values(rows)
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["invoice_id"],
                set_={k: stmt.excluded[k] for k in rows[0] if k != "invoice_id"},
            )
        )

    async def member_sums(
        self, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], MemberSums]:
        if not keys:
            return {}
        t = member_sums
        rows = await self.session.execute(
            sa.select(t).where(sa.tuple_(t.c.vat, t.c.supplier).in_(list(keys)))
        )
        return {(r.vat, r.supplier): _sums_from_row(r) for r in rows}

    async def save_member_sums(self, sums: Sequence[MemberSums]) -> None:
        keep = [s for s in sums if not s.empty]
        drop = [(s.vat, s.supplier) for s in sums if s.empty]
        t = member_sums
        if drop:
            await self.session.execute(
                sa.delete(t).where(sa.tuple_(t.c.vat, t.c.supplier).in_(drop))
            )
        if keep:
            stmt = postgresql.insert(t).values(
                [
                    {
                        "vat": s.vat,
                        "supplier": s.supplier,
                        "sums": s.sums.values,
                        "closed_count": s.sums.count,
                        "invoice_count": s.invoice_count,
                        "first_issue": s.sums.first_issue,
                        "last_due": s.sums.last_due,
                    }
                    for s in keep
                ]
            )
            await self.session.execute(
                stmt.on_conflict_do_update(
                    index_elements=["vat", "supplier"],
                    set_={
                        "sums": stmt.excluded.sums,
                        "closed_count": stmt.excluded.closed_count,
                        "invoice_count": stmt.excluded.invoice_count,
                        "first_issue": stmt.excluded.first_issue,
                        "last_due": stmt.excluded.last_due,
                    },
                )
            )

    async def replace_member_sums(self, vats: Sequence[str], sums: Sequence[MemberSums]) -> None:
        await self.session.execute(sa.delete(member_sums).where(member_sums.c.vat.in_(vats)))
        await self.save_member_sums(sums)

    async def experiences_of(self, vats: Sequence[str]) -> dict[str, list[Experience]]:
        rows = await self.session.execute(
            sa.select(experiences).where(
                experiences.c.vat.in_(vats), sa.not_(experiences.c.deleted)
            )
        )
        found: dict[str, list[Experience]] = defaultdict(list)
        for r in rows:
            found[r.vat].append(experience_from_row(r))
        return found

    async def evidence(self, vats: Sequence[str]) -> dict[str, list[MemberEvidence]]:
        if not vats:
            return {}
        sums_rows = await self.session.execute(
            sa.select(member_sums).where(member_sums.c.vat.in_(vats))
        )
        by_member: dict[tuple[str, str], MemberSums] = {
            (r.vat, r.supplier): _sums_from_row(r) for r in sums_rows
        }
        open_rows = await self.session.execute(
            sa.select(experiences).where(experiences.c.vat.in_(vats), OPEN)
        )
        open_by: dict[tuple[str, str], list[Experience]] = defaultdict(list)
        for r in open_rows:
            open_by[(r.vat, r.supplier)].append(experience_from_row(r))
        found: dict[str, list[MemberEvidence]] = defaultdict(list)
        for key in sorted(set(by_member) | set(open_by)):
            ms = by_member.get(key) or MemberSums(key[0], key[1], Sums())
            found[key[0]].append(
                MemberEvidence(
                    supplier=key[1],
                    sums=ms.sums,
                    open=tuple(open_by.get(key, ())),
                    invoice_count=ms.invoice_count,
                )
            )
        return found

    async def profiles(self, vats: Sequence[str]) -> dict[str, RiskProfile]:
        if not vats:
            return {}
        rows = await self.session.execute(sa.select(profiles).where(profiles.c.vat.in_(vats)))
        return {r.vat: profile_from_row(r) for r in rows}

    async def save_profiles(self, found: Sequence[RiskProfile]) -> None:
        if not found:
            return
        values = [_profile_values(p) for p in found]
        stmt = postgresql.insert(profiles).values(values)
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["vat"],
                set_={k: stmt.excluded[k] for k in values[0] if k != "vat"},
            )
        )

    async def delete_profiles(self, vats: Sequence[str]) -> None:
        if vats:
            await self.session.execute(sa.delete(profiles).where(profiles.c.vat.in_(vats)))

    async def add_history(self, found: Sequence[RiskProfile]) -> None:
        if not found:
            return
        await self.session.execute(
            sa.insert(score_history),
            [
                {
                    "vat": p.vat,
                    "day": p.as_of,
                    "score": p.score,
                    "level": p.level.value,
                    "model_version": p.model_version,
                    "at": p.updated_at,
                }
                for p in found
            ],
        )

    async def priors(self) -> dict[str, CountryPrior]:
        rows = await self.session.execute(sa.select(priors))
        return {
            r.country: CountryPrior(
                Prior(r.dbt, r.late_share, r.share_30, r.share_60), tuple(r.histogram), r.debtors
            )
            for r in rows
        }

    async def save_priors(self, found: dict[str, CountryPrior], at: datetime) -> None:
        if not found:
            return
        stmt = postgresql.insert(priors).values(
            [
                {
                    "country": country,
                    "dbt": c.prior.dbt,
                    "late_share": c.prior.late_share,
                    "share_30": c.prior.share_30,
                    "share_60": c.prior.share_60,
                    "histogram": list(c.histogram),
                    "debtors": c.debtors,
                    "updated_at": at,
                }
                for country, c in found.items()
            ]
        )
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["country"],
                set_={
                    k: stmt.excluded[k]
                    for k in (
                        "dbt",
                        "late_share",
                        "share_30",
                        "share_60",
                        "histogram",
                        "debtors",
                        "updated_at",
                    )
                },
            )
        )

    async def debtors_after(self, after: str, limit: int) -> list[str]:
        # Debtors with sums or open invoices; member_sums has one row per pair.
        rows = await self.session.execute(
            sa.text(
                "SELECT vat FROM ("
                " SELECT vat FROM member_sums WHERE vat > :after"
                " UNION SELECT vat FROM experiences"
                "  WHERE vat > :after AND settled_date IS NULL AND written_off_date IS NULL"
                "  AND NOT deleted"
                ") AS v ORDER BY vat LIMIT :limit"
            ),
            {"after": after, "limit": limit},
        )
        return [r.vat for r in rows]

    async def debtor_count(self) -> int:
        row = await self.session.execute(
            sa.text(
                "SELECT count(*) FROM (SELECT vat FROM member_sums UNION SELECT vat FROM"
                " experiences WHERE settled_date IS NULL AND written_off_date IS NULL"
                " AND NOT deleted) AS v"
            )
        )
        return int(row.scalar() or 0)

    async def needs_rebuild(self) -> bool:
        """Experiences without running sums: a database migrated from before them."""
        row = (
            await self.session.execute(
                sa.text(
                    "SELECT EXISTS (SELECT 1 FROM experiences WHERE NOT deleted)"
                    " AND NOT EXISTS (SELECT 1 FROM member_sums)"
                )
            )
        ).scalar()
        return bool(row)

    async def swept(self, name: str) -> date | None:
        row = (
            await self.session.execute(sa.select(sweeps.c.day).where(sweeps.c.name == name))
        ).first()
        return row.day if row else None

    async def mark_swept(self, name: str, day: date, at: datetime) -> None:
        stmt = postgresql.insert(sweeps).values(name=name, day=day, finished_at=at)
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["name"], set_={"day": stmt.excluded.day, "finished_at": at}
            )
        )


class AdvisoryJobLock:
    """A session-level advisory lock on its own connection: held while a job runs, let go
    when the job ends or its process dies (the connection closes)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    @contextlib.asynccontextmanager
    async def __call__(self, name: str) -> AsyncIterator[bool]:
        async with self._engine.connect() as conn:
            key = sa.text("SELECT pg_try_advisory_lock(hashtext(:n))")
            got = bool((await conn.execute(key, {"n": f"scoring-job-{name}"})).scalar())
            await conn.commit()
            try:
                yield got
            finally:
                if got:
                    await conn.execute(
                        sa.text("SELECT pg_advisory_unlock(hashtext(:n))"),
                        {"n": f"scoring-job-{name}"},
                    )
                    await conn.commit()
