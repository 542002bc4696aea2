"""Helpers shared by the benchmarks: fresh stores, percentiles, the results file."""

from __future__ import annotations

import json
import statistics
import tempfile
import uuid
from collections.abc import Iterable
from pathlib import Path

import psycopg

PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"
RESULTS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def fresh_store(kind: str, workdir: Path) -> str:
    """A database URL for an empty store of ``kind`` (sqlite or postgres)."""
    if kind == "sqlite":
        return f"sqlite:///{workdir}/bench-{uuid.uuid4().hex[:8]}.sqlite"
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{PG_DSN}?schema={schema}"


def bench_organisation(tilbud_ids: Iterable[str]) -> str:
    """An organisation file: the default one plus the benchmark's made-up tilbud (the
    services refuse a tilbud not in the organisation); for ``PKRAFT_ORGANISATION_FILE``."""
    from shared.organisation import DEFAULT_FILE

    data = json.loads(DEFAULT_FILE.read_text(encoding="utf-8"))
    tilbud = [{"tilbud_id": t, "kind": "nursing_home", "staff": 1} for t in tilbud_ids]
    centre = {"centre_id": "bench", "label_da": "Benchmark", "tilbud": tilbud}
    data["departments"].append({"department_id": "bench", "centres": [centre]})
    path = Path(tempfile.mkdtemp(prefix="pkraft-bench-org-")) / "organisation.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def drop_store(url: str) -> None:
    if "schema=" in url:
        schema = url.rsplit("schema=", 1)[1]
        with psycopg.connect(PG_DSN, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values)


def replace_section(name: str, body: str) -> None:
    """Replace (or append) the section between markers for ``name`` in docs/benchmarks.md."""
    start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmarks\n"
    block = f"{start}\n{body.rstrip()}\n{end}"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(text)
