"""``python -m scoring``: the container's command and what ``make up`` runs."""

from chassis.run import run
from scoring.bootstrap import build
from scoring.settings import Settings


def main() -> None:
    run(build(), Settings())


if __name__ == "__main__":
    main()
