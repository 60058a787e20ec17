#!/usr/bin/env bash
# Adds the same migration for both providers: scripts/add-migration.sh NAME
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for ctx in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project src/Territorio.Data --context ${ctx}TerritorioDbContext --output-dir Migrations/$ctx
done
