#!/usr/bin/env bash
# Runs the append benchmark and, in the same run and on the same disk,
# RocksDB's own db_bench (Debian package rocksdb-tools) as the yardstick;
# prints both and the ratios the performance goals are stated in. Builds
# nothing: build bench_append first (it is part of the default build).
#
#   tools/bench/append.sh [BUILD_DIR] [WORK_DIR]
#
# BUILD_DIR defaults to build/, WORK_DIR (the disk measured) to a fresh
# directory under /var/tmp. EVENTS (default 300000) sets the run's size.
# IN_FLIGHT=N adds a durable run whose appenders keep N appends in flight
# each (the goal is stated for one), with its ratio to the same db_bench.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/bench/machine.sh

build_dir="${1:-build}"
work_dir="${2:-}"
own_work_dir=""
if [ -z "$work_dir" ]; then
  work_dir="$(mktemp -d /var/tmp/streamhub-bench-XXXXXX)"
  own_work_dir="$work_dir"
fi
events="${EVENTS:-300000}"
bench="$build_dir/tools/bench/bench_append"
db_bench="${DB_BENCH:-/usr/bin/db_bench}"

[ -x "$bench" ] || { echo "append.sh: $bench not built" >&2; exit 1; }
[ -x "$db_bench" ] || { echo "append.sh: $db_bench missing (apt-get install rocksdb-tools)" >&2; exit 1; }
mkdir -p "$work_dir"
# A directory this script made goes whole; one given to it keeps all but
# the logs written here.
trap 'rm -rf "$work_dir/ours" "$work_dir/db_bench" ${own_work_dir:+"$own_work_dir"}' EXIT

print_machine "$work_dir"
echo

echo "== db_bench fillseq --sync=1 --batch_size=64 --value_size=200 --num=$events"
db_out="$("$db_bench" --benchmarks=fillseq --sync=1 --batch_size=64 --value_size=200 \
  --num="$events" --db="$work_dir/db_bench" --disable_wal=false 2>&1)"
echo "$db_out" | grep -E '^fillseq'
db_rate="$(echo "$db_out" | awk '/^fillseq/ {for (i = 1; i <= NF; i++) if ($(i+1) == "ops/sec") print $i}')"
echo

echo "== bench_append --events $events"
ours="$("$bench" --dir "$work_dir/ours" --events "$events")"
echo "$ours" | grep -v '^json: '
json="$(echo "$ours" | sed -n 's/^json: //p')"
rate() { echo "$json" | grep -o "\"$1\":{[^}]*}" | grep -o '"events_per_s":[0-9.]*' | cut -d: -f2; }
durable="$(rate durable)"
one_sync="$(rate one-sync)"
read_all="$(rate read_all)"
echo
pipelined=""
if [ -n "${IN_FLIGHT:-}" ]; then
  echo "== bench_append --events $events --modes durable --in-flight $IN_FLIGHT"
  piped="$("$bench" --dir "$work_dir/ours" --events "$events" --modes durable --in-flight "$IN_FLIGHT")"
  echo "$piped" | grep -v '^json: '
  pipelined="$(echo "$piped" | sed -n 's/^json: //p' | grep -o '"events_per_s":[0-9.]*' | cut -d: -f2)"
  echo
fi

awk -v d="$durable" -v db="$db_rate" -v o="$one_sync" -v r="$read_all" -v p="$pipelined" \
  -v n="${IN_FLIGHT:-}" 'BEGIN {
  printf "durable / db_bench          %6.2f   (goal >= 0.70; %d vs %d events/s)\n", d / db, d, db
  printf "durable / one sync per add  %6.1fx  (goal >= 20x; %d vs %d events/s)\n", d / o, d, o
  printf "read_all                    %9d events/s (goal >= 1,000,000)\n", r
  if (p != "") printf "durable, %s in flight / db_bench %4.2f   (%d vs %d events/s)\n", n, p / db, p, db
}'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
