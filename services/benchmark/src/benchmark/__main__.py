"""``python -m benchmark``: the container's command and what ``make up`` runs."""

from benchmark.bootstrap import build
from benchmark.settings import Settings
from chassis.run import run


def main() -> None:
    run(build(), Settings())


if __name__ == "__main__":
    main()
