#!/usr/bin/env bash
# Creates one database per service and, for each, the service's own database user.
# PKRAFT_DATABASES lists `database:owner` pairs (space separated); the owner logs in with
# the password in POSTGRES_<OWNER without "pkraft_", upper case>_PASSWORD, owns the
# database (and whatever an earlier run left in it), and no other user but the admin
# (POSTGRES_USER) may connect to it. A plain `database` is owned by POSTGRES_USER.
# Idempotent: runs as the postgres image's init script on the first start and as the
# compose one-shot job `databases` on every `up`, so a service that lands later gets its
# database and user on an existing volume too, and a changed password is applied.
set -euo pipefail

admin="${POSTGRES_USER:-postgres}"
maintenance="${POSTGRES_DB:-postgres}"
name='^[a-z_][a-z0-9_]*$'

sql() {  # sql DATABASE [psql -v NAME=VALUE ...] < script
    local db="$1"
    shift
    psql -v ON_ERROR_STOP=1 -q --username "$admin" --dbname "$db" "$@"
}

for spec in ${PKRAFT_DATABASES:-}; do
    db="${spec%%:*}"
    owner="$admin"
    [[ "$spec" == *:* ]] && owner="${spec#*:}"
    if [[ ! "$db" =~ $name || ! "$owner" =~ $name ]]; then
        echo "refusing database or user name: $spec" >&2
        exit 1
    fi
    if [[ "$owner" != "$admin" ]]; then
        var="POSTGRES_$(tr '[:lower:]' '[:upper:]' <<<"${owner#pkraft_}")_PASSWORD"
        password="${!var:-}"
        if [[ -z "$password" ]]; then
            echo "no password for database user $owner: set $var" >&2
            exit 1
        fi
        sql "$maintenance" -v owner="$owner" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'owner')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L',
              :'owner', :'password') \gexec
SQL
    fi
    exists="$(psql -v ON_ERROR_STOP=1 --username "$admin" --dbname "$maintenance" -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$db'")"
    if [[ "$exists" == "1" ]]; then
        echo "database $db exists"
    else
        sql "$maintenance" -c "CREATE DATABASE \"$db\" OWNER \"$owner\""
        echo "database $db created"
    fi
    sql "$maintenance" -v db="$db" -v owner="$owner" <<'SQL'
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'owner') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \gexec
SELECT format('GRANT ALL ON DATABASE %I TO %I', :'db', :'owner') \gexec
SQL
    if [[ "$owner" != "$admin" ]]; then
        # What an earlier run (one shared user) left in the database moves to its owner.
        sql "$db" -v owner="$owner" <<'SQL'
SELECT format('ALTER SCHEMA %I OWNER TO %I', nspname, :'owner')
FROM pg_namespace
WHERE nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
  AND nspname NOT LIKE 'pg\_%' AND nspname <> 'information_schema' \gexec
SELECT format('ALTER TABLE %s OWNER TO %I', c.oid::regclass, :'owner')
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
  AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
  AND (c.relkind IN ('r', 'p', 'v', 'm')
       OR (c.relkind = 'S' AND NOT EXISTS (
           SELECT 1 FROM pg_depend d
           WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))) \gexec
SQL
        echo "database $db belongs to $owner"
    fi
done
