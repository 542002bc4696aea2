"""The ``pkraft`` command line: dev runner, embedded broker, tokens, service entrypoints."""
