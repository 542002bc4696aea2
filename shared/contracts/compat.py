"""Compatibility check of the wire contracts against the published schemas (``make lint``).

A change that breaks an existing subscriber fails: a field removed or retyped, a new
required field, a value list (``enum``) widened. Such a change needs a new version of the
type (``schema_version``), and the old version's schema file stays published under
docs/events/ beside the new one. The baseline is what git holds at ``--base`` (default
``HEAD``), so the check catches a breaking change before it is committed.

``python -m shared.contracts.compat [--base REF] [docs/events]``
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from shared.contracts.schemas import render


def _shape(prop: dict[str, Any]) -> Any:
    """What a subscriber's parser depends on: types, formats, item types, nullability."""
    if "anyOf" in prop:
        return sorted(json.dumps(_shape(p), sort_keys=True) for p in prop["anyOf"])
    shape: dict[str, Any] = {k: prop[k] for k in ("type", "format", "$ref") if k in prop}
    if "items" in prop and isinstance(prop["items"], dict):
        shape["items"] = _shape(prop["items"])
    return shape


def _enum(prop: dict[str, Any]) -> list[Any] | None:
    values = prop.get("enum")
    return list(values) if isinstance(values, list) else None


def breaking_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Why ``new`` breaks a subscriber written against ``old`` (same type and version)."""
    problems: list[str] = []
    old_props: dict[str, Any] = old.get("properties", {})
    new_props: dict[str, Any] = new.get("properties", {})
    for name, prop in old_props.items():
        if name not in new_props:
            problems.append(f"field {name!r} removed")
            continue
        if _shape(prop) != _shape(new_props[name]):
            problems.append(f"field {name!r} retyped")
        for path, before, after in (
            ("", _enum(prop), _enum(new_props[name])),
            (" items", _enum(prop.get("items", {})), _enum(new_props[name].get("items", {}))),
        ):
            if before is not None and (after is None or set(after) - set(before)):
                problems.append(f"field {name!r}{path} accepts values it did not")
    for name in sorted(set(new.get("required", [])) - set(old.get("required", []))):
        problems.append(f"field {name!r} is newly required")
    if old.get("$defs") != new.get("$defs"):
        problems.append("nested definitions ($defs) changed")
    return problems


def _git_files(base: str, root: str) -> dict[str, str]:
    """Relative path -> content of every schema file under ``root`` at ``base``."""
    listing = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", base, "--", root],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    files: dict[str, str] = {}
    for path in listing:
        if path.endswith(".json") and path.count("/") >= 3:
            blob = subprocess.run(
                ["git", "show", f"{base}:{path}"], capture_output=True, text=True, check=True
            ).stdout
            files[path[len(root) + 1 :]] = blob
    return files


def check(published: dict[str, str], generated: dict[str, str], on_disk: set[str]) -> list[str]:
    """Findings: a published schema changed incompatibly, or no longer published."""
    findings: list[str] = []
    for rel, content in sorted(published.items()):
        if not rel.endswith(".json") or rel == "asyncapi.json":
            continue
        if rel in generated:
            old, new = json.loads(content), json.loads(generated[rel])
            findings += [
                f"{rel}: {p} (bump the type's version)" for p in breaking_changes(old, new)
            ]
        elif rel not in on_disk:
            findings.append(f"{rel}: a published version was removed (keep it published)")
    return findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", nargs="?", default="docs/events")
    parser.add_argument("--base", default="HEAD", help="git revision of the published schemas")
    args = parser.parse_args(argv)
    root = Path(args.root)
    published = _git_files(args.base, args.root.rstrip("/"))
    on_disk = {str(p.relative_to(root)) for p in root.rglob("*.json")}
    findings = check(published, render(), on_disk)
    for finding in findings:
        print(f"contract compatibility: {finding}", file=sys.stderr)
    print(f"contract compatibility: {len(published)} published schemas checked")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
