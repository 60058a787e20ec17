#!/usr/bin/env bash
# Runs the whole test suite. Integration tests need a real PostgreSQL: give one with
# TERRITORIO_TEST_POSTGRES="Host=…;Port=…;Username=…;Password=…", or this script installs
# Debian's postgresql if missing, starts a throwaway server on loopback and stops it at the end.
# End-to-end tests drive Debian's chromium, installed here when missing; the native rehab check's
# test needs a C toolchain (clang or gcc), installed the same way.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq >/dev/null; apt_updated=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_dir=""
stop_postgres() {
  [ -n "$pg_dir" ] || return 0
  pg_run "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
pg_run() { if [ "$(id -u)" = 0 ]; then su postgres -c "$(printf '%q ' "$@")"; else "$@"; fi; }

start_postgres() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "installing postgresql (apt)…"
    apt_install postgresql
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  fi
  pg_dir=$(mktemp -d /tmp/territorio-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$pg_dir"
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
  pg_run "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  pg_run "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $pg_dir -c max_connections=200 -c fsync=off" start >/dev/null
  export TERRITORIO_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "PostgreSQL started on 127.0.0.1:$port"
}

if [ -z "${TERRITORIO_TEST_POSTGRES:-}" ]; then
  trap stop_postgres EXIT
  start_postgres
fi

if [ -z "${TERRITORIO_CHROMIUM:-}" ]; then
  command -v chromium >/dev/null || { echo "installing chromium (apt)…"; apt_install chromium; }
  export TERRITORIO_CHROMIUM=$(command -v chromium)
fi

# PDF letters and pacts (PDFsharp) need a TrueType font.
if [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && [ -z "${TERRITORIO_FONTS:-}" ]; then
  echo "installing fonts-dejavu-core (apt)…"; apt_install fonts-dejavu-core
fi

# The native territorio-rehab is published ahead of time by its test (NativeAOT links with a C toolchain).
if ! command -v clang >/dev/null && ! command -v gcc >/dev/null; then
  echo "installing clang, zlib1g-dev (apt)…"; apt_install clang zlib1g-dev
fi

# The benchmarks are no test project, so dotnet test does not build them: built here so that a
# change of an API they use fails the suite instead of the next measurement.
dotnet build bench/Territorio.Bench -c Release -v quiet -nologo

# Both executables publish as users deploy them: the framework-dependent territorio and the native
# territorio-rehab, each from the shared Territorio.Rehab.Pipeline (issue 19). The native one is the
# executable its test runs (TERRITORIO_REHAB_NATIVE), so it is compiled once.
publish_dir=$(mktemp -d /tmp/territorio-publish.XXXXXX)
dotnet publish src/Territorio.Cli -c Release -v quiet -nologo -o "$publish_dir/territorio"
dotnet publish src/Territorio.Rehab.Batch -c Release -v quiet -nologo -o "$publish_dir/territorio-rehab"
export TERRITORIO_REHAB_NATIVE="$publish_dir/territorio-rehab/territorio-rehab"

log=$(mktemp /tmp/territorio-test.XXXXXX)
set +e
dotnet test --solution Territorio.slnx -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole suite, from dotnet test's own summary.
awk '/Test run summary/ {s=1} s && $1=="failed:" {f=$2} s && $1=="succeeded:" {p=$2} s && $1=="skipped:" {k=$2}
     END { if (p != "") printf "%d passed, %d failed, %d skipped\n", p, f, k }' "$log"
rm -f "$log"
rm -rf "$publish_dir"
exit $status
