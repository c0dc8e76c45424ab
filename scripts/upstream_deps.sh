#!/usr/bin/env bash
# Installs upstream xsimd 14 and Catch2 3 from source snapshots into a prefix, for the test stage
# that builds xact against them (scripts/test.sh). Snapshots (xsimd-14.3.0.tar.gz,
# Catch2-3.7.1.tar.gz): $XACT_UPSTREAM_DEPS, else shared/deps next to the repository, else next to
# the repository it was cloned from when that is a local directory.
#   bash scripts/upstream_deps.sh PREFIX
# Exits 3 when the snapshots are not there (the stage is then skipped with a message).
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=$1
candidates=("${XACT_UPSTREAM_DEPS:-}" "$(cd .. && pwd)/shared/deps")
origin=$(git config --get remote.origin.url 2>/dev/null || true)
if [ -n "$origin" ] && [ -d "$origin" ]; then candidates+=("$(cd "$origin/.." && pwd)/shared/deps"); fi
deps=""
for c in "${candidates[@]}"; do
  if [ -n "$c" ] && [ -f "$c/xsimd-14.3.0.tar.gz" ] && [ -f "$c/Catch2-3.7.1.tar.gz" ]; then deps=$c; break; fi
done
if [ -z "$deps" ]; then
  echo "upstream: no snapshots found (set XACT_UPSTREAM_DEPS)" >&2
  exit 3
fi
echo "upstream: snapshots from $deps"
if [ -f "$prefix/.done" ]; then
  echo "upstream: xsimd 14.3.0 and Catch2 3.7.1 already in $prefix"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar xzf "$deps/xsimd-14.3.0.tar.gz" -C "$tmp"
cmake -S "$tmp/xsimd-14.3.0" -B "$tmp/xb" -DCMAKE_INSTALL_PREFIX="$prefix" >/dev/null
cmake --install "$tmp/xb" >/dev/null
tar xzf "$deps/Catch2-3.7.1.tar.gz" -C "$tmp"
cmake -S "$tmp/Catch2-3.7.1" -B "$tmp/cb" -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_BUILD_TYPE=Release \
  -DBUILD_TESTING=OFF -DCATCH_INSTALL_DOCS=OFF >/dev/null
cmake --build "$tmp/cb" -j "$(nproc)" >/dev/null
cmake --install "$tmp/cb" >/dev/null
touch "$prefix/.done"
echo "upstream: xsimd 14.3.0 and Catch2 3.7.1 installed in $prefix"
