"""The cases service's access log: the shared, hash-chained log of reads of personal
data (``shared.privacy.access_log``; the councils service keeps one the same way)."""

from shared.privacy.access_log import (
    GENESIS,
    HASHED_FIELDS,
    TABLE,
    AccessEntry,
    AccessLog,
    AccessLogUnavailable,
    Finding,
    VerifyReport,
    canonical_json,
    link,
)

__all__ = [
    "GENESIS",
    "HASHED_FIELDS",
    "TABLE",
    "AccessEntry",
    "AccessLog",
    "AccessLogUnavailable",
    "Finding",
    "VerifyReport",
    "canonical_json",
    "link",
]
