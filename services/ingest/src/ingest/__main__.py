"""``python -m ingest``: the container's command and what ``make up`` runs."""

from chassis.run import run
from ingest.bootstrap import build
from ingest.settings import Settings


def main() -> None:
    run(build(), Settings())


if __name__ == "__main__":
    main()
