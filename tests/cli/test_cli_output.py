"""Text vs JSON output and the progress bar (terminal only)."""

from __future__ import annotations

import io
import json

from sage50_desktop.cli.output import Output, ProgressBar, Result


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_cli_progress_bar_draws_only_on_a_terminal():
    tty = Tty()
    with ProgressBar(tty, "Downloading") as bar:
        bar.update(512, 1024, force=True)
        bar.update(1024, 1024, force=True)
    drawn = tty.getvalue()
    assert "\r" in drawn and "Downloading" in drawn and "100%" in drawn
    assert drawn.endswith("\n")

    pipe = io.StringIO()
    with ProgressBar(pipe, "Downloading") as bar:
        bar.update(512, 1024, force=True)
    assert pipe.getvalue() == ""


def test_cli_output_json_is_one_object_and_notices_go_to_stderr():
    out, err = io.StringIO(), io.StringIO()
    o = Output(True, stdout=out, stderr=err)
    o.notice("Passcode: ABCD")
    o.result(Result({"a": 1}, ["text"], 3, "something\nwent wrong"))
    assert json.loads(out.getvalue()) == {"a": 1}
    assert err.getvalue() == "Passcode: ABCD\nsage50: something went wrong\n"

    out, err = io.StringIO(), io.StringIO()
    o = Output(False, stdout=out, stderr=err)
    o.notice("Passcode: ABCD")
    with o.progress("Working") as bar:  # not a terminal: silent
        bar.update(5, 10, force=True)
    o.result(Result({"a": 1}, ["line 1", "line 2"]))
    assert out.getvalue() == "Passcode: ABCD\nline 1\nline 2\n" and err.getvalue() == ""
