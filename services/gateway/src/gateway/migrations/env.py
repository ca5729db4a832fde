from chassis.db import run_migrations_online
from gateway.adapters.tables import metadata

run_migrations_online(metadata)
