"""Kafka helpers: producer and admin clients, CloudEvents codec, dead letters."""
