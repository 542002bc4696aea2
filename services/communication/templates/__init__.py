"""Message templates (package data): one Jinja2 file per message kind."""
