"""Reference data files shipped with the code (the organisation)."""
