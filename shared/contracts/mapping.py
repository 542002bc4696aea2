"""Mapping a service's internal events onto its wire contracts, written once: a service
keeps a table of mappers by event name (one per aggregate) and says which ids every event
of an aggregate carries; :func:`translate` adds those, ``occurred_at`` and ``actor``.

A mapper is a :class:`Contract` (the model and the event's own fields) or any callable
building the model. :class:`WireMapping` answers the model (``to_wire(event)``) and, for
the relay, the model's JSON data (:meth:`WireMapping.data`): for a :class:`Contract`
without building the model, by the same fields validated and dumped in pydantic-core
(:class:`_Plan`), the code lists checked as the model's own validator checks them. The
data are those of ``model.model_dump(mode="json")`` (tests/unit/test_wire_data.py); any
value the fast way refuses is built the model's way, so its error is the model's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from shared.contracts.base import WireEvent

Mapper = Callable[[Any, dict[str, Any]], WireEvent]
"""``mapper(event, common)``: the wire event, given the fields every event carries."""
Ids = Callable[[Any, dict[str, Any]], dict[str, Any]]
"""``ids(event, envelope)``: the aggregate's id fields of the wire event."""
Fields = Callable[[Any], dict[str, Any]]
"""``fields(event)``: the wire event's own fields (beside the common ones)."""


def ids(name: str, **from_envelope: Any) -> Ids:
    """``<name>_id`` and ``<name>_version`` (the event's originator and its version), and
    each field of ``from_envelope`` from the event's envelope, else the event, else the
    default given (``ids("case", tilbud_id="")``)."""
    id_field, version_field = f"{name}_id", f"{name}_version"
    extra = tuple(from_envelope.items())

    def of(event: Any, envelope: dict[str, Any]) -> dict[str, Any]:
        found = {id_field: event.originator_id, version_field: event.originator_version}
        for field, default in extra:
            found[field] = envelope.get(field) or getattr(event, field, None) or default
        return found

    return of


class Contract:
    """A mapper by its model and the event's own fields: ``model(**common, **fields(e))``."""

    __slots__ = ("fields", "model")

    def __init__(self, model: type[WireEvent], fields: Fields) -> None:
        self.model = model
        self.fields = fields

    def __call__(self, event: Any, common: dict[str, Any]) -> WireEvent:
        return self.model(**common, **self.fields(event))


def _common(event: Any, ids_of: Ids) -> dict[str, Any]:
    envelope: dict[str, Any] = getattr(event, "envelope", None) or {}
    common = ids_of(event, envelope)
    common["occurred_at"] = event.timestamp
    common["actor"] = event.actor
    return common


def translate(event: Any, mappers: Mapping[str, Mapper], ids_of: Ids) -> WireEvent | None:
    """The wire event of an internal event by its class name (None: it stays internal)."""
    mapper = mappers.get(type(event).__name__)
    if mapper is None:
        return None
    return mapper(event, _common(event, ids_of))


class WireData(NamedTuple):
    """A wire event as its model class and ``model_dump(mode="json")``."""

    model: type[WireEvent]
    occurred_at: datetime
    data: dict[str, Any]


_OWN_VALIDATORS = {"_codes_listed"}  # WireEvent's: the plan checks the code lists itself


class _Plan:
    """A model's fields validated and dumped by pydantic-core without the model's class:
    a twin model of the same fields and config, none of its validators, plus the code
    lists ``WireEvent._codes_listed`` checks. None for a model with other validators or
    serializers (those go the model's way)."""

    def __init__(self, model: type[WireEvent], fields_of: Fields) -> None:
        self.model = model
        self.fields = fields_of
        fields: dict[str, Any] = {n: (f.annotation, f) for n, f in model.model_fields.items()}
        twin: type[BaseModel] = create_model(
            f"{model.__name__}Data", __config__=ConfigDict(**model.model_config), **fields
        )
        self.validate = twin.__pydantic_validator__.validate_python
        self.dump = twin.__pydantic_serializer__.to_python
        self.codes: list[tuple[str, list[Any]]] = []
        for name, info in model.model_fields.items():
            extra = info.json_schema_extra
            codes = extra.get("x-codes") if isinstance(extra, dict) else None
            if isinstance(codes, list):
                self.codes.append((name, codes))

    @staticmethod
    def possible(model: type[WireEvent]) -> bool:
        d = model.__pydantic_decorators__
        own = (
            d.validators,
            d.field_validators,
            d.root_validators,
            d.field_serializers,
            d.model_serializers,
            d.computed_fields,
        )
        return not any(own) and set(d.model_validators) <= _OWN_VALIDATORS

    def __call__(self, values: dict[str, Any]) -> tuple[datetime, dict[str, Any]] | None:
        """(occurred_at, JSON data), or None where the model would refuse them."""
        try:
            made = self.validate(values)
        except ValidationError:
            return None
        for name, codes in self.codes:
            value = getattr(made, name)
            if value is None:
                continue
            for item in value if isinstance(value, list) else (value,):
                if item not in codes:
                    return None
        return made.occurred_at, self.dump(made, mode="json")


class WireMapping:
    """A service's ``to_wire``: ``mappers_of(event)`` gives the mappers of the event's
    aggregate and its ids; ``base`` is the service's contract base class."""

    def __init__(
        self,
        mappers_of: Callable[[Any], tuple[Mapping[str, Mapper], Ids]],
        base: type[WireEvent] = WireEvent,
    ) -> None:
        self._mappers_of = mappers_of
        self._base = base
        self._plans: dict[Mapper, _Plan | None] = {}

    def __call__(self, event: Any) -> WireEvent | None:
        """The public contract for an internal event (None for events that stay internal)."""
        mappers, ids_of = self._mappers_of(event)
        found = translate(event, mappers, ids_of)
        return found if isinstance(found, self._base) else None

    def data(self, event: Any) -> WireData | None:
        """What ``self(event)`` dumps to JSON, for the relay (None: it stays internal)."""
        mappers, ids_of = self._mappers_of(event)
        mapper = mappers.get(type(event).__name__)
        if mapper is None:
            return None
        plan = self._plans.get(mapper, _UNPLANNED)
        if plan is _UNPLANNED:
            plan = self._plans[mapper] = self._plan(mapper)
        if plan is not None:
            values = _common(event, ids_of)
            common = len(values)
            own = plan.fields(event)
            values.update(own)
            made = plan(values) if len(values) == common + len(own) else None
            if made is not None:
                return WireData(plan.model, *made)
        contract = self(event)  # the model's way: its errors, or a mapper of another kind
        if contract is None:
            return None
        return WireData(type(contract), contract.occurred_at, contract.model_dump(mode="json"))

    def _plan(self, mapper: Mapper) -> _Plan | None:
        if not isinstance(mapper, Contract) or not issubclass(mapper.model, self._base):
            return None
        return _Plan(mapper.model, mapper.fields) if _Plan.possible(mapper.model) else None


_UNPLANNED: Any = object()
