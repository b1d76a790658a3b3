"""Secrets never reach the log file; pre-signed query strings are cut."""

from __future__ import annotations

import logging

import pytest

from sage50_desktop import logging_setup
from sage50_desktop.redaction import redact, redact_url, register_secret


def test_known_secrets_and_patterns_are_redacted():
    register_secret("ak_supersecretvalue_123456")
    text = redact(
        "key ak_supersecretvalue_123456 and apikey: other-value-9 and "
        'https://h/f?sig=abc&exp=1 and {"secret": "zzz"}'
    )
    assert "supersecret" not in text and "other-value-9" not in text
    assert "sig=abc" not in text and "zzz" not in text
    assert (
        redact_url("https://files.example/x/y?token=abc#f")
        == "https://files.example/x/y?<redacted>"
    )


@pytest.mark.log_warnings_expected("logs an error on purpose to check its redaction")
def test_log_file_never_contains_a_secret_even_in_tracebacks(tmp_path):
    path = logging_setup.configure(logging.DEBUG, log_dir=tmp_path)
    key = "ak_" + "Q" * 30
    register_secret(key)
    log = logging.getLogger("sage50_desktop.test")
    log.info("rotated to %s", key)
    try:
        raise ValueError(f"bad key {key}")
    except ValueError:
        log.exception("failed with https://files.example/d?sig=%s", key)
    for handler in logging.getLogger().handlers:
        handler.flush()
    content = path.read_text()
    assert "rotated to <redacted>" in content
    assert key not in content and "sig=" not in content
    assert "ValueError" in content
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_sage50", False):
            root.removeHandler(handler)
            handler.close()
