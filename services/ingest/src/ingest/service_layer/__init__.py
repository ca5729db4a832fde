"""Use cases: one handler per command, over the unit-of-work port. No I/O library imports."""
