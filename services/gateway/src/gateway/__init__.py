"""Gateway: the public GraphQL API, members (tenants), API keys.

Owns its own database (members and hashed keys). Reaches the other services
only through their gRPC APIs; never imports another service. ``domain``
imports no I/O library.
"""
