#!/bin/bash
# Builds the libFuzzer targets for the emulator's pure protocol parsers with
# clang (not part of the CMake build: clang is optional on this project).
# Usage: tests/fuzz/build_odata_fuzzers.sh OUT_DIR [SECONDS]
#   With SECONDS, also runs each fuzzer that long from its seed corpus.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: $0 OUT_DIR [SECONDS]}
seconds=${2:-}
command -v clang++ >/dev/null || { echo "clang++ not installed; skipping" >&2; exit 0; }
mkdir -p "$out"
flags=(-std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I"$src")
clang++ "${flags[@]}" -o "$out/fuzz_odata_query" "$src/tests/fuzz/fuzz_odata_query.cpp" \
  "$src/emulator/odata_query.cpp" "$src/emulator/odata_filter.cpp" "$src/emulator/odata_text.cpp"
clang++ "${flags[@]}" -o "$out/fuzz_batch_codec" "$src/tests/fuzz/fuzz_batch_codec.cpp" "$src/emulator/batch_codec.cpp"
if [[ -n "$seconds" ]]; then
  for name in odata_query batch_codec; do
    corpus="$out/corpus_$name"
    mkdir -p "$corpus"
    cp -n "$src"/tests/fuzz/seeds/"$name"/* "$corpus"/ 2>/dev/null || true
    "$out/fuzz_$name" -max_total_time="$seconds" -max_len=4096 -artifact_prefix="$out/" "$corpus"
  done
fi
