"""PyInstaller entry point of the GUI (``sage50-desktop``)."""

import sys

from sage50_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
