"""Personal data never reaches a log line."""

from __future__ import annotations

import io
import json
import logging

import structlog

from shared.logging import configure_logging, get_logger, scrub_personal_data


def test_personal_keys_are_redacted_and_cpr_numbers_masked() -> None:
    event = scrub_personal_data(
        None,
        "info",
        {
            "event": "x",
            "name": "Karen Hansen",
            "case_id": "c1",
            "detail": "citizen 070761-4285 called",
            "email": "k@example.dk",
        },
    )
    assert event["name"] == "[redacted]" and event["email"] == "[redacted]"
    assert "4285" not in event["detail"] and event["case_id"] == "c1"


def test_json_log_lines_carry_no_cpr(capsys: object) -> None:
    configure_logging("test", "INFO", "json")
    stream = io.StringIO()
    logging.getLogger().handlers[0].stream = stream  # type: ignore[attr-defined]
    get_logger("t").info("opened", case_id="abc", name="Karen", note="cpr 0707614285")
    logging.getLogger("aiokafka").warning("peer 0707614285 gone")
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines[0]["case_id"] == "abc" and lines[0]["service"] == "test"
    text = stream.getvalue()
    assert "0707614285" not in text and "Karen" not in text
    structlog.contextvars.clear_contextvars()
