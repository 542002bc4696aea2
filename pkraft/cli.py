"""The ``pkraft`` command."""

from __future__ import annotations

import asyncio
import base64
import os
from pathlib import Path

import typer

from pkraft.store import cli as store_cli
from services.cases.entrypoints.cli import cli as cases_cli
from services.cases.entrypoints.cli_access import access_log_cli
from services.cases.entrypoints.cli_insight import export as privacy_export
from services.cases.entrypoints.cli_privacy import privacy_cli, rotate_master_key
from services.cases.entrypoints.cli_retention import retention
from services.cases.entrypoints.cli_verify import verify as cases_verify
from services.communication.entrypoints.cli import cli as communication_cli
from services.console.entrypoints.cli import cli as console_cli
from services.councils.entrypoints.cli import cli as councils_cli
from services.councils.entrypoints.cli_verify import verify as councils_verify
from services.readside.entrypoints.cli import audit_cli
from services.readside.entrypoints.cli import cli as readside_cli
from shared.auth import Role, issue_token
from shared.config import CommonSettings

app = typer.Typer(help="Pårørendekraft: relatives' collaboration services.", no_args_is_help=True)
app.add_typer(cases_cli, name="cases")
app.add_typer(communication_cli, name="communication")
app.add_typer(console_cli, name="console")
app.add_typer(councils_cli, name="councils")
app.add_typer(readside_cli, name="readside")
app.add_typer(audit_cli, name="audit")
app.add_typer(store_cli, name="store")
app.add_typer(privacy_cli, name="privacy")
cases_cli.command("rotate-master-key")(rotate_master_key)
cases_cli.add_typer(access_log_cli, name="access-log")
cases_cli.command("verify")(cases_verify)
councils_cli.command("verify")(councils_verify)


@cases_cli.command("republish")
def cases_republish(
    from_: int = typer.Option(0, "--from", help="Start after this notification id (0: all)."),
    to: str = typer.Option(..., "--to", help="The topic to publish to (a new subscriber's)."),
) -> None:
    """Publish the cases history again from the store, to another topic (for a new
    subscriber after retention dropped it); docs/events/README.md."""
    from pkraft.republish import republish
    from services.cases.config import CasesSettings

    if to == CasesSettings().topic:
        raise typer.BadParameter("republish to a topic of your own, not the live topic")
    published, last = asyncio.run(republish(CasesSettings(), from_, to))
    typer.echo(f"republished {published} events to {to}; last notification id {last}")


privacy_cli.command("retention")(retention)
privacy_cli.command("export")(privacy_export)


@app.command()
def run(
    broker_port: int = typer.Option(9092, help="Port of the embedded broker."),
    ready_timeout: float = typer.Option(
        180.0, help="Seconds to wait for every process's /readyz before naming the laggards."
    ),
    port_offset: int = typer.Option(
        0, help="Add this to every API, ops and SMTP port (run a second system beside one)."
    ),
) -> None:
    """Start the whole system on embedded defaults (Ctrl-C or SIGTERM stops it)."""
    from pkraft.devrun import run as devrun

    raise typer.Exit(devrun(broker_port, ready_timeout, port_offset))


@app.command()
def broker(port: int = typer.Option(9092, help="Port to listen on.")) -> None:
    """Run the embedded Kafka-protocol broker (Tansu, memory only) in the foreground."""
    from pkraft.broker import start_tansu

    try:
        proc = start_tansu(port, log=None)
    except RuntimeError as exc:
        typer.echo(f"! {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Tansu listening on 127.0.0.1:{port}")
    try:
        proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait(timeout=10)


@app.command()
def topics() -> None:
    """Create every topic with the configured partition count."""
    import asyncio

    from pkraft.processes import TOPICS
    from shared.kafka.clients import ensure_topics

    created = asyncio.run(ensure_topics(CommonSettings(), TOPICS))
    typer.echo(f"created: {', '.join(created) or 'none (all existed)'}")


@app.command()
def tail(
    topic: str = typer.Argument("pkraft.cases.v1", help="Topic to print."),
    from_beginning: bool = typer.Option(False, "--from-beginning", help="Start at offset 0."),
    follow: bool | None = typer.Option(
        None,
        "--follow/--no-follow",
        help="Keep printing what arrives (until Ctrl-C), or stop at the end of the topic. "
        "Default: stop at the end with --from-beginning, follow without it.",
    ),
    limit: int | None = typer.Option(None, help="Stop after this many events."),
    data: bool = typer.Option(False, "--data", help="Print each event's payload too."),
) -> None:
    """Print the CloudEvents on a topic (partition/offset, type and ce_id per line)."""
    from pkraft.tail import run as run_tail

    keep_going = (not from_beginning) if follow is None else follow
    raise typer.Exit(run_tail(topic, from_beginning, limit, data, keep_going))


dlq_cli = typer.Typer(help="Dead-letter topics.", no_args_is_help=True)
app.add_typer(dlq_cli, name="dlq")


@dlq_cli.command("replay")
def dlq_replay(
    topic: str = typer.Argument(..., help="The source topic, e.g. pkraft.cases.v1."),
    reason: list[str] = typer.Option(
        [],
        "--reason",
        help="Only these reasons (retries_exhausted, malformed, not_a_cloudevent, unreadable, "
        "foreign_source, unknown_type, unknown_topic); the others stay replayable.",
    ),
) -> None:
    """Send the messages parked in TOPIC.dlq back to TOPIC (after a fix or an outage);
    what an earlier replay sent back is not sent again."""
    import asyncio

    from shared.kafka.dlq import replay_dead_letters

    done = asyncio.run(replay_dead_letters(CommonSettings(), topic, reasons=set(reason) or None))
    typer.echo(f"republished {done.republished}: {done.by_reason}")


@app.command()
def token(
    role: list[str] = typer.Option(
        ..., "--role", help="Role(s): " + ", ".join(r.value for r in Role)
    ),
    sub: str = typer.Option("dev-user", help="The user id (subject)."),
    ttl: int = typer.Option(8 * 3600, help="Lifetime in seconds."),
    private_key_file: str = typer.Option("", help="PEM private key for RS256."),
) -> None:
    """Issue a token for development (HS256 with the configured secret, or RS256)."""
    known = {r.value for r in Role}
    unknown = [r for r in role if r not in known]
    if unknown:
        raise typer.BadParameter(f"unknown role(s): {', '.join(unknown)}")
    key = Path(private_key_file).read_text() if private_key_file else None
    typer.echo(issue_token(CommonSettings(), sub, role, ttl, private_key=key))


@app.command()
def keygen() -> None:
    """Print a fresh AES-256 key, to be written to a file for a service's master key
    (PKRAFT_CASES_MASTER_KEY_FILE: `pkraft keygen > cases-master.key`)."""
    typer.echo(base64.b64encode(os.urandom(32)).decode())


def main() -> None:
    app()


if __name__ == "__main__":
    main()
