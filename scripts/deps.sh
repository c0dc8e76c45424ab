#!/usr/bin/env bash
# Installs the Debian packages xact's builds need, only those that are missing.
#   bash scripts/deps.sh test    compiler, CMake, git, xsimd, Catch2 (the test suite), clang with
#                                libFuzzer (scripts/fuzz.sh)
#   bash scripts/deps.sh bench   the above, Google Benchmark, oneDNN, XNNPACK, Eigen, SLEEF and
#                                libtorch (the peers compared against), gnuplot and python3 (the report)
#   bash scripts/deps.sh cross   the aarch64 and riscv64 cross compilers and qemu-user (the cross
#                                stages of scripts/test.sh), and apt's arm64 architecture, from
#                                which scripts/arm64_peers.sh fetches the aarch64 benchmark's peers
set -euo pipefail
want=(cmake g++ git libxsimd-dev catch2)
case "${1:-test}" in
  test) want+=(gnuplot-nox clang-14 libclang-rt-14-dev) ;;
  bench) want+=(libbenchmark-dev libdnnl-dev libxnnpack-dev libpthreadpool-dev opencl-c-headers
                ocl-icd-opencl-dev libeigen3-dev libsleef-dev libtorch-dev gnuplot-nox python3) ;;
  cross) want=(cmake g++-aarch64-linux-gnu g++-riscv64-linux-gnu qemu-user) ;;
  *) echo "usage: $0 [test|bench|cross]" >&2; exit 2 ;;
esac
if [ "${1:-test}" = test ] && [ "${XACT_WITH_BENCH:-1}" = 1 ]; then
  # the test build also compiles the benchmark binary, so its peers come along
  want+=(libbenchmark-dev libdnnl-dev libxnnpack-dev libpthreadpool-dev opencl-c-headers ocl-icd-opencl-dev)
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
if [ "${1:-test}" = cross ] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
  echo "deps: adding the arm64 architecture to apt (for scripts/arm64_peers.sh)"
  $sudo dpkg --add-architecture arm64
  $sudo apt-get update -qq
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all present (${want[*]})"
  exit 0
fi
echo "deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
