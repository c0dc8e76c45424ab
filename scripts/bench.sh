#!/usr/bin/env bash
# Builds and runs xact_bench (one thread) and writes docs/PERFORMANCE.md and docs/performance.png.
#   bash scripts/bench.sh          quick: n in {65536, 16M} and the softmax / PReLU shapes, f32,
#                                  --benchmark_min_time=0.1 (a few minutes)
#   bash scripts/bench.sh --full   every size (4096, 65536, 1M, 16M), f32 and f64, default min time
# Each benchmark runs REPS times (default 5), the repetitions of all benchmarks interleaved in random
# order; the report takes each benchmark's median.
# On a CPU with AVX-512 a second, short run times PyTorch's ATen again with ATEN_CPU_CAPABILITY=avx512
# (rows torch_avx512/...; ATen picks its capability once per process). xact_accuracy then measures
# every peer's kernels (and xact's) over every ACC_STRIDE-th float (default 31) for the max ULP
# columns; ACC_STRIDE=0 skips it.
# Extra arguments after the mode go to xact_bench (e.g. --benchmark_filter=sigmoid).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=quick
if [ "${1:-}" = --full ]; then mode=full; shift; fi
if [ "${1:-}" = --quick ]; then shift; fi

[ -f scripts/deps.sh ] && bash scripts/deps.sh bench

build=build/bench-release
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DXACT_BUILD_TESTS=OFF -DXACT_BUILD_EXAMPLES=OFF \
      -DXACT_BUILD_TOOLS=ON -DXACT_BUILD_RUNTIME=ON -DXACT_BUILD_BENCH=ON -DXACT_NATIVE=ON >/dev/null
cmake --build "$build" -j "$(nproc)" --target xact_bench xact_accuracy

args=(--benchmark_format=json --benchmark_out="$build/bench.json" --benchmark_out_format=json
      --benchmark_repetitions="${REPS:-5}" --benchmark_enable_random_interleaving=true
      --benchmark_report_aggregates_only=true)
if [ "$mode" = quick ]; then
  args+=(--benchmark_min_time=0.1 '--benchmark_filter=^machine/|/f32/(65536|16777216|[0-9]+x[0-9]+)$')
fi
echo "running xact_bench ($mode); raw results in $build/bench.json"
OMP_NUM_THREADS=1 "$build/bench/xact_bench" "${args[@]}" "$@" >/dev/null

extra=()
rm -f "$build/bench_torch_avx512.json"
if grep -qw avx512f /proc/cpuinfo && grep -q 'torch_capability' "$build/bench.json"; then
  echo "running the ATen rows again with ATEN_CPU_CAPABILITY=avx512"
  targs=("${args[@]}")
  for i in "${!targs[@]}"; do
    case "${targs[$i]}" in
      --benchmark_out=*) targs[$i]="--benchmark_out=$build/bench_torch_avx512.json" ;;
      --benchmark_filter=*) targs[$i]="--benchmark_filter=^torch_avx512/.*/f32/(65536|16777216)$" ;;
    esac
  done
  [ "$mode" = full ] && targs+=('--benchmark_filter=^torch_avx512/')
  ATEN_CPU_CAPABILITY=avx512 OMP_NUM_THREADS=1 "$build/bench/xact_bench" "${targs[@]}" >/dev/null
  extra+=(--extra "$build/bench_torch_avx512.json")
fi

acc="$build/accuracy"
rm -rf "$acc" && mkdir -p "$acc"
if [ "${ACC_STRIDE:-31}" != 0 ]; then
  echo "measuring each library's max ULP (every ${ACC_STRIDE:-31}th float)"
  for lib in xact onednn xnnpack eigen sleef sleef_u35 torch; do
    peer=(); [ "$lib" = xact ] || peer=(--peer "$lib")
    "$build/tools/xact_accuracy" --stride "${ACC_STRIDE:-31}" --threads "$(nproc)" "${peer[@]}" \
        --markdown "$acc/acc_$lib.md" >/dev/null 2>&1 || true   # a peer over 4 ULP exits with 1
  done
fi

mkdir -p docs
python3 bench/report.py "$build/bench.json" docs/PERFORMANCE.md "$build/chart.dat" --mode "$mode" \
        ${extra[@]+"${extra[@]}"} --accuracy "$acc" \
        --command "bash scripts/bench.sh$([ "$mode" = full ] && echo ' --full')" --binary "$build/bench/xact_bench"

# Grouped bars per activation: forward (xact and every peer) on top, backward (the peers that have one) below.
if command -v gnuplot >/dev/null; then
  gnuplot <<EOF
set terminal pngcairo size 1200,800 font ",10" noenhanced
set output "docs/performance.png"
set datafile missing "-"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set logscale y
set grid ytics
set ylabel "G elements/s (log scale)"
set key top right
set xtics rotate by -30
set multiplot layout 2,1 title "xact vs oneDNN, XNNPACK, Eigen, SLEEF, PyTorch ATen, f32, n = 65536, one thread"
set title "forward"
plot "$build/chart.dat" using 2:xtic(1) title "xact" lc rgb "#1f77b4", \
     "" using 3 title "oneDNN" lc rgb "#ff7f0e", "" using 4 title "XNNPACK" lc rgb "#2ca02c", \
     "" using 5 title "Eigen" lc rgb "#9467bd", "" using 6 title "SLEEF u10" lc rgb "#8c564b", \
     "" using 7 title "ATen" lc rgb "#d62728"
set title "backward"
plot "$build/chart.dat" using 8:xtic(1) title "xact" lc rgb "#1f77b4", \
     "" using 9 title "oneDNN" lc rgb "#ff7f0e", "" using 10 title "ATen" lc rgb "#d62728"
unset multiplot
EOF
else
  echo "gnuplot missing: docs/performance.png not written" >&2
fi
echo "wrote docs/PERFORMANCE.md and docs/performance.png"
