#!/usr/bin/env bash
# Builds and runs xact's whole test suite:
#   1. AVX-512 (or whatever this CPU has: -march=native), with the examples, the accuracy sweep,
#      the runtime component and the consumer tests (find_package, FetchContent, add_subdirectory);
#   2. AVX2 (-march=x86-64-v3) and 3. plain x86-64 (SSE2): the unit tests;
#   4. AddressSanitizer + UndefinedBehaviorSanitizer: the unit tests.
# Build trees go to build/test-*. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh test
jobs=$(nproc)

run() {  # name, extra cmake args...
  local name=$1; shift
  echo "=== $name ==="
  cmake -S . -B "build/test-$name" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
  cmake --build "build/test-$name" -j "$jobs"
}

run native -DXACT_NATIVE=ON
(cd build/test-native && ctest --output-on-failure -j "$jobs")

for isa in avx2:-march=x86-64-v3 sse2:-march=x86-64; do
  name=${isa%%:*}; flags=${isa#*:}
  run "$name" -DXACT_NATIVE=OFF -DCMAKE_CXX_FLAGS="$flags" -DXACT_BUILD_BENCH=OFF -DXACT_BUILD_EXAMPLES=OFF \
      -DXACT_BUILD_TOOLS=OFF
  (cd "build/test-$name" && ctest --output-on-failure -j "$jobs" -LE consumer)
done

run sanitize -DXACT_NATIVE=ON -DXACT_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXACT_BUILD_BENCH=OFF \
    -DXACT_BUILD_EXAMPLES=OFF -DXACT_BUILD_TOOLS=OFF
(cd build/test-sanitize && ctest --output-on-failure -j "$jobs" -LE consumer)

echo "=== all test builds passed: native, avx2, sse2, sanitize ==="
