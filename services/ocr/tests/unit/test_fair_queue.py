"""Who gets a free Tesseract process next: shortest first with ageing, pages capped per tenant."""

from __future__ import annotations

from ocr.domain.scheduling import FairQueue

SPP = 2.0  # seconds a page counts for in the ageing key


def test_a_one_page_invoice_goes_ahead_of_a_long_pdf_that_joined_just_before() -> None:
    queue = FairQueue(workers=1, tenant_pages=10, seconds_per_page=SPP)
    running = queue.join("a", 3, now=0.0)
    assert queue.start_next() == [running]
    long = queue.join("b", 40, now=1.0)
    short = queue.join("c", 1, now=2.0)
    assert queue.start_next() == []  # the one process is busy
    queue.leave(running)
    assert queue.start_next() == [short]
    queue.leave(short)
    assert queue.start_next() == [long]


def test_a_long_pdf_is_passed_only_for_as_long_as_its_pages_count() -> None:
    queue = FairQueue(workers=1, tenant_pages=100, seconds_per_page=SPP)
    blocker = queue.join("x", 1, now=0.0)
    queue.start_next()
    long = queue.join("a", 20, now=0.0)  # key 40
    passed = queue.join("b", 1, now=37.0)  # key 39: joined within the long one's 38 s
    too_late = queue.join("c", 1, now=39.5)  # key 41.5
    queue.leave(blocker)
    assert queue.start_next() == [passed]
    queue.leave(passed)
    assert queue.start_next() == [long]
    queue.leave(long)
    assert queue.start_next() == [too_late]


def test_a_tenant_over_its_pages_waits_while_another_tenant_starts() -> None:
    queue = FairQueue(workers=2, tenant_pages=10, seconds_per_page=SPP)
    first = queue.join("big", 8, now=0.0)
    second = queue.join("big", 8, now=0.0)
    invoice = queue.join("small", 1, now=5.0)
    assert queue.start_next() == [invoice, first]  # 8 + 8 > 10: the second waits
    assert queue.ready() == 0 and queue.waiting == 1
    queue.leave(invoice)
    assert queue.start_next() == []  # a process is free, but not for "big"
    queue.leave(first)
    assert queue.start_next() == [second]


def test_a_tenant_with_nothing_running_may_start_a_document_longer_than_its_cap() -> None:
    queue = FairQueue(workers=2, tenant_pages=10, seconds_per_page=SPP)
    huge = queue.join("a", 50, now=0.0)
    assert queue.start_next() == [huge]
    assert queue.pages_running("a") == 50


def test_a_tenants_short_documents_do_not_pass_its_long_one_for_ever() -> None:
    queue = FairQueue(workers=2, tenant_pages=10, seconds_per_page=SPP)
    small = queue.join("a", 2, now=0.0)
    queue.start_next()
    long = queue.join("a", 30, now=0.0)  # key 60: does not fit beside the 2 running pages
    later = queue.join("a", 1, now=70.0)  # key 72: after the long one
    assert queue.start_next() == []  # the long one holds the tenant's later ones back
    queue.leave(small)
    assert queue.start_next() == [long]
    assert queue.start_next() == []
    queue.leave(long)
    assert queue.start_next() == [later]


def test_an_uncapped_preview_counts_towards_its_tenant_but_is_never_held_back() -> None:
    queue = FairQueue(workers=2, tenant_pages=10, seconds_per_page=SPP)
    queue.join("a", 9, now=0.0)
    queue.start_next()
    preview = queue.join("a", 5, now=1.0, capped=False)
    assert queue.start_next() == [preview]
    assert queue.pages_running("a") == 14


def test_a_job_that_gives_up_waiting_leaves_no_trace() -> None:
    queue = FairQueue(workers=1, tenant_pages=10, seconds_per_page=SPP)
    running = queue.join("a", 1, now=0.0)
    queue.start_next()
    gone = queue.join("b", 1, now=0.0)
    queue.leave(gone)
    queue.leave(running)
    assert queue.start_next() == [] and queue.waiting == 0 and queue.free == 1
