"""Base classes and conventions for wire events."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

CE_TYPE_PREFIX = "dk.aarhus.pkraft"
SCHEMA_BASE = "https://pkraft.aarhus.dk/events"


def personal(description: str, **kwargs: Any) -> Any:
    """A field holding personal data; marked ``x-personal-data`` in the JSON Schema."""
    return Field(description=description, json_schema_extra={"x-personal-data": True}, **kwargs)


def code(description: str, values: tuple[str, ...], *, many: bool = False, **kwargs: Any) -> Any:
    """A field whose value (or, with ``many``, each item) is one of ``values``: a JSON
    Schema ``enum``, enforced when the event is built, so the services send only those."""
    allowed: list[Any] = list(values)
    if many:
        extra: dict[str, Any] = {"items": {"type": "string", "enum": allowed}}
    else:
        nullable = "default" in kwargs and kwargs["default"] is None
        extra = {"enum": [*allowed, None] if nullable else allowed}
    extra["x-codes"] = list(values)
    return Field(description=description, json_schema_extra=extra, **kwargs)


class WireEvent(BaseModel):
    """Base of every published event. Subclasses set ``name`` and ``schema_version``."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    domain: ClassVar[str] = ""
    name: ClassVar[str] = ""
    schema_version: ClassVar[int] = 1

    occurred_at: datetime = Field(description="When the change was recorded (UTC).")
    actor: str = Field(description="User id of who did it, or `system`.")

    @model_validator(mode="after")
    def _codes_listed(self) -> WireEvent:
        for name, info in type(self).model_fields.items():
            extra = info.json_schema_extra
            codes = extra.get("x-codes") if isinstance(extra, dict) else None
            value = getattr(self, name)
            if not isinstance(codes, list) or value is None:
                continue
            for item in value if isinstance(value, list) else [value]:
                if item not in codes:
                    raise ValueError(f"{name}: {item!r} is not one of {codes}")
        return self

    @classmethod
    def ce_type(cls) -> str:
        """The CloudEvents ``type``, e.g. ``dk.aarhus.pkraft.cases.relative_added.v1``."""
        return f"{CE_TYPE_PREFIX}.{cls.domain}.{cls.name}.v{cls.schema_version}"

    @classmethod
    def dataschema(cls) -> str:
        return f"{SCHEMA_BASE}/{cls.domain}/{cls.name}.v{cls.schema_version}.json"


class Registry:
    """Maps CloudEvents types to wire models, for consumers."""

    def __init__(self) -> None:
        self._by_type: dict[str, type[WireEvent]] = {}
        self._legacy: dict[str, type[WireEvent]] = {}

    def register(self, model: type[WireEvent]) -> type[WireEvent]:
        self._by_type[model.ce_type()] = model
        return model

    def accept_legacy(self, ce_type: str, model: type[WireEvent]) -> None:
        """Parse records of a withdrawn type ``ce_type`` (no longer published) as ``model``."""
        self._legacy[ce_type] = model

    def legacy_types(self) -> dict[str, type[WireEvent]]:
        return dict(self._legacy)

    def model_for(self, ce_type: str) -> type[WireEvent] | None:
        return self._by_type.get(ce_type) or self._legacy.get(ce_type)

    def models(self) -> list[type[WireEvent]]:
        return list(self._by_type.values())
