"""Database and event decoding: the I/O side of benchmark."""
