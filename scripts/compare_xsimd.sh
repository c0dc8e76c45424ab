#!/usr/bin/env bash
# Is xact as fast under upstream xsimd 14 as under Debian's xsimd 8? Builds xact_bench twice (no
# peers, no runtime), against each xsimd, and runs the two binaries in turn, ROUNDS times each, on
# the xact rows at n = 65536 (f32, bf16, f16), the gated rows and the softmax shapes. Prints, per
# row, the median time under xsimd 8 divided by the median under xsimd 14 (above 1: xsimd 14 is
# faster), the rows furthest from 1, and how many are within 5%.
#   bash scripts/compare_xsimd.sh [ROUNDS]      (default 3; about 4 minutes on 2 cores)
# xsimd 14 comes from scripts/upstream_deps.sh (prefix build/upstream/prefix).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
prefix=$PWD/build/upstream/prefix
bash scripts/upstream_deps.sh "$prefix"
common=(-DCMAKE_BUILD_TYPE=Release -DXACT_NATIVE=ON -DXACT_BUILD_BENCH=ON -DXACT_BUILD_TESTS=OFF
        -DXACT_BUILD_EXAMPLES=OFF -DXACT_BUILD_TOOLS=OFF -DXACT_BUILD_RUNTIME=OFF
        -DXACT_BENCH_ONEDNN=OFF -DXACT_BENCH_XNNPACK=OFF -DXACT_BENCH_EIGEN=OFF -DXACT_BENCH_SLEEF=OFF
        -DXACT_BENCH_TORCH=OFF)
cmake -S . -B build/xsimd8 "${common[@]}" >/dev/null
cmake -S . -B build/xsimd14 "${common[@]}" -DCMAKE_PREFIX_PATH="$prefix" -Dxsimd_DIR="$prefix/share/cmake/xsimd" >/dev/null
for v in 8 14; do cmake --build "build/xsimd$v" -j "$(nproc)" --target xact_bench >/dev/null; done

out=build/xsimd-compare
rm -rf "$out" && mkdir -p "$out"
filter='^xact/[^/]+/(forward|backward)/(f32|bf16|f16)/65536$|^gated/[^/]+/(forward|backward)/(f32|bf16|f16)/65536$'
filter+='|^xact/(softmax|log_softmax)/(forward|backward)/f32/[0-9]+x[0-9]+$'
for r in $(seq "$rounds"); do
  for v in 8 14; do
    "build/xsimd$v/bench/xact_bench" --benchmark_filter="$filter" --benchmark_min_time=0.05 \
        --benchmark_repetitions=3 --benchmark_enable_random_interleaving=true --benchmark_format=json \
        --benchmark_out="$out/xsimd$v.$r.json" --benchmark_out_format=json >/dev/null 2>&1
  done
done

python3 - "$out" <<'EOF'
import collections, glob, json, math, statistics, sys
times = collections.defaultdict(lambda: collections.defaultdict(list))
isa = {}
for path in glob.glob(sys.argv[1] + "/xsimd*.json"):
    v = path.split("/")[-1].split(".")[0]
    doc = json.load(open(path))
    isa[v] = doc["context"].get("xact_isa", "?")
    for row in doc["benchmarks"]:
        if row.get("run_type") == "iteration":
            times[row["run_name"]][v].append(row["real_time"])
ratios = sorted((statistics.median(t["xsimd8"]) / statistics.median(t["xsimd14"]), name)
                for name, t in times.items() if t["xsimd8"] and t["xsimd14"])
print(f"architectures: xsimd 8 {isa.get('xsimd8')}, xsimd 14 {isa.get('xsimd14')}")
print(f"{len(ratios)} rows; speed under xsimd 14 / under xsimd 8: median {statistics.median(r for r, _ in ratios):.3f}, "
      f"geometric mean {math.exp(sum(math.log(r) for r, _ in ratios) / len(ratios)):.3f}")
print(f"within 5%: {sum(1 for r, _ in ratios if 0.95 <= r <= 1.05)} of {len(ratios)}")
for r, name in ratios[:6] + ratios[-6:]:
    print(f"  {r:.3f}  {name}")
EOF
