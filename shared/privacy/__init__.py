"""Privacy by design: per-person data keys (envelope encryption), erasure by key
destruction, and an event mapper that encrypts each declared personal field."""
