# Shared fixtures for every test folder: real PostgreSQL and NATS (see devstack.testing).
pytest_plugins = ["devstack.testing"]
