#!/usr/bin/env bash
# Instruction counts per operation, memkit against its peer, under callgrind.
# Instruction counts do not drift with machine load the way times do.
#
#   crates/memkit-bench/callgrind.sh bytes/clone_shared bytes/put_slice_small
#
# Each case runs alone (--only) for ITERS + 1 operations and for 1; the
# difference divided by ITERS is the cost of one operation, without the
# program's start-up or the case's setup.
set -euo pipefail
cd "$(dirname "$0")/../.."
ITERS="${ITERS:-100000}"
cargo build --release -q -p memkit-bench
bin=target/release/memkit-bench

count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" --only "$1" --impl "$2" --iters "$3" 2>&1 |
    awk '/Collected/ { print $4 }'
}

printf '%-32s %12s %12s %8s\n' case memkit peer ratio
for case in "$@"; do
  per_op=()
  for side in memkit peer; do
    full=$(count "$case" "$side" "$((ITERS + 1))")
    base=$(count "$case" "$side" 1)
    per_op+=("$(( (full - base) / ITERS ))")
  done
  ratio=$(awk -v a="${per_op[0]}" -v b="${per_op[1]}" 'BEGIN { printf "%.2f", a / b }')
  printf '%-32s %12s %12s %8s\n' "$case" "${per_op[0]}" "${per_op[1]}" "$ratio"
done
