"""One soak process: ``sage50`` commands in turn (in this process) until the time is up.

``python soak_child.py SECONDS ORDERS_FILE`` prints one JSON line:
``{"runs", "codes", "errors"}``.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time

from sage50_desktop.cli.main import main as sage50


def main() -> int:
    seconds, orders = float(sys.argv[1]), sys.argv[2]
    commands = [
        ["download", "products"],
        ["scopes"],
        ["download", "customers"],
        ["snapshots", "products"],
        ["uploads", "--limit", "5"],
    ]
    codes: dict[str, int] = {}
    errors: list[str] = []
    runs = 0
    deadline = time.monotonic() + seconds
    turn = 0
    while time.monotonic() < deadline:
        turn += 1
        argv = commands[turn % len(commands)]
        if turn % 7 == 0:
            argv = ["upload", "orders", orders, "--wait", "--timeout", "60"]
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = sage50(["--json", *argv])
        runs += 1
        codes[str(code)] = codes.get(str(code), 0) + 1
        if code != 0 and len(errors) < 20:
            errors.append(f"{' '.join(argv)}: exit {code}: {err.getvalue().strip()[-300:]}")
    print(json.dumps({"runs": runs, "codes": codes, "errors": errors}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
