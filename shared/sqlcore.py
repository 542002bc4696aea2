"""SQLAlchemy Core statements for :mod:`shared.sqldb`, compiled for its connection.

``shared.sqldb`` keeps its own drivers (sqlite3; psycopg with a pool and pipeline mode)
and asks a :class:`Compiler` for the SQL text and parameters of each statement: a plain
string (``?`` placeholders, turned into ``%s`` on PostgreSQL) or a Core statement
(``select``, ``insert``, ``update``, ``delete``, ``text``, DDL such as ``CreateTable``),
compiled once per shape for the dialect (SQLite: named ``:x`` parameters; PostgreSQL:
psycopg's ``%(x)s``) and kept, as SQLAlchemy's engine keeps it: a statement of the same
shape built again, with other values, reuses the compiled text (its values are taken
from the statement's cache key). ``IN`` lists are expanded per call.

Values go to the driver as they are, after the type's bind processor (if any); results
come back as the driver gives them (no result processors: the tables use plain types,
TEXT, INTEGER, BIGINT, DOUBLE PRECISION).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
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
    expands: bool  # IN lists (or other post-compile parameters): text made per call
    processors: Processors
    plain_rows: bool = False  # no bind processors: given values go to the driver as they are
    names: frozenset[str] = frozenset()  # the parameter names of the compiled text


def dialect_for(postgres: bool) -> Dialect:
    """The dialect statements are compiled for (with the driver's module, so features
    that depend on its version, such as RETURNING on SQLite, are known)."""
    if postgres:
        return pg_psycopg.dialect(dbapi=psycopg)  # type: ignore[no-untyped-call]
    return sqlite.dialect(paramstyle="named", dbapi=sqlite3)


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
        written = isinstance(stmt, ValuesBase) and params  # columns named by the values
        entry, extracted, given = self._lookup(stmt, tuple(params) if written else ())
        if not isinstance(entry.compiled, SQLCompiler):  # DDL: no parameters
            return entry.compiled.string, ()
        plain = entry.plain_rows and not entry.expands and entry.names == params.keys()
        if plain and given <= params.keys():
            return entry.compiled.string, dict(params)  # the parameters as they are
        values = entry.compiled.construct_params(
            params=dict(params) or None, extracted_parameters=extracted
        )
        if entry.expands:
            state = entry.compiled.construct_expanded_state(values)
            return state.statement, _processed(state.parameters, state.processors)
        return entry.compiled.string, _processed(values, entry.processors)

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
        if entry.plain_rows and given <= keys and entry.names == keys:
            return entry.compiled.string, [dict(r) for r in rows]
        sets = [
            _processed(
                entry.compiled.construct_params(params=dict(r), extracted_parameters=extracted)
                or {},
                entry.processors,
            )
            for r in rows
        ]
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
        return _Entry(compiled, expands, processors, not processors, names)


def _processed(values: Mapping[str, Any], processors: Processors) -> dict[str, Any]:
    if not processors:
        return dict(values)
    return {k: (processors[k](v) if k in processors else v) for k, v in values.items()}
