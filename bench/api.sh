#!/usr/bin/env bash
# Throughput and latency of GET /api/v1/organizations?q=… over 10,000
# organizations at 32 connections, measured with wrk from another process,
# against GET /healthz as the baseline of the same run.
#   bench/api.sh [sqlite|postgres]      (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-sqlite}
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT
go build -o "$tmp/apiload" ./bench/apiload
"$tmp/apiload" -serve "$tmp/info" -db "$db" ${ACCORD_CPUPROFILE:+-cpuprofile "$ACCORD_CPUPROFILE"} &
while [ ! -s "$tmp/info" ]; do sleep 0.2; done
read -r url token < "$tmp/info"
if [ "$db" = postgres ]; then
  # Measure the steady state, not autovacuum catching up with the seeding.
  psql -q -h 127.0.0.1 -U postgres accord_bench -c "VACUUM ANALYZE" -c "CHECKPOINT"
fi
echo "== baseline: GET /healthz, 32 connections, 10 s"
wrk -t2 -c32 -d10s --latency "$url/healthz" | grep -E "Latency|50%|99%|Requests/sec"
echo "== GET /api/v1/organizations?q=… (country | acronym | two words), 32 connections, 10 s"
wrk -t2 -c32 -d10s --latency -s bench/search.lua -H "Authorization: Bearer $token" "$url" | grep -E "Latency|50%|99%|Requests/sec|Non-2xx"
