"""Experiences, running sums, profiles and history in PostgreSQL."""

from __future__ import annotations

import contextlib
import json
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
    legal_statuses,
    member_sums,
    outbox,
    priors,
    profiles,
    sweeps,
)
from scoring.domain.evidence import WIDTH, Experience, Known, MemberEvidence, MemberSums, Sums
from scoring.domain.legal import Distress, LegalStatus
from scoring.domain.priors import CountryPrior
from scoring.domain.profile import CreditAdvice, RiskProfile, Summary, sentence
from scoring.domain.scorecard import Confidence, Factor, Prior, Reason, RiskLevel, Trend

OPEN = sa.and_(
    experiences.c.settled_date.is_(None),
    experiences.c.written_off_date.is_(None),
    sa.not_(experiences.c.deleted),
)


def _upsert_sql(
    table: str, columns: Sequence[tuple[str, str]], key: Sequence[str], *, update: bool = True
) -> sa.TextClause:
    """One INSERT for a whole batch, its rows one JSON parameter (``jsonb_to_recordset``):
    the statement text never changes (a multi-row VALUES is compiled anew for every batch)
    and nothing is escaped value by value in Python."""
    names = [c for c, _ in columns]
    record = ", ".join(f"{c} {t}" for c, t in columns)
    sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in names if c not in key)
    conflict = f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET {sets}" if update else ""
    return sa.text(
        f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(names)} "
        f"FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x({record}){conflict}"
    )


def _json(value: object) -> object:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


def _rows(rows: Sequence[dict[str, object]]) -> dict[str, str]:
    return {"rows": json.dumps(rows, default=_json, separators=(",", ":"))}


_TEXTS: postgresql.ARRAY[str] = postgresql.ARRAY(sa.String)


def _vats_param() -> sa.BindParameter[Any]:
    return sa.bindparam("vats", type_=_TEXTS)


_EXPERIENCE_COLUMNS = (
    ("invoice_id", "varchar"),
    ("supplier", "varchar"),
    ("vat", "varchar"),
    ("issue_date", "date"),
    ("due_date", "date"),
    ("amount", "numeric"),
    ("paid_amount", "numeric"),
    ("settled_date", "date"),
    ("disputed", "boolean"),
    ("written_off_date", "date"),
    ("revision", "bigint"),
    ("deleted", "boolean"),
)
_UPSERT_EXPERIENCES = _upsert_sql("experiences", _EXPERIENCE_COLUMNS, ["invoice_id"])
_SUMS_COLUMNS = (
    ("vat", "varchar"),
    ("supplier", "varchar"),
    ("sums", "float8[]"),
    ("closed_count", "integer"),
    ("invoice_count", "integer"),
    ("first_issue", "date"),
    ("last_due", "date"),
)
_UPSERT_SUMS = _upsert_sql("member_sums", _SUMS_COLUMNS, ["vat", "supplier"])
_PROFILE_COLUMNS = (
    ("vat", "varchar"),
    ("country", "varchar"),
    ("sector", "varchar"),
    ("score", "smallint"),
    ("level", "varchar"),
    ("trend", "varchar"),
    ("trend_slope", "float8"),
    ("confidence", "varchar"),
    ("model_version", "varchar"),
    ("invoice_count", "integer"),
    ("paid_count", "integer"),
    ("open_count", "integer"),
    ("supplier_count", "integer"),
    ("contributors", "varchar[]"),
    ("avg_days_to_pay", "float8"),
    ("avg_days_late", "float8"),
    ("days_beyond_terms", "float8"),
    ("late_share", "float8"),
    ("oldest_overdue_days", "integer"),
    ("experiences", "float8"),
    ("open_amount", "numeric"),
    ("overdue_amount", "numeric"),
    ("monthly_volume", "numeric"),
    ("credit_advised", "boolean"),
    ("credit_amount", "numeric"),
    ("credit_sentence", "text"),
    ("factors", "jsonb"),
    ("histogram", "float8[]"),
    ("as_of", "date"),
    ("updated_at", "timestamptz"),
    ("announced_score", "smallint"),
    ("announced_level", "varchar"),
    ("published_digest", "varchar"),
    ("shown_digest", "varchar"),
)
_UPSERT_PROFILES = _upsert_sql("profiles", _PROFILE_COLUMNS, ["vat"])
_HISTORY_COLUMNS = (
    ("vat", "varchar"),
    ("day", "date"),
    ("score", "smallint"),
    ("level", "varchar"),
    ("model_version", "varchar"),
    ("at", "timestamptz"),
)
_INSERT_HISTORY = _upsert_sql("score_history", _HISTORY_COLUMNS, [], update=False)


# The columns of an experience in Experience's field order (rows built positionally).
_EXPERIENCE_FIELDS = (
    experiences.c.invoice_id,
    experiences.c.supplier,
    experiences.c.vat,
    experiences.c.issue_date,
    experiences.c.due_date,
    experiences.c.amount,
    experiences.c.paid_amount,
    experiences.c.settled_date,
    experiences.c.disputed,
    experiences.c.written_off_date,
    experiences.c.revision,
)


def experience_from_row(r: Any) -> Experience:
    """From a row of ``sa.select(*_EXPERIENCE_FIELDS, ...)`` (or a full row)."""
    return Experience(*tuple(r)[:11])


def profile_from_row(r: Any) -> RiskProfile:
    confidence = Confidence(r.confidence)
    return RiskProfile(
        vat=r.vat,
        country=r.country,
        sector=r.sector,
        score=r.score,
        level=RiskLevel(r.level),
        # Sentences are not stored: they follow from the factor, the country and the
        # confidence (and can change wording without a rescore).
        factors=tuple(
            Factor(
                Reason(reason),
                points,
                value,
                sentence(Factor(Reason(reason), points, value, ""), r.country, confidence),
            )
            for reason, points, value in r.factors
        ),
        trend=Trend(r.trend),
        trend_slope=r.trend_slope,
        confidence=confidence,
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
    summary = p.summary()
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
        "factors": [[f.reason.value, f.points, f.value] for f in p.factors],
        "histogram": list(p.histogram),
        "as_of": p.as_of,
        "updated_at": p.updated_at,
        "announced_score": p.announced_score,
        "announced_level": p.announced_level.value if p.announced_level else None,
        "published_digest": summary.published_digest,
        "shown_digest": summary.shown_digest,
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
            sa.select(experiences).where(
                experiences.c.invoice_id == sa.func.any(sa.bindparam("ids", type_=_TEXTS))
            ),
            {"ids": list(invoice_ids)},
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
        if rows:
            await self.session.execute(_UPSERT_EXPERIENCES, _rows(rows))

    async def member_sums(
        self, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], MemberSums]:
        if not keys:
            return {}
        rows = await self.session.execute(
            sa.text(
                "SELECT m.* FROM member_sums m JOIN unnest(CAST(:vats AS varchar[]), "
                "CAST(:suppliers AS varchar[])) AS k(vat, supplier) USING (vat, supplier)"
            ),
            {"vats": [k[0] for k in keys], "suppliers": [k[1] for k in keys]},
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
            rows: list[dict[str, object]] = [
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
            await self.session.execute(_UPSERT_SUMS, _rows(rows))

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
            sa.select(member_sums).where(member_sums.c.vat == sa.func.any(_vats_param())),
            {"vats": list(vats)},
        )
        by_member: dict[tuple[str, str], MemberSums] = {
            (r.vat, r.supplier): _sums_from_row(r) for r in sums_rows
        }
        open_rows = await self.session.execute(
            sa.select(*_EXPERIENCE_FIELDS).where(
                experiences.c.vat == sa.func.any(_vats_param()), OPEN
            ),
            {"vats": list(vats)},
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

    async def summaries(self, vats: Sequence[str]) -> dict[str, Summary]:
        if not vats:
            return {}
        t = profiles
        rows = await self.session.execute(
            sa.select(
                t.c.vat, t.c.country, t.c.sector, t.c.score, t.c.level, t.c.announced_score,
                t.c.announced_level, t.c.published_digest, t.c.shown_digest,
            ).where(t.c.vat == sa.func.any(_vats_param())),
            {"vats": list(vats)},
        )  # fmt: skip
        return {
            r.vat: Summary(
                r.vat,
                r.country,
                r.sector,
                r.score,
                RiskLevel(r.level),
                r.announced_score,
                RiskLevel(r.announced_level) if r.announced_level else None,
                r.published_digest,
                r.shown_digest,
            )
            for r in rows
        }

    async def profiles(self, vats: Sequence[str]) -> dict[str, RiskProfile]:
        if not vats:
            return {}
        rows = await self.session.execute(
            sa.select(profiles).where(profiles.c.vat == sa.func.any(_vats_param())),
            {"vats": list(vats)},
        )
        return {r.vat: profile_from_row(r) for r in rows}

    async def save_profiles(self, found: Sequence[RiskProfile]) -> None:
        if found:
            values = [_profile_values(p) for p in found]
            await self.session.execute(_UPSERT_PROFILES, _rows(values))

    async def delete_profiles(self, vats: Sequence[str]) -> None:
        if vats:
            await self.session.execute(sa.delete(profiles).where(profiles.c.vat.in_(vats)))

    async def add_history(self, found: Sequence[RiskProfile]) -> None:
        if not found:
            return
        rows: list[dict[str, object]] = [
            {
                "vat": p.vat,
                "day": p.as_of,
                "score": p.score,
                "level": p.level.value,
                "model_version": p.model_version,
                "at": p.updated_at,
            }
            for p in found
        ]
        await self.session.execute(_INSERT_HISTORY, _rows(rows))

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

    async def debtor_count(self, *, stored: bool = False) -> int:
        """Debtors with a profile, or (``stored``) with stored experiences."""
        sql = (
            "SELECT count(DISTINCT vat) FROM experiences WHERE NOT deleted"
            if stored
            else "SELECT count(*) FROM profiles"
        )
        return int((await self.session.execute(sa.text(sql))).scalar() or 0)

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

    async def profiled_after(self, after: str, limit: int) -> list[str]:
        rows = await self.session.execute(
            sa.select(profiles.c.vat)
            .where(profiles.c.vat > after)
            .order_by(profiles.c.vat)
            .limit(limit)
        )
        return [r.vat for r in rows]

    async def experience_debtors_after(self, after: str, limit: int) -> list[str]:
        rows = await self.session.execute(
            sa.text(
                "SELECT DISTINCT vat FROM experiences WHERE vat > :after AND NOT deleted"
                " ORDER BY vat LIMIT :limit"
            ),
            {"after": after, "limit": limit},
        )
        return [r.vat for r in rows]

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

    async def legal_statuses(self, vats: Sequence[str]) -> dict[str, LegalStatus]:
        if not vats:
            return {}
        rows = await self.session.execute(
            sa.select(legal_statuses).where(legal_statuses.c.vat == sa.func.any(_vats_param())),
            {"vats": list(vats)},
        )
        return {
            r.vat: LegalStatus(
                "",
                r.vat,
                Distress(r.distress) if r.distress else None,
                r.situation,
                r.description,
                r.since,
                r.extract_number,
            )
            for r in rows
        }

    async def save_legal_statuses(self, statuses: Sequence[LegalStatus]) -> None:
        if not statuses:
            return
        stmt = postgresql.insert(legal_statuses).values(
            [
                {
                    "vat": s.vat,
                    "distress": s.distress.value if s.distress else "",
                    "situation": s.situation[:8],
                    "description": s.description[:200],
                    "since": s.since,
                    "extract_number": s.extract_number,
                    "updated_at": sa.func.now(),
                }
                for s in statuses
            ]
        )
        ex = stmt.excluded
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["vat"],
                set_={
                    c: getattr(ex, c)
                    for c in (
                        "distress",
                        "situation",
                        "description",
                        "since",
                        "extract_number",
                        "updated_at",
                    )
                },
                where=legal_statuses.c.extract_number < ex.extract_number,
            )
        )

    async def distress(self, vats: Sequence[str]) -> dict[str, Distress]:
        if not vats:
            return {}
        rows = await self.session.execute(
            sa.select(legal_statuses.c.vat, legal_statuses.c.distress).where(
                legal_statuses.c.vat == sa.func.any(_vats_param()), legal_statuses.c.distress != ""
            ),
            {"vats": list(vats)},
        )
        return {r.vat: Distress(r.distress) for r in rows}


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
