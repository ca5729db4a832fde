from chassis.db import run_migrations_online
from ocr.adapters.tables import metadata

run_migrations_online(metadata)
