"""Members, API keys and scopes: pure Python, no database, gRPC or HTTP."""
