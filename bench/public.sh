#!/usr/bin/env bash
# Throughput and latency of the public news page at 64 connections,
# measured with wrk from another process, over 10,000 published news items
# and 100,000 comments,
# against GET /healthz as the baseline of the same run; and the page weight
# of the public home and a news page.
#   bench/public.sh [sqlite|postgres]      (needs wrk: apt-get install wrk)
# Runs: the newest release (what a new release's audience asks for), and
# news pages drawn at random from all 10,000 (a crawler's spread).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-sqlite}
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT
go build -o "$tmp/public" ./bench/public
"$tmp/public" -serve "$tmp" -db "$db" ${ACCORD_CPUPROFILE:+-cpuprofile "$ACCORD_CPUPROFILE"} &
while [ ! -s "$tmp/url.txt" ]; do sleep 0.2; done
read -r url latest < "$tmp/url.txt"
if [ "$db" = postgres ]; then
  psql -q -h 127.0.0.1 -U postgres accord_bench5 -c "VACUUM ANALYZE" -c "CHECKPOINT"
fi
cat > "$tmp/spread.lua" <<LUA
slugs = {}
for line in io.lines("$tmp/slugs.txt") do slugs[#slugs + 1] = line end
request = function() return wrk.format("GET", "/en/news/" .. slugs[math.random(#slugs)]) end
LUA
run() { wrk -t2 -c64 -d10s --latency "$@" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"; }
echo "== baseline: GET /healthz, 64 connections, 10 s"; run "$url/healthz"
echo "== GET /en/news/{newest}, 64 connections, 10 s"; run "$url/en/news/$latest"
echo "== GET /en/news/{any of 10,000}, 64 connections, 10 s"; run -s "$tmp/spread.lua" "$url"
echo "== the same with If-None-Match (a browser or cache revalidating), 64 connections, 10 s"
etag=$(curl -sI "$url/en/news/$latest" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
run -H "If-None-Match: $etag" "$url/en/news/$latest"
