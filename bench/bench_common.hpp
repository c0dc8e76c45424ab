// Shared pieces of the xact_bench binary: aligned buffers, cached inputs, the sizes, and the
// counters every benchmark reports.
#pragma once

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdlib>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <vector>

namespace xact_bench {

// The element counts every elementwise kernel runs at: L1, L2, L3-ish and DRAM sized.
inline const std::vector<std::size_t>& sizes()
{
    static const std::vector<std::size_t> s{4096, 65536, std::size_t(1) << 20, std::size_t(1) << 24};
    return s;
}

template <class T>
constexpr const char* type_name() { return sizeof(T) == 4 ? "f32" : "f64"; }

// A 64-byte aligned array of n T, usable as a range (data(), size()).
template <class T>
class buffer {
public:
    explicit buffer(std::size_t n)
        : p_(static_cast<T*>(std::aligned_alloc(64, (n * sizeof(T) + 63) / 64 * 64))), n_(n)
    {
        if (!p_) throw std::bad_alloc();
        for (std::size_t i = 0; i < n; ++i) p_.get()[i] = T(0);  // touch every page now
    }
    T* data() noexcept { return p_.get(); }
    const T* data() const noexcept { return p_.get(); }
    std::size_t size() const noexcept { return n_; }
    T& operator[](std::size_t i) noexcept { return p_.get()[i]; }
    const T& operator[](std::size_t i) const noexcept { return p_.get()[i]; }

private:
    struct deleter {
        void operator()(T* p) const noexcept { std::free(p); }
    };
    std::unique_ptr<T, deleter> p_;
    std::size_t n_;
};

// A pointer and a count seen as a range (data(), size()), for xact's range-only APIs.
template <class T>
struct view {
    T* p;
    std::size_t n;
    T* data() const noexcept { return p; }
    std::size_t size() const noexcept { return n; }
};
template <class T>
view<T> span(T* p, std::size_t n) noexcept { return {p, n}; }

// Deterministic inputs: a scrambled (stride-permuted) uniform grid over [lo, hi], so signs and
// branches do not come in long runs. Cached per (lo, hi, n, T) and never written by a benchmark.
template <class T>
const buffer<T>& spread(std::size_t n, double lo, double hi)
{
    static std::map<std::string, std::unique_ptr<buffer<T>>> cache;
    auto& b = cache[std::to_string(n) + '/' + std::to_string(lo) + '/' + std::to_string(hi)];
    if (!b) {
        b = std::make_unique<buffer<T>>(n);
        const std::size_t stride = 2654435761u % n | 1;  // odd, so coprime with a power of two
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t j = i * stride % n;
            (*b)[i] = static_cast<T>(lo + (hi - lo) * (static_cast<double>(j) + 0.5) / static_cast<double>(n));
        }
    }
    return *b;
}

// x in [-8, 8] (activation inputs) and dy in [-1, 1] (incoming gradients).
template <class T>
const buffer<T>& input_x(std::size_t n) { return spread<T>(n, -8.0, 8.0); }
template <class T>
const buffer<T>& input_dy(std::size_t n) { return spread<T>(n, -1.0, 1.0); }

// Output scratch of n T, slot picks one of several independent outputs. Reused across benchmarks.
template <class T>
buffer<T>& scratch(std::size_t n, int slot = 0)
{
    static std::map<std::pair<std::size_t, int>, std::unique_ptr<buffer<T>>> cache;
    auto& b = cache[{n, slot}];
    if (!b) b = std::make_unique<buffer<T>>(n);
    return *b;
}

// items/s = elements processed; bytes/s = bytes read plus written per element times elements.
inline void set_counters(benchmark::State& state, std::size_t items, std::size_t bytes_per_item)
{
    const auto it = static_cast<int64_t>(state.iterations());
    state.SetItemsProcessed(it * static_cast<int64_t>(items));
    state.SetBytesProcessed(it * static_cast<int64_t>(items * bytes_per_item));
}

// Runs body once per timed iteration and keeps its stores alive.
template <class Body>
void run(benchmark::State& state, Body&& body)
{
    for (auto _ : state) {
        body();
        benchmark::ClobberMemory();
    }
}

// Registers fn under name; fn is called as fn(state).
template <class Fn>
void add(const std::string& name, Fn fn)
{
    benchmark::RegisterBenchmark(name.c_str(), [fn](benchmark::State& st) { fn(st); });
}

// True once per program for each peer that is missing (for a single "skipped" message).
void note_skipped(const char* peer, const char* why);

}  // namespace xact_bench
