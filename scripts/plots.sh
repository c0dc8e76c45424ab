#!/usr/bin/env bash
# Renders the activation gallery: builds plot_activations, writes its tables to build/plots and
# draws docs/img/<activation>.png (f and f' over [-5, 5]) and docs/img/activations.png (all of
# them) with examples/plot_activations.gp. Needs gnuplot (Debian: gnuplot-nox).
set -euo pipefail
cd "$(dirname "$0")/.."
XACT_WITH_BENCH=0 bash scripts/deps.sh test  # compiler, CMake, xsimd, gnuplot

build=build/plots
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DXACT_BUILD_TESTS=OFF -DXACT_BUILD_BENCH=OFF \
      -DXACT_BUILD_TOOLS=OFF -DXACT_BUILD_RUNTIME=OFF -DXACT_BUILD_EXAMPLES=ON >/dev/null
cmake --build "$build" -j "$(nproc)" --target plot_activations

mkdir -p "$build/data" docs/img
"$build/examples/plot_activations" "$build/data"
gnuplot -e "data='$build/data'; out='docs/img'" examples/plot_activations.gp
echo "wrote docs/img/*.png"
