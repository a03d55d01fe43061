#!/usr/bin/env bash
# Throughput of `annals worker` (1, 2 and 3 workers) beside one `annals ingest`,
# all into PostgreSQL, on the 181 pages of the ScrapingHub benchmark written as
# 12 WARC shards. Figures go to docs/scale-out.md.
#
#   cargo build --release -p annals-cli
#   crates/annals-worker/bench/throughput.sh [path/to/annals]
#
# Needs ../shared/data (or $ANNALS_SHARED/data), python3, nats-server (a private
# one is started on a free port and stopped at the end) and PostgreSQL at
# $ANNALS_BENCH_POSTGRES (default postgres://root@127.0.0.1:5432/test; each run
# gets its own schema, dropped afterwards). Workers run with --concurrency 1,
# so N workers analyse with N threads; `annals ingest` uses all cores. A
# worker's time includes its start and its last empty fetch (about 1 s).
set -euo pipefail
cd "$(dirname "$0")/../../.."
bin=$(realpath "${1:-target/release/annals}")
pg=${ANNALS_BENCH_POSTGRES:-postgres://root@127.0.0.1:5432/test}
data=${ANNALS_SHARED:-../shared}/data/extraction/scrapinghub
[ -d "$data/html" ] || { echo "no $data/html: the benchmark needs ../shared/data" >&2; exit 2; }
dir=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  rm -rf "$dir"
}
trap cleanup EXIT

python3 - "$data" "$dir/shards" <<'PY'
import gzip, json, os, sys
data, out = sys.argv[1], sys.argv[2]
os.makedirs(out)
truth = json.load(gzip.open(os.path.join(data, "ground-truth.json.gz")))
ids = sorted(truth)
shards = [open(os.path.join(out, f"shard-{i:02}.warc.gz"), "wb") for i in range(12)]
for n, page in enumerate(ids):
    html = gzip.open(os.path.join(data, "html", page + ".html.gz")).read()
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {truth[page]['url']}\r\n"
            f"WARC-Date: 2024-05-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:bench-{n}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n").encode()
    shards[n % 12].write(gzip.compress(head + block + b"\r\n\r\n"))
for f in shards:
    f.close()
PY

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
nats-server -a 127.0.0.1 -p "$port" -js -sd "$dir/nats" >"$dir/nats.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
export ANNALS_NATS="nats://127.0.0.1:$port"

sep='?'; [[ "$pg" == *\?* ]] && sep='&'
drop() { psql "$pg" -qc "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $1 CASCADE" >/dev/null; }
now() { date +%s.%N; }
report() { # name schema wall-seconds cpu-seconds
  local docs
  docs=$("$bin" stats --format json --db "$pg${sep}schema=$2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
  python3 -c "import sys; d,s,c=$docs,$3,$4; print(f'{sys.argv[1]:<20} {d:>5} documents {s:7.1f} s wall {d/s:6.2f} articles/s   {c:6.1f} s CPU {1000*c/d:5.0f} ms CPU/article')" "$1"
}
# CPU seconds (user + system) of the children this shell has waited for
cpu_now() { awk '{print ($16 + $17) / 100}' /proc/$$/stat; }

schema="scale_bench_ingest_$$"
start=$(now); c0=$(cpu_now)
"$bin" ingest --quiet --db "$pg${sep}schema=$schema" "$dir"/shards/*.warc.gz >/dev/null || true
report "ingest (all cores)" "$schema" "$(python3 -c "print($(now) - $start)")" "$(python3 -c "print($(cpu_now) - $c0)")"
drop "$schema"

for n in 1 2 3; do
  schema="scale_bench_w${n}_$$"
  queue="SCALEBENCH_${n}_$$"
  db="$pg${sep}schema=$schema"
  "$bin" enqueue --json --queue "$queue" "$dir"/shards/*.warc.gz >/dev/null
  start=$(now); c0=$(cpu_now)
  wp=()
  for i in $(seq 1 "$n"); do
    "$bin" worker --quiet --queue "$queue" --db "$db" --concurrency 1 --exit-when-empty >/dev/null 2>"$dir/w$n-$i.log" &
    wp+=($!)
  done
  for p in "${wp[@]}"; do wait "$p" || true; done
  report "$n worker(s)" "$schema" "$(python3 -c "print($(now) - $start)")" "$(python3 -c "print($(cpu_now) - $c0)")"
  drop "$schema"
done
