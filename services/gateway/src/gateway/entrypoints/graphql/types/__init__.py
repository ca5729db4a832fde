"""GraphQL object and input types, one module each, built ``from_proto``."""
