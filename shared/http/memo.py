"""FastAPI's per-request work on facts that are fixed once the routes are built, done once.

Solving a route's dependencies, FastAPI (pinned at 0.163.2 in pyproject.toml) works out
again on every request, for every parameter and dependency: whether a parameter's type
is a sequence, whether it is a JSON field, its aliases, and each dependency's cache key
(which walks the callable's generator-ness and scopes). Under load that was about a
sixth of the API's event loop (py-spy, `bench/cases_commands.py`). Each of these is a
pure function of a route's own objects (a parameter's field, a dependency, a type), so
:func:`install` wraps them with a cache keyed by that object; what FastAPI decides is
unchanged. ``tests/unit/test_http_memo.py`` checks the wrapped functions still exist
with these signatures, so a FastAPI upgrade that moves them fails there, not silently.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import fastapi.dependencies.utils as solving

ORIGINALS: dict[str, Callable[..., Any]] = {}  # FastAPI's own, by name (for the test)
_LIMIT = 10_000  # routes' objects are few; a bound in case something new is made per call


class _ByIdentity:
    """Results per object (and flags), by identity; the object is kept alive with it."""

    def __init__(self) -> None:
        self._memo: dict[tuple[int, Any], tuple[Any, Any]] = {}

    def get(self, obj: Any, flags: Any, make: Callable[[], Any]) -> Any:
        held = self._memo.get((id(obj), flags))
        if held is not None and held[0] is obj:
            return held[1]
        result = make()
        if len(self._memo) >= _LIMIT:
            self._memo.clear()
        self._memo[id(obj), flags] = (obj, result)
        return result


def _by_value(fn: Callable[[Any], bool]) -> Callable[[Any], bool]:
    """``fn(annotation)`` remembered per hashable annotation."""
    memo: dict[Any, bool] = {}

    def wrapper(annotation: Any) -> bool:
        try:
            return memo[annotation]
        except KeyError:
            result = memo[annotation] = fn(annotation)
            return result
        except TypeError:  # unhashable: work it out
            return fn(annotation)

    wrapper.__wrapped__ = fn  # type: ignore[attr-defined]
    return wrapper


def install() -> None:
    """Wrap FastAPI's per-request pure functions with caches (once per process)."""
    module: Any = solving
    if getattr(module, "_pkraft_memo", False):
        return
    is_sequence = module.field_annotation_is_sequence
    is_json, aliases_of, cache_key_of = (
        module._is_json_field,
        module._get_param_aliases,
        module._get_cache_key,
    )
    ORIGINALS.update(
        field_annotation_is_sequence=is_sequence,
        _is_json_field=is_json,
        _get_param_aliases=aliases_of,
        _get_cache_key=cache_key_of,
    )
    json_fields, aliases, cache_keys = _ByIdentity(), _ByIdentity(), _ByIdentity()

    def _is_json_field(field: Any) -> bool:
        return bool(json_fields.get(field, None, lambda: is_json(field)))

    def _get_param_aliases(field: Any, *, convert_underscores: bool = False) -> Any:
        return aliases.get(
            field,
            convert_underscores,
            lambda: aliases_of(field, convert_underscores=convert_underscores),
        )

    def _get_cache_key(*, dependant: Any, uses_scopes_cache: Any = None) -> Any:
        # uses_scopes_cache is FastAPI's own memo for one solve; the key depends on the
        # dependency alone.
        return cache_keys.get(
            dependant,
            None,
            lambda: cache_key_of(dependant=dependant, uses_scopes_cache=uses_scopes_cache),
        )

    module.field_annotation_is_sequence = _by_value(is_sequence)
    module._is_json_field = _is_json_field
    module._get_param_aliases = _get_param_aliases
    module._get_cache_key = _get_cache_key
    module._pkraft_memo = True
