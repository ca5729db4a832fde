"""``python -m ocr``: the container's command and what ``make up`` runs."""

from chassis.run import run
from ocr.bootstrap import build
from ocr.settings import Settings


def main() -> None:
    run(build(), Settings())


if __name__ == "__main__":
    main()
