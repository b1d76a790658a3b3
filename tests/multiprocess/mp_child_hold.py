"""Child process: open the app core on a data folder and keep it open until killed."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from sage50_desktop.services.runtime import Runtime


def main() -> int:
    runtime = Runtime(Path(sys.argv[1]))
    runtime.profiles.list_profiles()
    threading.Event().wait()  # until the parent kills it (the OS releases its locks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
