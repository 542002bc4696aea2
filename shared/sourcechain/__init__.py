"""Tamper evidence where the data is kept: each event store chains its own stored events."""
