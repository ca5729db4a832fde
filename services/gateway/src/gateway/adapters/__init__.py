"""Database and gRPC clients: the I/O side of the gateway."""
