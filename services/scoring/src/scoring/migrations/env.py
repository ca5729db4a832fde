from chassis.db import run_migrations_online
from scoring.adapters.tables import metadata

run_migrations_online(metadata)
