#!/usr/bin/env bash
# Adds an EF Core migration of the same name to both providers' sets (SQLite and PostgreSQL), from the
# current model, with the repository's own dotnet-ef (dotnet-tools.json). No database is needed.
#
#   bash build/add-migration.sh AddConsentSource
#
# Review both generated migrations (the SQLite one may rebuild a table), then build: the specs apply
# every migration to both databases. See docs/migrations.md.
set -euo pipefail

name=${1:?usage: bash build/add-migration.sh <MigrationName>}
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet tool restore >/dev/null
for provider in Sqlite PostgreSql; do
  dotnet ef migrations add "$name" --project "src/NetworkHub.Migrations.$provider"
done
