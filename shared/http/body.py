"""The base of every API's request bodies: no field the model does not declare, and an
integer or a boolean is a JSON number or ``true``/``false``, never a string or the other
(``"level": "3"`` or ``"level": true`` is 422 ``invalid_request`` like ``"capacity":
"5"``; before, pydantic's lax mode took ``"3"`` as 3 and ``true`` as 1 on some endpoints).

FastAPI validates a parsed body as Python data, where pydantic's model-wide ``strict``
would also refuse a date, a UUID or an enum given as its JSON string; so the strictness
is per field: an ``int`` is declared ``StrictInt`` and a ``bool`` ``StrictBool`` (the
OpenAPI still says ``integer`` and ``boolean``). A body model with a lax one is refused
when its class is made (``TypeError``), so no endpoint can take a loose one again.
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict
from pydantic.fields import FieldInfo
from pydantic.types import Strict


def _strict(metadata: list[Any] | tuple[Any, ...]) -> bool:
    return any(isinstance(m, Strict) and m.strict for m in metadata)


def _lax_in(annotation: Any, metadata: list[Any] | tuple[Any, ...] = ()) -> bool:
    """Whether ``annotation`` (with its ``Annotated`` metadata) takes an int or a bool
    in lax mode, at the top or inside a list, dict, union or model that is no body."""
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *more = get_args(annotation)
        return _lax_in(inner, (*metadata, *more))
    if annotation in (int, bool):
        return not _strict(metadata)
    if origin in (Union, types.UnionType, list, tuple, set, frozenset, dict):
        return any(_lax_in(arg) for arg in get_args(annotation) if arg is not Ellipsis)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if issubclass(annotation, RequestBody):
            return False  # checked when it was made
        return bool(lax_fields(annotation))
    return False


def _lax_field(field: FieldInfo) -> bool:
    return _lax_in(field.annotation, field.metadata)


def lax_fields(model: type[BaseModel]) -> list[str]:
    """The fields of ``model`` that would take ``"3"`` or ``true`` for an int (or ``1``
    or ``"yes"`` for a bool)."""
    return [name for name, field in model.model_fields.items() if _lax_field(field)]


class RequestBody(BaseModel):
    """A request body: unknown fields refused; every int and bool field strict."""

    model_config = ConfigDict(extra="forbid")

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        lax = lax_fields(cls)
        if lax:
            raise TypeError(
                f"{cls.__qualname__}: {', '.join(lax)} must be declared StrictInt or "
                "StrictBool (pydantic): a request body takes no number as a string"
            )
