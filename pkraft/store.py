"""``pkraft store restored --service NAME``: run after restoring a service's database."""

from __future__ import annotations

from contextlib import closing

import typer

from shared.eventstore import StoreUrl
from shared.relay.positions import open_positions
from shared.relay.restore import mark_restored
from shared.relay.source import ApplicationLog, NotificationSource

cli = typer.Typer(help="A service's own database (event store, outbox).", no_args_is_help=True)
SERVICES = ("cases", "councils", "communication")


def _source(service: str) -> tuple[NotificationSource, str, str]:
    """The relay's source, database URL and relay name of a service."""
    if service == "cases":
        from services.cases.bootstrap import build_application as build_cases
        from services.cases.config import CasesSettings

        cases = CasesSettings()
        return ApplicationLog(build_cases(cases)), cases.database_url, f"cases->{cases.topic}"
    if service == "councils":
        from services.councils.bootstrap import build_application as build_councils
        from services.councils.config import CouncilsSettings

        councils = CouncilsSettings()
        app = build_councils(councils)
        return ApplicationLog(app), councils.database_url, f"councils->{councils.topic}"
    from services.communication.adapters.outbox import OutboxSource
    from services.communication.adapters.store import SqlStore
    from services.communication.config import CommunicationSettings

    comm = CommunicationSettings()
    store = SqlStore(StoreUrl.parse(comm.database_url))
    return OutboxSource(store.db), comm.database_url, f"communication->{comm.topic}"


@cli.command()
def restored(
    service: str = typer.Option(..., help=f"The restored service: {', '.join(SERVICES)}."),
) -> None:
    """Mark a service's database as restored from a backup: events written from now on
    get new ids, and its relay goes back to the end of the restored store. Run it with
    the service stopped, right after the restore and before starting it again."""
    if service not in SERVICES:
        raise typer.BadParameter(f"one of {', '.join(SERVICES)}", param_hint="--service")
    source, url, relay = _source(service)
    with closing(open_positions(StoreUrl.parse(url))) as positions:
        result = mark_restored(source, positions, [relay])
    typer.echo(
        f"{service}: incarnation {result.incarnation} from notification {result.first_notification}"
    )
    for name, (old, new) in result.relays_moved_back.items():
        typer.echo(f"relay {name}: position {old} -> {new} (it had published the whole store)")
