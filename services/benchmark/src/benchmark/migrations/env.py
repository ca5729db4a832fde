from benchmark.adapters.tables import metadata
from chassis.db import run_migrations_online

run_migrations_online(metadata)
