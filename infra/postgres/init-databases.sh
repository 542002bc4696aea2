#!/usr/bin/env bash
# Creates one database per service (names in PKRAFT_DATABASES, space separated), owned
# by POSTGRES_USER. Idempotent: runs as the postgres image's init script on the first
# start and as the compose one-shot job `databases` on every `up`, so a service that
# lands later gets its database on an existing volume too.
set -euo pipefail

user="${POSTGRES_USER:-postgres}"
maintenance="${POSTGRES_DB:-postgres}"

for db in ${PKRAFT_DATABASES:-}; do
    if [[ ! "$db" =~ ^[a-z_][a-z0-9_]*$ ]]; then
        echo "refusing database name: $db" >&2
        exit 1
    fi
    exists="$(psql -v ON_ERROR_STOP=1 --username "$user" --dbname "$maintenance" -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$db'")"
    if [[ "$exists" == "1" ]]; then
        echo "database $db exists"
    else
        psql -v ON_ERROR_STOP=1 --username "$user" --dbname "$maintenance" \
            -c "CREATE DATABASE \"$db\" OWNER \"$user\""
        echo "database $db created"
    fi
done
