"""Tamper evidence where the data is kept: each event store chains its own stored events."""

CHECKPOINT_TYPE = "pkraft.checkpoint"
"""The CloudEvents type of a relay's signed chain head; consumers skip what they do not verify."""
