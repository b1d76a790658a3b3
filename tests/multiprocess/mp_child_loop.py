"""Child process: run ``sage50`` commands in a loop for a while; print what happened as JSON.

``python mp_child_loop.py SECONDS CMD [CMD ...]`` where each CMD is a
space-separated ``sage50`` command line (e.g. ``"download products"``); the
commands run in turn, in this process (``cli.main``), until SECONDS passed.
Prints ``{"runs": N, "codes": {"0": n, ...}, "errors": ["...", ...]}``.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time

from sage50_desktop.cli.main import main as sage50


def run(seconds: float, commands: list[list[str]]) -> dict[str, object]:
    codes: dict[str, int] = {}
    errors: list[str] = []
    runs = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for argv in commands:
            err = io.StringIO()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                code = sage50(["--json", *argv])
            runs += 1
            codes[str(code)] = codes.get(str(code), 0) + 1
            if code != 0 and len(errors) < 20:
                errors.append(f"{' '.join(argv)}: exit {code}: {err.getvalue()[-500:]}")
    return {"runs": runs, "codes": codes, "errors": errors}


if __name__ == "__main__":
    report = run(float(sys.argv[1]), [c.split() for c in sys.argv[2:]])
    print(json.dumps(report))
