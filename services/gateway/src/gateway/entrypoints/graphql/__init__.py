"""The GraphQL API: one type per module under ``types/``, resolvers calling gRPC backends."""
