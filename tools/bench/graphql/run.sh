#!/usr/bin/env bash
# The engine against graphql-js and graphql-jit on the same document,
# variables, data and resolvers, in one run (docs/PERFORMANCE.md, "GraphQL
# engine"): the engine's graphql_execute_bench (BM_ParseValidateExecute,
# BM_CachedExecute), then bench.mjs, which prints every case and the ratios.
# Everything runs on one thread, so the ratios are per core.
#
#   tools/bench/graphql/run.sh [BUILD_DIR] [SECONDS]
#
# BUILD_DIR defaults to build/ (graphql_execute_bench must be built there:
# ninja -C build graphql_execute_bench); SECONDS per case, default 3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
build="$(cd "${1:-$repo/build}" && pwd)"
seconds="${2:-3}"

bench="$build/tests/protocol/graphql/execution/graphql_execute_bench"
if [ ! -x "$bench" ]; then
  echo "run.sh: $bench is missing; build it first: ninja -C $build graphql_execute_bench" >&2
  exit 1
fi
if [ ! -d "$here/node_modules" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "node $(node --version), $(basename "$bench") from $build"
echo

ours="$(mktemp)"
log="$(mktemp)"
trap 'rm -f "$ours" "$log"' EXIT
if ! "$bench" --benchmark_filter='^BM_(ParseValidateExecute|ParseExecute|CachedExecute)$' \
    --benchmark_min_time="$seconds" --benchmark_out="$ours" --benchmark_out_format=json >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
node "$here/bench.mjs" --ours "$ours" --seconds "$seconds"
