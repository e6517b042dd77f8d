#!/bin/bash
# Builds the libFuzzer targets with clang (apart from the CMake build, which
# is gcc's) and, given SECONDS, runs each that long from its seed corpus.
# Each target is compiled from the few sources it exercises, instrumented.
# Usage: tests/fuzz/build_fuzzers.sh OUT_DIR [SECONDS] [TARGET...]
# Exit: 0 no finding, 1 a finding (its input is OUT_DIR/crash-*), 77 clang or
# libFuzzer is missing (the caller reports a skip).
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: $0 OUT_DIR [SECONDS] [TARGET...]}
seconds=${2:-}
shift $(($# < 2 ? $# : 2))
command -v clang++ >/dev/null || { echo "fuzz: clang++ is not installed; skipping" >&2; exit 77; }
mkdir -p "$out"
probe="$out/.probe.cpp"
echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' >"$probe"
clang++ -fsanitize=fuzzer "$probe" -o "$out/.probe" 2>/dev/null ||
  { echo "fuzz: clang++ cannot link libFuzzer (install libclang-rt-<version>-dev); skipping" >&2; exit 77; }

flags=(-std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
  -fsanitize-ignorelist="$src/tests/fuzz/rapidjson_ignore.txt" -I"$src")
declare -A sources libs
sources[odata_query]="emulator/odata_query.cpp emulator/odata_filter.cpp emulator/odata_text.cpp"
sources[batch_codec]="emulator/batch_codec.cpp"
sources[item_page]="sync/item_page_reader.cpp sync/item_json.cpp sync/item.cpp sync/http_etag.cpp sync/list_schema.cpp sync/list_kind.cpp sync/item_schema_check.cpp"
libs[item_page]="-lz $(pkg-config --libs libdeflate)"
sources[recurrence_data]="sync/recurrence_rule.cpp sync/recurrence_time.cpp sync/recurrence_arith.cpp"
sources[settings_ini]="sync/settings.cpp sync/settings_file.cpp sync/list_kind.cpp sync/private_dirs.cpp sync/url_origin.cpp"
sources[html_sanitiser]="overlay/rich_text.cpp"
libs[html_sanitiser]="$(pkg-config --libs gumbo)"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(odata_query batch_codec item_page recurrence_data settings_ini html_sanitiser)

for name in "${targets[@]}"; do
  [ -n "${sources[$name]:-}" ] || { echo "fuzz: no target $name" >&2; exit 2; }
  files=()
  for f in ${sources[$name]}; do files+=("$src/$f"); done
  # shellcheck disable=SC2086 # the libraries are words
  clang++ "${flags[@]}" -o "$out/fuzz_$name" "$src/tests/fuzz/fuzz_$name.cpp" "${files[@]}" ${libs[$name]:-}
done
[ -n "$seconds" ] || exit 0
for name in "${targets[@]}"; do
  corpus="$out/corpus_$name"
  mkdir -p "$corpus"
  cp -n "$src"/tests/fuzz/seeds/"$name"/* "$corpus"/ 2>/dev/null || true
  echo "fuzz: $name for $seconds s"
  # A fixed seed makes a run repeatable (CI explores the same inputs each
  # time); DESKPANE_FUZZ_SEED tries others. The last lines say how many
  # inputs ran ("Done N runs in S second(s)").
  "$out/fuzz_$name" -seed="${DESKPANE_FUZZ_SEED:-20261205}" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=1024 \
    -artifact_prefix="$out/" "$corpus" 2>"$out/$name.log" || { tail -n 40 "$out/$name.log"; exit 1; }
  grep -E "^Done [0-9]+ runs" "$out/$name.log" | sed "s/^/fuzz: $name: /"
done
