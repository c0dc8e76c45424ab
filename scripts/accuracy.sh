#!/usr/bin/env bash
# Runs the accuracy sweep and writes docs/ACCURACY.md:
#   every float32 bit pattern (stride 1) through the batch kernels of every elementwise
#   activation, forward, derivative and derivative_from_output, against double / long double
#   references, and 10^8 sampled doubles against long double.
#   bash scripts/accuracy.sh              the full sweep (about 8 minutes on 2 cores)
#   STRIDE=101 bash scripts/accuracy.sh   every 101st bit pattern (seconds)
#   REPORT=FILE bash scripts/accuracy.sh  only rewrite the page from xact_accuracy's --markdown FILE
#   bash scripts/accuracy.sh --target aarch64
#       the float sweep cross-compiled for aarch64 (NEON) and run under qemu-aarch64, every 61st
#       bit pattern by default (STRIDE=K; 70 million inputs, about 20 CPU-minutes: stride 149 took
#       497 s), written as
#       the NEON column of docs/ACCURACY.md (scripts/accuracy_neon.py)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --target ]; then
  [ "${2:-}" = aarch64 ] || { echo "usage: $0 [--target aarch64]" >&2; exit 2; }
  bash scripts/deps.sh cross
  build=build/accuracy-aarch64
  cmake -S . -B "$build" -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake \
        -DCMAKE_BUILD_TYPE=Release -DXACT_BUILD_TESTS=OFF -DXACT_BUILD_BENCH=OFF \
        -DXACT_BUILD_EXAMPLES=OFF -DXACT_BUILD_RUNTIME=OFF >/dev/null
  cmake --build "$build" -j "$(nproc)" --target xact_accuracy
  status=0
  qemu-aarch64 -L /usr/aarch64-linux-gnu "$build/tools/xact_accuracy" --stride "${STRIDE:-61}" \
      --threads "$(nproc)" --markdown "$build/report.md" > /dev/null || status=$?
  python3 scripts/accuracy_neon.py "$build/report.md" docs/ACCURACY.md
  exit $status
fi
build=build/accuracy
report=${REPORT:-$build/report.md}   # REPORT=file: write the page from a report made before
status=0
if [ -z "${REPORT:-}" ]; then
  bash scripts/deps.sh test
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DXACT_BUILD_TESTS=OFF -DXACT_BUILD_BENCH=OFF \
        -DXACT_BUILD_EXAMPLES=OFF -DXACT_BUILD_RUNTIME=OFF -DXACT_NATIVE=ON >/dev/null
  cmake --build "$build" -j "$(nproc)" --target xact_accuracy
  "$build/tools/xact_accuracy" --stride "${STRIDE:-1}" --threads "$(nproc)" --double 100000000 \
      --double-bound 4 --markdown "$report" || status=$?
fi
{
  cat <<HEAD
# xact accuracy

Written by \`bash scripts/accuracy.sh\` on $(date -u +%Y-%m-%d) from the run $(sed -n 3p "$report"),
$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(g++ --version | head -1), Release, -march=native.

**Metric.** ULP = |result − reference| / (spacing of floats at the reference), with the subnormal
spacing 2^-149 below FLT_MIN (double: 2^-1074 below DBL_MIN): a subnormal result is measured in
subnormal steps, so a flushed result counts as the whole distance to 0. For derivative_from_output the reference is the exact derivative at the
float y passed in: the rounding of y is not the kernel's error. References are evaluated in double,
and in long double where double would lose digits (near the root of swish', the tails of gelu and
gelu_tanh). Parameters are the functors' defaults as stored (selu's λ and α rounded to the value
type, their product formed exactly).

**Bound.** Every forward and derivative within 4 ULP over every float input. The derivatives with
an interior root (swish, gelu, gelu_tanh) may instead be within 2^-24 absolute where |x| < 4:
*max ULP†* is the largest error over the points that do not use this allowance (near a root the
ULP of a tiny result is tiny, so *max ULP* there is large while the absolute error is below 2^-24).
NaN in must give NaN out; ±inf must give the mathematical limits.

**Inputs.** float32: every bit pattern the stride selects, through the batch kernels (the
\`xact::forward\` / \`derivative\` / \`backward_from_output\` loops over arrays); NaN and ±inf
inputs are checked for propagation and limits and are not counted in *points*. float64: 10^8 inputs, half random bit patterns from a fixed seed and half
uniform in [−40, 40], held to the same 4 ULP bound (the root allowance there is 2^-53).

HEAD
  tail -n +4 "$report"
} > docs/ACCURACY.md
# the NEON column, from the last `--target aarch64` run
if [ -f build/accuracy-aarch64/report.md ]; then python3 scripts/accuracy_neon.py build/accuracy-aarch64/report.md; fi
echo "wrote docs/ACCURACY.md (sweep exit status $status)"
exit $status
