#!/usr/bin/env bash
# Builds and runs xact's whole test suite:
#   1. AVX-512 (or whatever this CPU has: -march=native), with the examples, the accuracy sweep,
#      the runtime component and the consumer tests (find_package, FetchContent, add_subdirectory);
#   2. AVX2 (-march=x86-64-v3; skipped where -march=native has no AVX-512, since stage 1 then ran
#      the AVX2 kernels): the unit tests (the runtime, whose kernels for each ISA stage 1 built and
#      tested, is left out);
#   3.-4. plain x86-64 (SSE2, no FMA) under AddressSanitizer + UndefinedBehaviorSanitizer: the unit
#      tests (without the runtime; the fuzz stage runs the native kernels under both sanitizers);
#   5. upstream xsimd 14.3 and Catch2 3.7 (built from ../shared/deps by scripts/upstream_deps.sh,
#      or $XACT_UPSTREAM_DEPS): the header-only unit tests against them;
#   6. aarch64 (NEON), cross-compiled and run under qemu-aarch64: the unit tests, the runtime, the
#      accuracy sweep at stride 6001, and xact_bench against Debian's arm64 oneDNN and XNNPACK
#      (unpacked by scripts/arm64_peers.sh), which must print its rows;
#   7. riscv64 (rv64gc, no vector extension: xsimd has no architecture, the scalar fallback), under
#      qemu-riscv64: the unit tests and the runtime;
#   8. the libFuzzer target (scripts/fuzz.sh), 60 seconds.
# Build trees go to build/test-*. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh test
jobs=$(nproc)

# ctest in a build tree, then a failure if any entry ran no test case: Catch2 2 exits 0 on a name
# that matches nothing ("No test cases matched"), which ctest would count as passed.
check() {  # build dir, extra ctest args...
  local dir=$1; shift
  (cd "$dir" && ctest --output-on-failure -V -j "$jobs" "$@" > ctest.log 2>&1) || { tail -n 200 "$dir/ctest.log"; return 1; }
  grep -E "tests passed|tests failed" "$dir/ctest.log" | tail -n 1
  if grep -q "No test cases matched" "$dir/ctest.log"; then
    echo "ctest entries in $dir ran no test case:" >&2
    grep -B 3 "No test cases matched" "$dir/ctest.log" >&2
    return 1
  fi
}

# seconds since the previous stage mark, printed with each stage's name (CI keeps the total under 50 min)
mark=$SECONDS
stage() {
  echo "=== $1 (previous stage: $((SECONDS - mark)) s, total $SECONDS s) ==="
  mark=$SECONDS
}

run() {  # name, extra cmake args...
  local name=$1; shift
  stage "$name"
  cmake -S . -B "build/test-$name" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
  cmake --build "build/test-$name" -j "$jobs"
}

run native -DXACT_NATIVE=ON
check build/test-native

# the AVX2 stage repeats the native one on a CPU without AVX-512 (-march=native is then AVX2 or less)
native_avx512=$(${CXX:-c++} -march=native -dM -E -x c++ /dev/null | grep -c __AVX512F__ || true)
if [ "$native_avx512" = 0 ]; then
  echo "=== avx2: skipped, the native stage ran the AVX2 kernels (this CPU has no AVX-512) ==="
else
  run avx2 -DXACT_NATIVE=OFF -DCMAKE_CXX_FLAGS=-march=x86-64-v3 -DXACT_BUILD_BENCH=OFF -DXACT_BUILD_EXAMPLES=OFF \
      -DXACT_BUILD_TOOLS=OFF -DXACT_BUILD_RUNTIME=OFF
  check build/test-avx2 -LE consumer
fi

# plain x86-64 (SSE2, no FMA) under AddressSanitizer and UndefinedBehaviorSanitizer: one build for both,
# at -O1 (the optimization the sanitizers' documentation suggests; instrumented, -O2 -g compiled three
# times slower). Without FMA, the optimization level cannot change a floating-point result.
run sse2-sanitize -DXACT_NATIVE=OFF -DCMAKE_CXX_FLAGS=-march=x86-64 -DXACT_SANITIZE=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -DNDEBUG" -DXACT_BUILD_BENCH=OFF \
    -DXACT_BUILD_EXAMPLES=OFF -DXACT_BUILD_TOOLS=OFF -DXACT_BUILD_RUNTIME=OFF
check build/test-sse2-sanitize -LE consumer

stage "upstream dependencies (xsimd 14.3, Catch2 3.7)"
rc=0
bash scripts/upstream_deps.sh "$PWD/build/upstream/prefix" || rc=$?
if [ "$rc" -eq 3 ]; then
  echo "upstream: skipped, the snapshots are not here (XACT_UPSTREAM_DEPS)"
elif [ "$rc" -ne 0 ]; then
  exit "$rc"
else
  run upstream -DXACT_NATIVE=ON -DXACT_BUILD_BENCH=OFF -DXACT_BUILD_EXAMPLES=OFF -DXACT_BUILD_TOOLS=OFF \
      -DXACT_BUILD_RUNTIME=OFF -DCMAKE_PREFIX_PATH="$PWD/build/upstream/prefix"
  check build/test-upstream -LE consumer
fi

# Cross builds: only what the stage runs is built, and ctest runs each test through the toolchain
# file's CMAKE_CROSSCOMPILING_EMULATOR (qemu-user).
bash scripts/deps.sh cross
# Under emulation (50-100x slower) the three long-array tests are left to the native stages: the
# 10^7-value softmax rows and the outputs of 16 MiB and more (the streamed stores); every other
# test runs.
emulated_skip='rows of up to 10|outputs past the streaming size|outputs of XACT_STREAM_BYTES'
stage "aarch64 peers (Debian's arm64 oneDNN and XNNPACK)"
peers=$PWD/build/arm64-peers
bash scripts/arm64_peers.sh "$peers"
run aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake -DXACT_BUILD_EXAMPLES=OFF \
    -DCMAKE_PREFIX_PATH="$peers/usr" -DCMAKE_FIND_ROOT_PATH="$peers" \
    -DCMAKE_EXE_LINKER_FLAGS="-Wl,-rpath-link,$peers/usr/lib/aarch64-linux-gnu"
check build/test-aarch64 -LE consumer -E "$emulated_skip"
qemu_a64=(qemu-aarch64 -L /usr/aarch64-linux-gnu -E "LD_LIBRARY_PATH=$peers/usr/lib/aarch64-linux-gnu")
"${qemu_a64[@]}" build/test-aarch64/tools/xact_accuracy --stride 6001 --threads "$jobs" | grep -E "^Kernels"
# timings under emulation mean nothing: the binary must run and print a row of each library
"${qemu_a64[@]}" build/test-aarch64/bench/xact_bench --benchmark_filter='^(xact|onednn|xnnpack)/(relu|gelu)/forward/f32/4096$' \
    --benchmark_min_time=0.001 > build/test-aarch64/bench.txt
for lib in xact onednn xnnpack; do
  grep -q "^$lib/" build/test-aarch64/bench.txt || { cat build/test-aarch64/bench.txt; echo "aarch64: no $lib rows" >&2; exit 1; }
done
grep -E "^(xact|onednn|xnnpack)/" build/test-aarch64/bench.txt | awk '{print "  " $1}'

run riscv64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/riscv64-linux-gnu.cmake -DXACT_BUILD_BENCH=OFF \
    -DXACT_BUILD_EXAMPLES=OFF -DXACT_BUILD_TOOLS=OFF
check build/test-riscv64 -LE consumer -E "$emulated_skip"

stage "fuzz (60 s)"
bash scripts/fuzz.sh 60

stage "all test builds passed: native, avx2, sse2-sanitize, upstream, aarch64, riscv64, fuzz"
