#!/usr/bin/env bash
# Builds the libFuzzer target tests/fuzz/fuzz_kernels.cpp (clang, AddressSanitizer and
# UndefinedBehaviorSanitizer, -march=native) and runs it for the given number of seconds (default
# 60). The corpus grows in build/fuzz/corpus; a failing input is kept in build/fuzz and the script
# exits non-zero.
#   bash scripts/fuzz.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
cxx=${XACT_FUZZ_CXX:-$(command -v clang++-14 || command -v clang++ || true)}
if [ -z "$cxx" ]; then
  echo "fuzz: clang++ not found (Debian: apt-get install clang-14 libclang-rt-14-dev)" >&2
  exit 1
fi
xsimd_inc=$(dirname "$(find /usr/include /usr/local/include -name xsimd.hpp -path '*xsimd/xsimd.hpp' 2>/dev/null | head -n 1)")/..
mkdir -p build/fuzz/corpus
"$cxx" -std=c++17 -O1 -g -march=native -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -Wall -Wextra -Wpedantic -Werror -Iinclude -I"$xsimd_inc" tests/fuzz/fuzz_kernels.cpp -o build/fuzz/fuzz_kernels
cd build/fuzz
./fuzz_kernels -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 corpus > fuzz.log 2>&1 || {
  grep -v '^#' fuzz.log | tail -n 40
  echo "fuzz: failure, input kept in build/fuzz/crash-* (rerun: build/fuzz/fuzz_kernels <file>)" >&2
  exit 1
}
grep -E "^Done|stat::number_of_executed_units|stat::new_units_added" fuzz.log
