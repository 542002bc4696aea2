"""structlog set up once for every service: JSON off a terminal, readable on one.

Personal data never reaches a log line: keys that may hold it are dropped and any
CPR-shaped number left in a value is masked, as a last line of defence behind the
rule that code logs identifiers only.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

from shared.correlation import correlation_id

# Keys that may carry names, contact details, CPR numbers or free text.
PERSONAL_KEYS = frozenset(
    {
        "cpr",
        "name",
        "email",
        "phone",
        "address",
        "summary",
        "description",
        "note",
        "notes",
        "body",
        "text",
        "justification",
        "channels",
        "participants",
    }
)
_CPR = re.compile(r"\b\d{6}-?\d{4}\b")


def scrub_personal_data(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """Drop personal keys and mask CPR-shaped numbers in every value."""
    for key in list(event_dict):
        if key in PERSONAL_KEYS:
            event_dict[key] = "[redacted]"
        else:
            value = event_dict[key]
            if isinstance(value, str) and _CPR.search(value):
                event_dict[key] = _CPR.sub("[cpr]", value)
    return event_dict


def add_correlation_id(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """The correlation id of the work in hand (set per request by the HTTP middleware)."""
    cid = correlation_id.get()
    if cid:
        event_dict.setdefault("correlation_id", cid)
    return event_dict


class LevelFirstLogger(structlog.stdlib.BoundLogger):
    """Asks the stdlib logger's (cached) level before running any processor: a debug or
    info line below the level costs one call, not the whole chain."""

    def debug(self, event: str | None = None, *args: Any, **kw: Any) -> Any:
        if not self._logger.isEnabledFor(logging.DEBUG):
            return None
        return super().debug(event, *args, **kw)

    def info(self, event: str | None = None, *args: Any, **kw: Any) -> Any:
        if not self._logger.isEnabledFor(logging.INFO):
            return None
        return super().info(event, *args, **kw)


def configure_logging(service: str, level: str = "INFO", fmt: str = "auto") -> None:
    """Configure structlog and route stdlib logging (uvicorn, aiokafka) through it."""
    as_json = fmt == "json" or (fmt == "auto" and not sys.stderr.isatty())
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        add_correlation_id,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        scrub_personal_data,
    ]
    renderer: Any = (
        structlog.processors.JSONRenderer() if as_json else structlog.dev.ConsoleRenderer()
    )
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=LevelFirstLogger,
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                renderer,
            ],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("aiokafka", "uvicorn.access"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    structlog.contextvars.bind_contextvars(service=service)


def get_logger(name: str) -> Any:
    """A structlog logger; log key-value pairs of identifiers only."""
    return structlog.get_logger(name)
