"""Development stack: embedded PostgreSQL and NATS, and the five services as processes.

Behind ``make up`` and the end-to-end tests. Dev-only: never installed in a
service image, and no service imports it.
"""
