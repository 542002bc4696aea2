"""Bounds every API puts on the integers it takes, so that no number reaches a store
column, a SQL ``LIMIT``/``OFFSET`` or an event that cannot hold it."""

from __future__ import annotations

# The largest integer every JSON client reads exactly (JavaScript's Number.MAX_SAFE_INTEGER);
# well inside SQLite's and PostgreSQL's 64-bit integers. Offsets, sequence numbers and
# versions are bounded by it; quantities with a meaning (years, kroner, levels) more tightly.
MAX_SAFE_INT = 2**53 - 1
