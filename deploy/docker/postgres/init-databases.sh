#!/usr/bin/env bash
# Runs once, when the PostgreSQL volume is new: one database and one user per service (the gateway's
# holds accounts, sign-in sessions and the audit log), so no service can read another's tables.
set -euo pipefail
for service in registration ticketing checkin reporting gateway; do
  var="$(echo "$service" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  password="${!var:?$var must be set (see deploy/.env.example)}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE USER $service WITH PASSWORD '$password';
CREATE DATABASE $service OWNER $service;
REVOKE ALL ON DATABASE $service FROM PUBLIC;
SQL
done
