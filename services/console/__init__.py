"""The staff console: a Danish web application over the services' HTTP APIs (port 8100)."""
