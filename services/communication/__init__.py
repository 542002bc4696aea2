"""Communication service: consent-gated messages to relatives and staff."""
