"""Baseline: the tables beside the councils event store as release 6acd4e6 made them
(``shared.store_tables``, frozen). Never edit a released revision."""

from shared.store_tables import upgrade_to_baseline as upgrade

revision = "r0001"
down_revision = None
__all__ = ["upgrade"]
