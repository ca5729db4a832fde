"""Import jobs in PostgreSQL: the job row, the file's bytes in chunks until it is done, and
the lease that lets one replica at a time run a job."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from ingest.adapters.tables import import_chunks, import_jobs
from ingest.domain.errors import ImportNotFound
from ingest.domain.imports import (
    MAX_ERRORS,
    Checkpoint,
    ImportJob,
    ImportKind,
    ImportStatus,
    RowError,
)

# Two-key advisory locks: this key and the job id's hash. Held on a connection of the
# replica running the job; a replica that dies releases it with its connection.
_LEASE_KEY = 0x696D70


def job_from_row(row: Any) -> ImportJob:
    m = row._mapping
    return ImportJob(
        id=str(m["id"]),
        tenant_id=m["tenant_id"],
        member_vat=m["member_vat"],
        kind=ImportKind(m["kind"]),
        status=ImportStatus(m["status"]),
        filename=m["filename"],
        options=dict(m["options"]),
        size_bytes=m["size_bytes"],
        chunks=m["chunks"],
        bytes_done=m["bytes_done"],
        last_line=m["last_line"],
        accepted=m["accepted"],
        rejected=m["rejected"],
        errors=[RowError(int(e[0]), str(e[1]), str(e[2])) for e in m["errors"]],
        error_code=m["error_code"],
        error_message=m["error_message"],
        attempts=m["attempts"],
        created_at=m["created_at"],
        finished_at=m["finished_at"],
    )


# The batch's counts added, its refused rows appended up to MAX_ERRORS.
_CHECKPOINT = sa.text(
    """
    UPDATE import_jobs SET
      last_line = :last_line, accepted = accepted + :accepted, rejected = rejected + :rejected,
      bytes_done = LEAST(size_bytes, GREATEST(bytes_done, :bytes_done)),
      errors = CASE WHEN jsonb_array_length(errors) >= :most THEN errors ELSE (
        SELECT coalesce(jsonb_agg(e ORDER BY n), '[]'::jsonb) FROM jsonb_array_elements(
          errors || CAST(:refused AS jsonb)) WITH ORDINALITY AS x(e, n) WHERE n <= :most
      ) END
    WHERE id = :id
    RETURNING id
    """
)


class SqlImportJobRepository:
    """The jobs of every tenant; reads are always scoped to the calling tenant."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def checkpoint(self, job_id: str, done: Checkpoint, bytes_done: int) -> None:
        updated = await self.session.execute(
            _CHECKPOINT,
            {
                "id": job_id,
                "last_line": done.last_line,
                "accepted": done.accepted,
                "rejected": len(done.refused),
                "bytes_done": bytes_done,
                "most": MAX_ERRORS,
                "refused": json.dumps(
                    [[e.line, e.code, e.message] for e in done.refused[:MAX_ERRORS]],
                    ensure_ascii=False,
                ),
            },
        )
        if updated.first() is None:
            raise ImportNotFound("the import job is gone (erased with its member)")

    async def create(self, job: ImportJob, chunks: AsyncIterator[bytes], most: int) -> int:
        """The job and its file's chunks; the file's size. Raises ``OverflowError`` past
        ``most`` bytes (the caller's transaction then rolls back, leaving nothing)."""
        await self.session.execute(
            sa.insert(import_jobs).values(
                id=job.id, tenant_id=job.tenant_id, member_vat=job.member_vat,
                kind=job.kind.value, status=ImportStatus.QUEUED.value, filename=job.filename,
                options=job.options, size_bytes=0, chunks=0, created_at=job.created_at,
            )
        )  # fmt: skip
        size = seq = 0
        async for data in chunks:
            if not data:
                continue
            size += len(data)
            if size > most:
                raise OverflowError(size)
            await self.session.execute(
                sa.insert(import_chunks).values(job_id=job.id, seq=seq, data=data)
            )
            seq += 1
        await self.session.execute(
            sa.update(import_jobs)
            .where(import_jobs.c.id == job.id)
            .values(size_bytes=size, chunks=seq)
        )
        return size

    async def get(self, tenant_id: str, job_id: str) -> ImportJob | None:
        row = (
            await self.session.execute(
                sa.select(import_jobs).where(
                    import_jobs.c.id == job_id, import_jobs.c.tenant_id == tenant_id
                )
            )
        ).first()
        return None if row is None else job_from_row(row)

    async def forget_tenant(self, tenant_id: str) -> int:
        """Erasure: the member's jobs and what they still hold of its files."""
        gone = await self.session.execute(
            sa.delete(import_jobs).where(import_jobs.c.tenant_id == tenant_id)
        )
        return int(gone.rowcount or 0)  # type: ignore[attr-defined]


class Leases:
    """Which replica runs which job: a session advisory lock per job, on one connection
    this replica keeps while it runs jobs."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._conn: AsyncConnection | None = None

    async def _connection(self) -> AsyncConnection:
        if self._conn is None or self._conn.closed:
            self._conn = await self.engine.connect()
            await self._conn.execution_options(isolation_level="AUTOCOMMIT")
        return self._conn

    async def take_next(self) -> ImportJob | None:
        """The oldest queued or interrupted job no replica runs, leased to this one and
        marked running (one more attempt); None when there is none."""
        conn = await self._connection()
        pending = await conn.execute(
            sa.select(import_jobs.c.id)
            .where(import_jobs.c.status.in_(["queued", "running"]))
            .order_by(import_jobs.c.created_at)
            .limit(20)
        )
        for (job_id,) in pending.all():
            got = await conn.execute(
                sa.text("SELECT pg_try_advisory_lock(:key, hashtext(:id))"),
                {"key": _LEASE_KEY, "id": str(job_id)},
            )
            if not got.scalar_one():
                continue
            row = (
                await conn.execute(
                    sa.update(import_jobs)
                    .where(
                        import_jobs.c.id == job_id,
                        import_jobs.c.status.in_(["queued", "running"]),
                    )
                    .values(status=ImportStatus.RUNNING.value, attempts=import_jobs.c.attempts + 1)
                    .returning(*import_jobs.c)
                )
            ).first()
            if row is not None:
                return job_from_row(row)
            await self.release(str(job_id))  # finished between the two statements
        return None

    async def chunks(self, job_id: str, count: int) -> AsyncIterator[bytes]:
        conn = await self._connection()
        for seq in range(count):
            data = (
                await conn.execute(
                    sa.select(import_chunks.c.data).where(
                        import_chunks.c.job_id == job_id, import_chunks.c.seq == seq
                    )
                )
            ).scalar_one()
            yield bytes(data)

    async def finish(
        self, job_id: str, status: ImportStatus, at: datetime, code: str = "", message: str = ""
    ) -> None:
        """DONE or FAILED; the file's bytes are deleted."""
        conn = await self._connection()
        await conn.execute(sa.delete(import_chunks).where(import_chunks.c.job_id == job_id))
        values: dict[str, object] = {"status": status.value, "finished_at": at}
        if status is ImportStatus.DONE:
            values["bytes_done"] = import_jobs.c.size_bytes
        else:
            values |= {"error_code": code, "error_message": message[:500]}
        await conn.execute(sa.update(import_jobs).where(import_jobs.c.id == job_id).values(values))

    async def release(self, job_id: str) -> None:
        conn = await self._connection()
        await conn.execute(
            sa.text("SELECT pg_advisory_unlock(:key, hashtext(:id))"),
            {"key": _LEASE_KEY, "id": job_id},
        )

    async def close(self) -> None:
        """Drop the connection (not back to the pool: its session's locks must go)."""
        if self._conn is not None:
            await self._conn.invalidate()
            await self._conn.close()
            self._conn = None
