"""``scopes``, ``download``, ``snapshots``, ``diff`` and ``export`` against a real sandbox."""

from __future__ import annotations

import csv
import json
import re

import pytest

from sage50_desktop.services.version_names import short_id


def test_cli_scopes_remote_and_local(cli, consented):
    result = cli("--json", "scopes")
    assert result.code == 0, result.err
    scopes = {s["scope"]: s for s in result.json["scopes"]}
    assert set(scopes) == {"customers", "products"}
    for item in scopes.values():
        assert set(item) >= {"scope", "version", "lastModified", "localVersion"}
        assert item["localVersion"] is None and item["lastModified"].endswith("Z")

    assert cli("--json", "download", "customers").code == 0
    scopes = {s["scope"]: s for s in cli("--json", "scopes").json["scopes"]}
    assert scopes["customers"]["localVersion"] == scopes["customers"]["version"]
    assert scopes["products"]["localVersion"] is None
    text = cli("scopes").out
    assert "up to date" in text and "not downloaded" in text


def test_cli_download_then_unchanged_then_new_version(cli, consented):
    first = cli("--json", "download", "products")
    assert first.code == 0, first.err
    body = first.json
    assert set(body) >= {"scope", "version", "records", "added", "changed", "removed", "unchanged"}
    assert body["scope"] == "products" and body["records"] == 60
    assert body["unchanged"] is False

    again = cli("--json", "download", "products").json
    assert again["unchanged"] is True and again["version"] == body["version"]
    assert again["records"] == 60 and again["added"] == again["changed"] == 0
    assert len(cli("--json", "snapshots", "products").json["snapshots"]) == 1

    published = consented.control.publish(
        "products", changed_count=3, added_count=2, removed_count=1
    )
    third = cli("--json", "download", "products").json
    assert third["unchanged"] is False and third["version"] == published["version"]
    assert (third["added"], third["changed"], third["removed"]) == (2, 3, 1)
    assert third["records"] == 61
    assert "nothing new" in cli("download", "products").out


@pytest.mark.log_warnings_expected("a command fails on purpose: the CLI logs each failed command")
def test_cli_snapshots_and_diff(cli, consented):
    assert cli("--json", "snapshots", "products").json["snapshots"] == []
    assert cli("diff", "products").code == 1  # nothing stored yet

    v1 = cli("--json", "download", "products").json["version"]
    lonely = cli("--json", "diff", "products")
    assert lonely.code == 1 and "two snapshots" in lonely.json["error"]["hint"]

    published = consented.control.publish(
        "products", changed_count=2, added_count=1, removed_count=1
    )
    v2 = cli("--json", "download", "products").json["version"]
    snaps = cli("--json", "snapshots", "products").json["snapshots"]
    assert [s["version"] for s in snaps] == [v2, v1]
    assert [s["records"] for s in snaps] == [60, 60]
    assert all(s["downloadedAt"].endswith("Z") for s in snaps)

    diff = cli("--json", "diff", "products")
    assert diff.code == 0, diff.err
    body = diff.json
    assert (len(body["added"]), len(body["changed"]), len(body["removed"])) == (1, 2, 1)
    if "addedIds" in published:
        assert sorted(body["added"]) == sorted(published["addedIds"])
        assert sorted(body["changed"]) == sorted(published["changedIds"])
        assert sorted(body["removed"]) == sorted(published["removedIds"])

    explicit = cli("--json", "diff", "products", "--from", v1, "--to", v2).json
    assert explicit["added"] == body["added"]
    swapped = cli("--json", "diff", "products", "--from", v2, "--to", v1).json
    assert swapped["added"] == body["added"] and swapped["from"] == v1

    text = cli("diff", "products").out
    assert "1 added, 2 changed, 1 removed" in text
    assert f"+ {body['added'][0]}" in text
    # people see a date and a short id, never the raw version string; the short id names it
    assert short_id(v1) in text and short_id(v2) in text and v1 not in text and v2 not in text
    listed = cli("snapshots", "products").out
    assert short_id(v2) in listed and v2 not in listed
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d · " + short_id(v2), listed)
    by_short = cli("--json", "diff", "products", "--from", short_id(v1), "--to", short_id(v2))
    assert by_short.code == 0 and by_short.json["added"] == body["added"]

    unknown = cli("--json", "diff", "products", "--from", "nope")
    assert unknown.code == 2 and "nope" in unknown.json["error"]["hint"]


@pytest.mark.log_warnings_expected("a command fails on purpose: the CLI logs each failed command")
def test_cli_export_json_and_csv(cli, consented, tmp_path):
    assert (
        cli("export", "customers", "--format", "json", "--output", tmp_path / "none.json").code == 1
    )  # nothing downloaded yet
    v1 = cli("--json", "download", "customers").json["version"]

    out_json = tmp_path / "customers.json"
    result = cli("--json", "export", "customers", "--format", "json", "--output", out_json)
    assert result.code == 0, result.err
    assert result.json["records"] == 40 and result.json["path"] == str(out_json)
    records = json.loads(out_json.read_text(encoding="utf-8"))
    assert len(records) == 40 and all("id" in r for r in records)

    out_csv = tmp_path / "customers.csv"
    result = cli(
        "--json",
        "export",
        "customers",
        "--format",
        "csv",
        "--output",
        out_csv,
        "--snapshot",
        v1,
        "--semicolon",
    )
    assert result.code == 0, result.err
    with out_csv.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0][0] == "id" and len(rows) == 41

    assert (
        cli(
            "export", "customers", "--format", "csv", "--output", out_csv, "--snapshot", "nope"
        ).code
        == 2
    )
    assert (
        cli(
            "export", "customers", "--format", "csv", "--output", tmp_path / "missing" / "x.csv"
        ).code
        == 2
    )
    folder = cli("export", "customers", "--format", "csv", "--output", tmp_path)
    assert folder.code == 2 and "is a folder" in folder.err and "Traceback" not in folder.err

    out_xlsx = tmp_path / "customers.xlsx"
    result = cli("--json", "export", "customers", "--format", "xlsx", "--output", out_xlsx)
    assert result.code == 0, result.err and result.json["records"] == 40
    import openpyxl

    book = openpyxl.load_workbook(out_xlsx, read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    book.close()
    assert rows[0][0] == "id" and len(rows) == 41
    assert (
        "Wrote 40 customers records"
        in cli("export", "customers", "--format", "json", "--output", out_json).out
    )


@pytest.mark.log_warnings_expected("a command fails on purpose: the CLI logs each failed command")
def test_cli_download_unknown_scope_exits_1(cli, consented):
    consented.control.withdraw("customers")
    result = cli("--json", "download", "customers")
    assert result.code == 1
    assert result.json["error"]["type"] == "ScopeNotFound"
    assert "not published" in result.err
