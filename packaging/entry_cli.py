"""PyInstaller entry point of the command line (``sage50``)."""

import sys

from sage50_desktop.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
