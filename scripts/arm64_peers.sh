#!/usr/bin/env bash
# Unpacks Debian's arm64 builds of what the aarch64 xact_bench links (Google Benchmark and the peers
# oneDNN and XNNPACK, with their libraries) into a prefix, for the cross build of scripts/test.sh:
#   bash scripts/arm64_peers.sh [PREFIX]      (default build/arm64-peers)
# The arm64 -dev packages cannot be installed next to the amd64 ones (they are not multi-arch
# co-installable), so they are fetched with `apt-get download` and unpacked with `dpkg -x`; the
# arm64 architecture must be known to apt (`scripts/deps.sh cross` adds it). Then configure with
#   -DCMAKE_PREFIX_PATH=PREFIX/usr -DCMAKE_FIND_ROOT_PATH=PREFIX
# and run under qemu-aarch64 with -E LD_LIBRARY_PATH=PREFIX/usr/lib/aarch64-linux-gnu.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-$PWD/build/arm64-peers}
pkgs=(libbenchmark-dev libbenchmark1debian libdnnl-dev libdnnl2 ocl-icd-libopencl1 ocl-icd-opencl-dev
      libxnnpack-dev libxnnpack0 libpthreadpool-dev libpthreadpool0 libcpuinfo0)
stamp=$prefix/.unpacked
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "${pkgs[*]}" ]; then
  echo "arm64 peers: already in $prefix"
  exit 0
fi
debs=$prefix/debs
mkdir -p "$debs"
# (apt warns that root downloads unsandboxed: kept in apt.log, shown only on failure)
(cd "$debs" && apt-get download -q "${pkgs[@]/%/:arm64}") > "$debs/apt.log" 2>&1 || { cat "$debs/apt.log" >&2; exit 1; }
for d in "$debs"/*.deb; do dpkg -x "$d" "$prefix"; done
# absolute symlinks in the packages (libfoo.so -> /usr/lib/...) point into the host: make them relative
find "$prefix/usr/lib" -type l -lname '/*' | while read -r l; do
  ln -sfn "$prefix$(readlink "$l")" "$l"
done
echo "${pkgs[*]}" > "$stamp"
echo "arm64 peers: unpacked ${#pkgs[@]} packages into $prefix"
