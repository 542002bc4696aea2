"""SQLAlchemy Core statements for :mod:`shared.sqldb`, compiled for its connection.

``shared.sqldb`` keeps its own drivers (sqlite3; psycopg with a pool and pipeline mode)
and asks a :class:`Compiler` for the SQL text and parameters of each statement: a plain
string (``?`` placeholders, turned into ``%s`` on PostgreSQL) or a Core statement
(``select``, ``insert``, ``update``, ``delete``, ``text``, DDL such as ``CreateTable``),
compiled once per shape for the dialect (SQLite: positional ``?``, the order of the
names kept with the text; PostgreSQL: psycopg's ``%(x)s``, so an expression repeated in
``GROUP BY`` keeps one parameter) and kept, as
SQLAlchemy's engine keeps it: a statement of the same shape built again, with other
values, reuses the compiled text (its values are taken from the statement's cache key);
one run without parameters keeps its values too. SQLite gets its parameters as a
tuple. ``IN`` lists of plain values are rendered once per list size (the values bound).

Values go to the driver as they are, after the type's bind processor (if any); results
come back as the driver gives them (no result processors: the tables use plain types,
TEXT, INTEGER, BIGINT, DOUBLE PRECISION).
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import psycopg
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import psycopg as pg_psycopg
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import Compiled, SQLCompiler
from sqlalchemy.sql.dml import ValuesBase

Statement = str | ClauseElement
Params = Sequence[Any] | Mapping[str, Any]
Processors = Mapping[str, Callable[[Any], Any]]


@dataclass(frozen=True)
class _Entry:
    compiled: Compiled
    expands: bool  # IN lists (or other post-compile parameters): text made per size
    processors: Processors
    plain_rows: bool = False  # no bind processors: given values go to the driver as they are
    names: frozenset[str] = frozenset()  # the parameter names of the compiled text
    order: tuple[str, ...] = ()  # the names in the order of the text's placeholders
    positional: bool = False  # parameters as a tuple (SQLite) or a mapping (PostgreSQL)
    # IN lists rendered once per list sizes: sizes -> (text, slots: name, given, index)
    sized: dict[tuple[int, ...], tuple[str, tuple[tuple[str, str, int], ...]]] = field(
        default_factory=dict
    )
    lists: tuple[str, ...] = ()  # the names of the expanding IN lists (plain ones only)


def dialect_for(postgres: bool) -> Dialect:
    """The dialect statements are compiled for (with the driver's module, so features
    that depend on its version, such as RETURNING on SQLite, are known)."""
    if postgres:
        return pg_psycopg.dialect(dbapi=psycopg)  # type: ignore[no-untyped-call]
    return sqlite.dialect(paramstyle="qmark", dbapi=sqlite3)


def dialect_insert(postgres: bool, table: Any) -> Any:
    """The dialect's INSERT of ``table`` (with ``on_conflict_do_update`` / ``_do_nothing``)."""
    return postgresql.insert(table) if postgres else sqlite.insert(table)


class Compiler:
    """SQL text and parameters of a statement for one dialect, with compiled forms kept
    (up to ``size`` shapes; the oldest half goes when full)."""

    def __init__(self, postgres: bool, size: int = 2000) -> None:
        self.postgres = postgres
        self.dialect = dialect_for(postgres)
        self._size = size
        self._cache: dict[Any, _Entry] = {}
        self._reused: dict[tuple[int, tuple[str, ...]], tuple[Any, ...]] = {}
        # statements run without parameters (their values are literals): text and values
        self._constant: dict[int, tuple[ClauseElement, str, tuple[Any, ...]]] = {}
        self._lock = threading.Lock()

    def insert(self, table: Any) -> Any:
        """The dialect's INSERT (with ``on_conflict_do_update`` / ``_do_nothing``)."""
        return dialect_insert(self.postgres, table)

    def __call__(self, stmt: Statement, params: Params = ()) -> tuple[str, Any]:
        """The text and the driver's parameters of ``stmt`` (``params``: a sequence for a
        string, a mapping of ``bindparam`` values for a Core statement)."""
        if isinstance(stmt, str):
            return self._string(stmt), tuple(params)
        if not isinstance(params, Mapping):
            if params:
                raise TypeError("a Core statement takes its parameters as a mapping")
            params = {}
        if not params:
            known = self._constant.get(id(stmt))
            if known is not None and known[0] is stmt:
                return known[1], known[2]
        written = isinstance(stmt, ValuesBase) and params  # columns named by the values
        entry, extracted, given = self._lookup(stmt, tuple(params) if written else ())
        if not isinstance(entry.compiled, SQLCompiler):  # DDL: no parameters
            return entry.compiled.string, ()
        if entry.plain_rows and entry.names == params.keys() and given <= params.keys():
            if entry.lists:
                return _sized(entry, params)
            if not entry.expands:  # the parameters as they are, in the text's order
                if not entry.positional:
                    return entry.compiled.string, dict(params)
                return entry.compiled.string, tuple([params[n] for n in entry.order])
        values = entry.compiled.construct_params(
            params=dict(params) or None, extracted_parameters=extracted
        )
        if entry.expands:
            state = entry.compiled.construct_expanded_state(values)
            done = _processed(state.parameters, state.processors)
            if not entry.positional:
                return state.statement, done
            return state.statement, tuple([done[n] for n in state.positiontup or ()])
        done = _processed(values, entry.processors)
        found = entry.compiled.string, _ordered(entry, done)
        if not params and extracted is not None:  # the same values every time it runs
            with self._lock:
                if len(self._constant) >= self._size:
                    self._constant.clear()
                self._constant[id(stmt)] = (stmt, *found)
        return found

    def many(self, stmt: Statement, rows: Sequence[Any]) -> tuple[str, list[Any]]:
        """The text and the parameter sets of ``stmt`` run once per row (rows: sequences
        for a string, mappings of column or ``bindparam`` names for a Core statement;
        every mapping with the keys of the first)."""
        if isinstance(stmt, str):
            return self._string(stmt), [tuple(r) for r in rows]
        entry, extracted, given = self._lookup(stmt, tuple(rows[0]))
        if entry.expands:
            raise TypeError("IN lists cannot run as executemany")
        keys = rows[0].keys()
        order = entry.order
        if entry.plain_rows and given <= keys and entry.names == keys:
            if not entry.positional:
                return entry.compiled.string, [dict(r) for r in rows]
            if len(order) == 1:
                return entry.compiled.string, [(r[order[0]],) for r in rows]
            pick = itemgetter(*order)
            return entry.compiled.string, [pick(r) for r in rows]
        sets = []
        for r in rows:
            values = entry.compiled.construct_params(params=dict(r), extracted_parameters=extracted)
            done = _processed(values or {}, entry.processors)
            sets.append(_ordered(entry, done))
        return entry.compiled.string, sets

    def _string(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def _lookup(
        self, stmt: ClauseElement, column_keys: tuple[str, ...]
    ) -> tuple[_Entry, Any, frozenset[str]]:
        """The compiled form of ``stmt``, the values its cache key extracted and the names
        of those that are ``bindparam``s the caller names (when the caller gives every
        one, its values go to the driver as they are). A statement
        object run again (built once, with ``bindparam``s) is found by identity, without
        working out its cache key again: that costs more than running it on SQLite."""
        index = (id(stmt), column_keys)
        known = self._reused.get(index)
        if known is not None and known[0] is stmt:
            return known[1], known[2], known[3]
        key = stmt._generate_cache_key()
        entry = self._entry(stmt, key, column_keys)
        extracted = key.bindparams if key is not None else None
        given = frozenset(str(b.key) for b in extracted or ())
        if key is not None:
            with self._lock:
                if len(self._reused) >= self._size:
                    self._reused.clear()
                self._reused[index] = (stmt, entry, extracted, given)
        return entry, extracted, given

    def _entry(self, stmt: ClauseElement, key: Any, column_keys: tuple[str, ...]) -> _Entry:
        if key is None:  # not cacheable (DDL, for one): compiled each time
            return self._compile(stmt, None, column_keys)
        index = (key.key, column_keys)
        entry = self._cache.get(index)
        if entry is None:
            entry = self._compile(stmt, key, column_keys)
            with self._lock:
                if len(self._cache) >= self._size:
                    for old in list(self._cache)[: self._size // 2]:
                        del self._cache[old]
                self._cache[index] = entry
        return entry

    def _compile(self, stmt: ClauseElement, key: Any, column_keys: tuple[str, ...]) -> _Entry:
        kw: dict[str, Any] = {"cache_key": key} if key is not None else {}
        if column_keys:
            kw["column_keys"] = list(column_keys)
        compiled = stmt.compile(dialect=self.dialect, **kw)
        expands = isinstance(compiled, SQLCompiler) and bool(
            compiled.post_compile_params or compiled.literal_execute_params
        )
        processors = getattr(compiled, "_bind_processors", {})
        names = frozenset(getattr(compiled, "bind_names", {}).values())
        order = tuple(getattr(compiled, "positiontup", None) or ())
        lists: tuple[str, ...] = ()
        if expands and isinstance(compiled, SQLCompiler) and not compiled.literal_execute_params:
            lists = tuple(str(b.key) for b in compiled.post_compile_params if b.expanding)
            if len(lists) != len(compiled.post_compile_params):
                lists = ()
        positional = bool(getattr(compiled, "positional", False))
        return _Entry(
            compiled, expands, processors, not processors, names, order, positional, lists=lists
        )


def _sized(entry: _Entry, params: Mapping[str, Any]) -> tuple[str, Any]:
    """A statement with IN lists of plain values: its text rendered once per list sizes,
    the values put in the text's order (lists of tuples, ``tuple_(...).in_``, are
    rendered per call)."""
    sizes = tuple(len(params[n]) for n in entry.lists)
    known = entry.sized.get(sizes)
    if known is None:
        compiled = entry.compiled
        assert isinstance(compiled, SQLCompiler)
        if any(isinstance(v, tuple | list) for n in entry.lists for v in params[n]):
            state = compiled.construct_expanded_state(dict(params))
            if not entry.positional:
                return state.statement, dict(state.parameters)
            return state.statement, tuple([state.parameters[n] for n in state.positiontup or ()])
        state = compiled.construct_expanded_state(dict(params))
        slot = {
            x: (name, i) for name, xs in state.parameter_expansion.items() for i, x in enumerate(xs)
        }
        targets = state.positiontup or () if entry.positional else state.parameters
        known = (state.statement, tuple((n, *slot.get(n, (n, -1))) for n in targets))
        if len(entry.sized) >= 256:
            entry.sized.clear()
        entry.sized[sizes] = known
    text, slots = known
    if not entry.positional:
        return text, {t: params[n] if i < 0 else params[n][i] for t, n, i in slots}
    return text, tuple([params[n] if i < 0 else params[n][i] for _, n, i in slots])


def _ordered(entry: _Entry, values: dict[str, Any]) -> Any:
    """``values`` as the driver takes them: in the text's order (SQLite), or by name."""
    return tuple([values[n] for n in entry.order]) if entry.positional else values


def _processed(values: Mapping[str, Any], processors: Processors) -> dict[str, Any]:
    if not processors:
        return dict(values)
    return {k: (processors[k](v) if k in processors else v) for k, v in values.items()}


_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%s|%%")


def numbered(text: str) -> tuple[str, tuple[str | int, ...]]:
    """``text`` (psycopg's ``%(name)s`` or ``%s`` placeholders, ``%%`` for ``%``) with
    PostgreSQL's ``$n``, and what each ``$n`` takes: a name (a name used twice is one
    ``$n``) or the position of a ``%s`` value."""
    slots: dict[str | int, int] = {}

    def number(match: re.Match[str]) -> str:
        if match.group(0) == "%%":
            return "%"
        key: str | int = match.group(1) if match.group(1) else len(slots)
        return f"${slots.setdefault(key, len(slots) + 1)}"

    return _PLACEHOLDER.sub(number, text), tuple(slots)
