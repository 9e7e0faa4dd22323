#!/usr/bin/env bash
# Runs the replay benchmark (bench_projections_replay): a generated log
# replayed into every projection, each against a raw COPY of the rows it
# produced, then all together from one read of the log against a raw COPY of
# all their rows, in the same run; prints the machine first. Builds nothing:
# build bench_projections_replay first.
#
#   tools/bench/projections_replay.sh [BUILD_DIR] [WORK_DIR]
#
# BUILD_DIR defaults to build/, WORK_DIR to /var/tmp/streamhub-replay-bench
# (the generated log is kept there and reused by the next run).
# EVENTS (default 10000000) sets the log's size, PROJECTION (default all)
# one projection, MODE (default both) each, together or both.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/bench/machine.sh

build_dir="${1:-build}"
work_dir="${2:-/var/tmp/streamhub-replay-bench}"
bench="$build_dir/tools/bench/bench_projections_replay"

[ -x "$bench" ] || { echo "projections_replay.sh: $bench not built" >&2; exit 1; }
mkdir -p "$work_dir"

print_machine "$work_dir" pg
"$bench" --events "${EVENTS:-10000000}" --dir "$work_dir" --projection "${PROJECTION:-all}" \
  --mode "${MODE:-both}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
