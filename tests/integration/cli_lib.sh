# Shared by the command-line tests: counting checks, and stopping what a test
# started by its PID. Source it after setting `work` (a folder of the test's
# own, removed at exit); add each started PID to `pids`.
pids=()
passed=0 failed=0

stop_pid() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}
cleanup() {
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  rm -rf "$work"
}
trap cleanup EXIT

ok() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { local d=$1; shift; if "$@"; then ok "$d"; else fail "$d"; fi; }
fail_early() { echo "FAIL $1"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }
