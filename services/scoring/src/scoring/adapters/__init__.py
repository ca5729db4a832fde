"""Database, outbox and event encoding: the I/O side of scoring."""
