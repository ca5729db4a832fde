"""A member's documents and import jobs, newest first, one filtered page at a time."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Protocol

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingest.adapters.documents import SqlDocumentRepository
from ingest.adapters.imports import SqlImportJobRepository
from ingest.domain.documents import Document, Status
from ingest.domain.errors import InvalidPageToken
from ingest.domain.imports import ImportJob, ImportKind, ImportStatus
from ingest.views import (
    DocumentFilter,
    DocumentReader,
    ImportJobFilter,
    ImportJobReader,
    encode_token,
)

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


async def no_chunks() -> AsyncIterator[bytes]:
    return
    yield b""


async def add_documents(
    sessions: async_sessionmaker[AsyncSession], tenant: str, statuses: list[Status]
) -> list[str]:
    """Documents uploaded a minute apart, oldest first; their ids."""
    ids = []
    async with sessions() as session, session.begin():
        store = SqlDocumentRepository(session)
        for n, status in enumerate(statuses):
            at = START + timedelta(minutes=n)
            doc = Document(
                id=str(uuid.uuid4()), tenant_id=tenant, filename=f"scan-{n}.png",
                content_type="image/png", size_bytes=100, sha256="0" * 64, status=status,
                uploaded_at=at, updated_at=at,
            )  # fmt: skip
            await store.add(doc)
            ids.append(doc.id)
    return ids


async def add_jobs(
    sessions: async_sessionmaker[AsyncSession],
    tenant: str,
    kinds: list[ImportKind],
    same_time: bool = False,
) -> list[str]:
    ids = []
    async with sessions() as session, session.begin():
        store = SqlImportJobRepository(session)
        for n, kind in enumerate(kinds):
            job = ImportJob(
                id=str(uuid.uuid4()), tenant_id=tenant, kind=kind, status=ImportStatus.QUEUED,
                filename=f"export-{n}.csv", size_bytes=0,
                created_at=START if same_time else START + timedelta(minutes=n),
            )  # fmt: skip
            await store.create(job, no_chunks(), 1024)
            ids.append(job.id)
    return ids


class Identified(Protocol):
    @property
    def id(self) -> str: ...


# One page of a reader: (size, token) -> (rows, next token).
PageReader = Callable[[int, str], Awaitable[tuple[Sequence[Identified], str]]]


async def every_page(read: PageReader, size: int) -> tuple[list[str], int]:
    """All ids, following the tokens; and how many pages it took."""
    seen: list[str] = []
    token, pages = "", 0
    while True:
        found, token = await read(size, token)
        seen += [f.id for f in found]
        pages += 1
        if not token:
            return seen, pages


async def test_documents_page_newest_first_and_stop_on_the_last_page(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant = f"m-{uuid.uuid4()}"
    ids = await add_documents(sessions, tenant, [Status.READY] * 7)
    await add_documents(sessions, f"m-{uuid.uuid4()}", [Status.READY] * 3)  # another member's
    reader = DocumentReader(sessions)

    seen, pages = await every_page(lambda n, t: reader.page(tenant, n, t), 3)

    assert seen == ids[::-1]
    assert pages == 3


async def test_documents_filter_by_status_and_upload_time(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant = f"m-{uuid.uuid4()}"
    ids = await add_documents(
        sessions, tenant, [Status.READY, Status.FAILED, Status.READY, Status.CONFIRMED]
    )
    reader = DocumentReader(sessions)

    ready, _ = await reader.page(tenant, 20, "", DocumentFilter(statuses=(Status.READY,)))
    window, _ = await reader.page(
        tenant,
        20,
        "",
        DocumentFilter(
            uploaded_from=START + timedelta(minutes=1), uploaded_to=START + timedelta(minutes=3)
        ),
    )

    assert [d.id for d in ready] == [ids[2], ids[0]]
    assert [d.id for d in window] == [ids[2], ids[1]]  # from inclusive, to exclusive


async def test_import_jobs_page_and_filter_even_when_created_in_the_same_instant(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    tenant = f"m-{uuid.uuid4()}"
    kinds = [ImportKind.INVOICES, ImportKind.PAYMENTS]
    ids = await add_jobs(sessions, tenant, kinds * 3, same_time=True)
    reader = ImportJobReader(sessions)

    seen, pages = await every_page(lambda n, t: reader.page(tenant, n, t), 2)
    payments, _ = await reader.page(tenant, 20, "", ImportJobFilter(kinds=(ImportKind.PAYMENTS,)))
    queued, _ = await reader.page(tenant, 20, "", ImportJobFilter(statuses=(ImportStatus.QUEUED,)))
    done, _ = await reader.page(tenant, 20, "", ImportJobFilter(statuses=(ImportStatus.DONE,)))

    assert sorted(seen) == sorted(ids) and len(seen) == 6  # none twice, none lost
    assert pages == 3
    assert sorted(j.id for j in payments) == sorted(ids[1::2])
    assert len(queued) == 6  # stored jobs start queued
    assert done == []


async def test_another_members_token_shows_only_your_own_rows(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    mine = f"m-{uuid.uuid4()}"
    theirs = f"m-{uuid.uuid4()}"
    own = await add_jobs(sessions, mine, [ImportKind.INVOICES] * 2)
    await add_jobs(sessions, theirs, [ImportKind.INVOICES] * 2)
    _, their_token = await ImportJobReader(sessions).page(theirs, 1, "")

    found, _ = await ImportJobReader(sessions).page(mine, 20, their_token)

    assert {j.id for j in found} <= set(own)


@pytest.mark.parametrize(
    "token",
    ["not-base64!", "aGVsbG8=", encode_token(START, "x").replace("=", ""), "MjAyNnxub3Q="],
)
async def test_a_forged_page_token_is_refused(
    sessions: async_sessionmaker[AsyncSession], token: str
) -> None:
    with pytest.raises(InvalidPageToken):
        await DocumentReader(sessions).page("m-any", 10, token)
    with pytest.raises(InvalidPageToken):
        await ImportJobReader(sessions).page("m-any", 10, token)


async def test_page_sizes_are_bounded(sessions: async_sessionmaker[AsyncSession]) -> None:
    tenant = f"m-{uuid.uuid4()}"
    await add_documents(sessions, tenant, [Status.READY] * 3)

    found, token = await DocumentReader(sessions).page(tenant, 0, "")  # 0: the default
    one, more = await DocumentReader(sessions).page(tenant, -5, "")

    assert (len(found), token) == (3, "")
    assert len(one) == 1 and more
