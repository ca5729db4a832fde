"""``python -m gateway``: the container's command and what ``make up`` runs."""

import sys

from gateway.entrypoints.cli import main

if __name__ == "__main__":
    sys.exit(main())
