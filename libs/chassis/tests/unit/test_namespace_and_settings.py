"""Namespaced streams and subjects; settings every service shares."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from chassis.messaging import Namespace
from chassis.settings import MissingInternalKey, ServiceSettings, async_database_url


def test_a_namespace_prefixes_subjects_with_a_dot_and_streams_with_an_underscore() -> None:
    ns = Namespace("t1a2b")

    assert ns.subject("invoice.recorded") == "t1a2b.invoice.recorded"
    assert ns.subject("invoice.>") == "t1a2b.invoice.>"
    assert ns.stream("INVOICES") == "t1a2b_INVOICES"


def test_the_empty_namespace_changes_nothing() -> None:
    ns = Namespace()
    strip = ns.strip

    assert ns.subject("risk.changed.BE.BE0123456749") == "risk.changed.BE.BE0123456749"
    assert ns.stream("RISK") == "RISK"
    assert strip("risk.changed.BE.BE0123456749") == "risk.changed.BE.BE0123456749"


def test_strip_removes_only_its_own_prefix() -> None:
    ns = Namespace("t1")
    strip = ns.strip  # (the method, not str.strip)

    assert strip("t1.invoice.paid") == "invoice.paid"
    assert strip(ns.subject("score.updated")) == "score.updated"
    assert strip("t10.invoice.paid") == "t10.invoice.paid"
    assert strip("invoice.paid") == "invoice.paid"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg2://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite+aiosqlite:///x.db", "sqlite+aiosqlite:///x.db"),
    ],
)
def test_any_postgresql_url_is_pointed_at_psycopg(url: str, expected: str) -> None:
    assert async_database_url(url) == expected
    assert ServiceSettings(database_url=url).database_url == expected


def test_nats_settings_keep_their_conventional_unprefixed_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NATS_URL", "nats://nats.example:4222")
    monkeypatch.setenv("NATS_NAMESPACE", "staging")

    settings = ServiceSettings()

    assert settings.nats_url == "nats://nats.example:4222"
    assert settings.nats_namespace == "staging"


def test_settings_accept_field_names_as_well_as_aliases() -> None:
    settings = ServiceSettings(nats_url="nats://10.0.0.1:4222", nats_namespace="t1")

    assert (settings.nats_url, settings.nats_namespace) == ("nats://10.0.0.1:4222", "t1")


KEY = "k" * 32


def test_the_internal_key_is_checked_and_required_to_serve() -> None:
    with pytest.raises(ValidationError, match="at least 32"):
        ServiceSettings(internal_key="short")
    with pytest.raises(MissingInternalKey, match="KMO_INTERNAL_KEY is not set"):
        ServiceSettings(internal_key=None).require_internal_key()
    assert ServiceSettings(internal_key=KEY).require_internal_key() == KEY
