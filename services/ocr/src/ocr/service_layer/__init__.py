"""Use cases over the unit-of-work port. No I/O library imports."""
