"""Entry points: the GraphQL API (``graphql/``), the HTTP app's guards and the admin CLI."""
