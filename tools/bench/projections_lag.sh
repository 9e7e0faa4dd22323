#!/usr/bin/env bash
# Runs the live-lag benchmark (bench_projections_lag): the projection runtime
# on a RocksDB log and a throwaway PostgreSQL while generated traffic is
# appended at a fixed rate; prints the machine first. Builds nothing: build
# bench_projections_lag first.
#
#   tools/bench/projections_lag.sh [BUILD_DIR] [WORK_DIR]
#
# BUILD_DIR defaults to build/, WORK_DIR to /var/tmp/streamhub-lag-bench
# (emptied by every run). RATE (default 20000) sets the events appended per
# second, SECONDS_PACED (default 30) the length of the run; extra flags for
# the benchmark (--log-async, --pg-no-fsync) go in LAG_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/bench/machine.sh

build_dir="${1:-build}"
work_dir="${2:-/var/tmp/streamhub-lag-bench}"
bench="$build_dir/tools/bench/bench_projections_lag"

[ -x "$bench" ] || { echo "projections_lag.sh: $bench not built" >&2; exit 1; }
mkdir -p "$work_dir"

print_machine "$work_dir" pg
status=0
# shellcheck disable=SC2086
"$bench" --rate "${RATE:-20000}" --seconds "${SECONDS_PACED:-30}" --dir "$work_dir" \
  ${LAG_FLAGS:-} || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
