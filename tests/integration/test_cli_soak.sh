#!/usr/bin/env bash
# The kill -9 trials of bench/soak, CI-sized: 20 trials, each queueing edits
# through `deskpane --add/--edit/--delete` and killing a `deskpane --sync` in
# flight against deskpane-spemu (--latency), then checking integrity_check,
# that every edit is on the server exactly once or still queued, and that the
# next sync converges (cache and server compared item by item). bench/soak
# stops every process it starts by its PID. Under 2 minutes on two cores.
# Prints "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source_dir="${DESKPANE_SOURCE_DIR:-$(cd "$here/../.." && pwd)}"
export DESKPANE_BIN_DIR="${DESKPANE_BIN_DIR:-$source_dir/build/bin}"
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { local d=$1; shift; if "$@"; then ok "$d"; else fail "$d"; fi; }

start=$(date +%s)
# A fixed seed keeps CI's edit sequences the same from run to run; this one
# queued an edit and a delete of one item that a killed sync had half pushed
# (the delete came back as a conflict with the user's own edit). Set
# DESKPANE_SOAK_SEED to try others; bench/soak prints the seed it used.
out="$(python3 "$source_dir/bench/soak" --trials 20 --latency 40 --seed "${DESKPANE_SOAK_SEED:-1796494743}" 2>&1)"; rc=$?
elapsed=$(( $(date +%s) - start ))
echo "$out" | sed 's/^/     /'
figures="$(grep '^soak ' <<<"$out")"
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$figures"; }
check "bench/soak ran to its figures" test -n "$figures"
check "20 trials" test "$(field trials)" = 20
check "most syncs were killed in flight (killed=$(field killed))" test "${figures:+$(field killed)}" -ge 10
check "nothing lost" test "$(field lost)" = 0
check "nothing duplicated" test "$(field duplicated)" = 0
check "no corrupt cache" test "$(field corrupt)" = 0
check "every next sync converged" test "$(field diverged)" = 0
check "exit status 0" test "$rc" -eq 0
check "under 2 minutes (${elapsed} s)" test "$elapsed" -lt 120

# The checks can fail: one trial each with an item copied on the server after
# its sync, and with the queued edits dropped from the cache before it.
out="$(python3 "$source_dir/bench/soak" --trials 1 --latency 40 --inject duplicate 2>&1)"; rc=$?
figures="$(grep '^soak ' <<<"$out")"
check "an item copied on the server counts as duplicated (duplicated=$(field duplicated))" \
  test "${figures:+$(field duplicated)}" -ge 1 -a "$rc" -ne 0
out="$(python3 "$source_dir/bench/soak" --trials 1 --latency 40 --inject lose 2>&1)"; rc=$?
figures="$(grep '^soak ' <<<"$out")"
check "queued edits dropped from the cache count as lost (lost=$(field lost))" \
  test "${figures:+$(field lost)}" -ge 1 -a "$rc" -ne 0
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
