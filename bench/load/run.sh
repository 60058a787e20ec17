#!/usr/bin/env bash
# Load benchmark of the case manager's screens (issue 8): the Gestore's worklist, the patient
# file of many patients and the patient search (issue 17: surname or codice fiscale prefix, at
# SEARCH_RATE), on PostgreSQL with the demo region of 1,000,000 persons, at a constant
# rate with wrk on loopback. Self-contained: installs wrk and PostgreSQL if missing (Debian, as
# root), starts its own PostgreSQL cluster, builds the region once (reused by later runs), starts
# the web application in Release, signs in as the demo case manager, measures, and stops
# everything it started on exit. See bench/README.md, section "Carico web".
#
#   bash bench/load/run.sh                      # 500 req/s, 60 s per screen after 20 s of warm-up
#   RATE=300 DURATION=30 bash bench/load/run.sh
#   SEARCH_RATE=200 bash bench/load/run.sh      # rate of the patient search (default 200 req/s)
#   REBUILD=1 bash bench/load/run.sh            # regenerate the region
set -euo pipefail

RATE=${RATE:-500}
SEARCH_RATE=${SEARCH_RATE:-200}
DURATION=${DURATION:-60}
WARMUP=${WARMUP:-20}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PEOPLE=${PEOPLE:-1000000}
PG_PORT=${PG_PORT:-55436}
# Connections to PostgreSQL: (2 × cores) + 1, the PostgreSQL wiki's starting point. More
# backends than cores only add sleeping processes to wake on every statement (decision 0102).
POOL=${POOL:-$(( 2 * $(nproc) + 1 ))}
WEB_PORT=${WEB_PORT:-5090}
WORK=${BENCH_DIR:-/tmp/territorio-load}
REBUILD=${REBUILD:-0}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

repo=$(cd "$(dirname "$0")/../.." && pwd)
here="$repo/bench/load"
mkdir -p "$WORK"
results="$WORK/results-$(date +%Y%m%d-%H%M%S).txt"
web_pid=""
pg_started=0

log() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$results" >&2; }

cleanup() {
  if [[ -n "$web_pid" ]] && kill -0 "$web_pid" 2>/dev/null; then
    kill "$web_pid" 2>/dev/null || true
    wait "$web_pid" 2>/dev/null || true
  fi
  if [[ $pg_started == 1 ]]; then
    su postgres -c "$PG_BIN/pg_ctl -D $WORK/pg/data -m fast stop" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT INT TERM

install_if_missing() { # command package
  if ! command -v "$1" >/dev/null 2>&1 && [[ ! -x "$1" ]]; then
    log "installo $2"
    apt-get install -y "$2" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }
  fi
}
install_if_missing wrk wrk
install_if_missing "$PG_BIN/postgres" postgresql

# PostgreSQL: a cluster of the benchmark's own, on loopback; durability settings left at their
# defaults (fsync, synchronous_commit on): every access-log write is committed to disk.
if [[ ! -d "$WORK/pg/data" ]]; then
  mkdir -p "$WORK/pg" && chown postgres:postgres "$WORK/pg"
  su postgres -c "$PG_BIN/initdb -D $WORK/pg/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
fi
if su postgres -c "$PG_BIN/pg_ctl -D $WORK/pg/data status" >/dev/null 2>&1; then
  log "PostgreSQL già avviato su $WORK/pg/data: lo uso e lo lascio acceso"
else
  su postgres -c "$PG_BIN/pg_ctl -D $WORK/pg/data -l $WORK/pg/log -w -o '-p $PG_PORT -c listen_addresses=127.0.0.1 -k $WORK/pg -c shared_buffers=1GB -c max_connections=200' start" >/dev/null
  pg_started=1
fi
psql_() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -Atq "$@"; }

export Database__Provider=Postgres
export ConnectionStrings__Territorio="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=territorio_load;Maximum Pool Size=$POOL"
export Database__DataDirectory="$WORK/data"

log "build Release"
dotnet build "$repo/src/Territorio.Cli" -c Release -v q -nologo >/dev/null
territorio="$repo/src/Territorio.Cli/bin/Release/net10.0/linux-x64/territorio"

exists=$(psql_ -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'territorio_load'")
if [[ $REBUILD == 1 || -z "$exists" ]] || [[ -z "$(psql_ -d territorio_load -c "SELECT 1 FROM worklist_cases LIMIT 1" 2>/dev/null)" ]]; then
  psql_ -d postgres -c "DROP DATABASE IF EXISTS territorio_load" -c "CREATE DATABASE territorio_load"
  log "regione demo di $PEOPLE assistiti su PostgreSQL"
  start=$(date +%s)
  "$territorio" demo run --people "$PEOPLE" --no-serve | tee -a "$results"
  log "regione costruita in $(( $(date +%s) - start )) s"
  psql_ -d territorio_load -c "VACUUM ANALYZE"
else
  log "regione esistente riusata (REBUILD=1 per rigenerarla)"
fi
psql_ -d territorio_load -c "SELECT 'volumi: ' || (SELECT count(*) FROM residents) || ' assistiti, ' || (SELECT count(*) FROM patti_di_cura) || ' patti, ' || (SELECT count(*) FROM pais) || ' PAI, ' || (SELECT count(*) FROM pai_items) || ' voci PAI, ' || (SELECT count(*) FROM bookings) || ' prenotazioni, ' || (SELECT count(*) FROM delivered_services) || ' erogazioni, ' || (SELECT count(*) FROM patient_access_log) || ' righe del registro accessi'" | tee -a "$results"

log "avvio dell'applicazione web (Release) su 127.0.0.1:$WEB_PORT"
"$territorio" demo run --riusa-dati --port "$WEB_PORT" > "$WORK/web.log" 2>&1 &
web_pid=$!
for _ in $(seq 1 120); do
  grep -q "applicazione web:" "$WORK/web.log" && break
  kill -0 "$web_pid" 2>/dev/null || { cat "$WORK/web.log"; exit 1; }
  sleep 1
done
password=$(awk '$1 == "demo.gestore.cm" { print $2 }' "$WORK/web.log")
gestore=$(psql_ -d territorio_load -c "SELECT gestore_id FROM users WHERE user_name = 'demo.gestore.cm'")
[[ -n "$password" && -n "$gestore" ]] || { echo "account demo.gestore.cm non trovato" >&2; cat "$WORK/web.log"; exit 1; }

# Sign in as the case manager through the login form (anti-forgery token and cookie), like a browser.
base="http://127.0.0.1:$WEB_PORT"
jar="$WORK/cookies.txt"
rm -f "$jar"
token=$(curl -s -c "$jar" "$base/Account/Login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "Username=demo.gestore.cm" --data-urlencode "Password=$password" \
  --data-urlencode "__RequestVerificationToken=$token" "$base/Account/Login"
cookie=$(awk '$6 == "territorio.sessione" { print $6 "=" $7 }' "$jar")
[[ -n "$cookie" ]] || { echo "accesso non riuscito" >&2; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/Gestore/Worklist")
[[ $status == 200 ]] || { echo "worklist: HTTP $status" >&2; exit 1; }

# The patients of the Gestore (active pacts): the patient file is read for a random one each time.
ids="$WORK/patients-$gestore.txt"
psql_ -d territorio_load -c "SELECT patient_id FROM patti_di_cura WHERE gestore_id = '$gestore' AND status = 'Active'" > "$ids"
log "Gestore $gestore: $(wc -l < "$ids") pazienti in carico; $(psql_ -d territorio_load -c "SELECT count(*) FROM worklist_cases WHERE gestore_id = '$gestore'") righe della lista"

# What a case manager types in the search box: the first three letters of a patient's surname or
# the first six characters of a codice fiscale (surname and name), of the Gestore's own patients.
terms="$WORK/search-terms-$gestore.txt"
psql_ -d territorio_load -c "SELECT term FROM (
    SELECT left(r.surname_key, 3) AS term FROM residents r JOIN patti_di_cura p ON p.patient_id = r.id
     WHERE p.gestore_id = '$gestore' AND p.status = 'Active' AND length(r.surname_key) >= 3
    UNION ALL
    SELECT left(r.fiscal_code, 6) FROM residents r JOIN patti_di_cura p ON p.patient_id = r.id
     WHERE p.gestore_id = '$gestore' AND p.status = 'Active' AND r.fiscal_code IS NOT NULL) t" > "$terms"
[[ -s "$terms" ]] || { echo "nessun cognome o codice fiscale da cercare tra i pazienti del Gestore" >&2; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/Gestore/Pazienti?q=$(head -1 "$terms")")
[[ $status == 200 ]] || { echo "ricerca pazienti: HTTP $status" >&2; exit 1; }
log "ricerca: $(wc -l < "$terms") testi (cognome, 3 lettere; codice fiscale, 6 caratteri)"

# CPU time (ticks) of the web application and of the PostgreSQL server processes: on a shared
# machine the CPU milliseconds per request are the stable figure, latencies depend on the others.
ticks_of() { local t=0 v; for p in "$@"; do v=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0); t=$((t + v)); done; echo "$t"; }
web_ticks() { ticks_of "$web_pid"; }
pg_ticks() { local postmaster; postmaster=$(head -1 "$WORK/pg/data/postmaster.pid"); ticks_of "$postmaster" $(pgrep -P "$postmaster" || true); }

measure() { # name path [ids-file] [rate]
  local name=$1 path=$2 ids=${3:-$ids} RATE=${4:-$RATE}
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "${WARMUP}s" --timeout 5s -s "$here/constant-rate.lua" "$base" -- "$RATE" "$path" "$ids" "$cookie" "$THREADS" >/dev/null
  local load_before; load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  local w0 p0; w0=$(web_ticks); p0=$(pg_ticks)
  local line; line=$(wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --timeout 5s -s "$here/constant-rate.lua" "$base" -- "$RATE" "$path" "$ids" "$cookie" "$THREADS" | grep '^RESULT')
  local n; n=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$line")
  local hz; hz=$(getconf CLK_TCK)
  local cpu; cpu=$(awk -v w=$(( $(web_ticks) - w0 )) -v p=$(( $(pg_ticks) - p0 )) -v n="$n" -v hz="$hz" 'BEGIN { printf "web_cpu_ms_per_req=%.1f pg_cpu_ms_per_req=%.1f", 1000 * w / hz / n, 1000 * p / hz / n }')
  log "$name: target=${RATE}/s connections=$CONNECTIONS threads=$THREADS ${line#RESULT } $cpu load_avg_before=\"$load_before\" load_avg_after=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
}

log "macchina: $(nproc) core, load average $(cut -d' ' -f1-3 /proc/loadavg); connessioni a PostgreSQL: al più $POOL"
measure worklist "/Gestore/Worklist"
measure scheda_paziente "/Gestore/Paziente/{id}"
measure ricerca_pazienti "/Gestore/Pazienti?q={id}" "$terms" "$SEARCH_RATE"
log "registro accessi: $(psql_ -d territorio_load -c "SELECT count(*) FROM patient_access_log") righe"
log "risultati in $results"
