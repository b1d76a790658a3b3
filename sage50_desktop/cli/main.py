"""Entry point of the ``sage50`` command line."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print("sage50: the command line is not available yet in this build.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
