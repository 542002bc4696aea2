"""Public wire contracts: versioned pydantic models other systems depend on.

They are separate from the aggregates' internal events; each service maps its internal
events onto these. JSON Schemas are generated from them into ``docs/events/``.
"""
