"""Entry point of the ``sage50-desktop`` GUI: builds everything once and wires it."""

from __future__ import annotations

import argparse
import sys

from sage50_desktop import APP_DISPLAY_NAME, __version__


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sage50-desktop", description=APP_DISPLAY_NAME)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--sandbox", action="store_true",
                        help="start the bundled sandbox and open the app on it")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    parse_args(argv)
    print("sage50-desktop: the desktop window is not available yet in this build.",
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
