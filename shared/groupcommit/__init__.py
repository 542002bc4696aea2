"""Group commit: concurrent commands become one event-store transaction.

The library's recorders serialise inserts (PostgreSQL takes a table lock per insert to
keep notification ids in commit order), so one transaction per command caps the write
rate at the commit latency. A single writer thread drains the queue of commands that
arrived while the previous batch committed, applies them to their aggregates in arrival
order (the same aggregate twice in a batch sees the first command's effect), and saves
every changed aggregate with one ``Application.save`` call, i.e. one transaction.

The writer keeps its own cache of the aggregates it wrote (only the writer thread
touches it, so no copies are needed: the library's repository cache would deep-copy
and re-read the store for every command); another writer (a second instance) is
detected by the store's optimistic concurrency control, which evicts the stale copy and
retries.

Commands change the cached aggregate in place. A command that fails once it started
changing an aggregate (a rule broken after an event, a bug, any exception) must leave
no trace, so the aggregate is thrown away and rebuilt: the stored state plus the events
this batch's earlier commands already added (``_discard``). Failures are rare, so the
common path copies nothing.

The package: :mod:`~shared.groupcommit.command` (``Command``, ``Done``, waking the
waiting event loops), :mod:`~shared.groupcommit.batch` (applying a batch to its
aggregates, the writer's cache, rebuilding after a failure, conflicts) and
:mod:`~shared.groupcommit.committer` (``GroupCommitter``: the queue and the writer
thread).
"""

from shared.groupcommit.command import Command, Done, Stamp
from shared.groupcommit.committer import GroupCommitter

__all__ = ["Command", "Done", "GroupCommitter", "Stamp"]
