// The kernels' large-output path: outputs of XACT_STREAM_BYTES or more are written with
// non-temporal stores from the first aligned batch on. Every element, the head before the first
// aligned batch, the tail, in place and nothing past the end.
#include <xact/xact.hpp>

#include <cstddef>
#include <cstring>
#include <vector>

#include "catch.hpp"

namespace {

template <class T>
bool same_bits(T a, T b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

/// forward, derivative and backward of f over n elements starting `offset` elements into the
/// buffers (so the output's first aligned batch is at varying distances), bit for bit against the
/// same kernels run over chunks of 1000 elements (below the streaming size: ordinary stores).
template <class F>
void check_large(F const& f, std::size_t n, std::size_t offset)
{
    using T = typename F::value_type;
    std::vector<T> x(n + offset + 1), dy(n + offset + 1);
    for (std::size_t i = 0; i < x.size(); ++i) {
        x[i] = T(-8) + T(16) * T((i * 40503u) % 65536u) / T(65536);
        dy[i] = T(0.5) + T(i % 3);
    }
    const T sentinel = T(-777);
    std::vector<T> y(n + offset + 1, sentinel), d(n + offset + 1, sentinel), dx(n + offset + 1, sentinel);
    xact::forward(f, x.data() + offset, y.data() + offset, n);
    xact::derivative(f, x.data() + offset, d.data() + offset, n);
    xact::backward(f, x.data() + offset, dy.data() + offset, dx.data() + offset, n);

    // the same elements in chunks far below the streaming size
    constexpr std::size_t chunk = 1000;
    std::vector<T> ys(chunk), ds(chunk), dxs(chunk);
    std::size_t mismatches = 0, first = n;
    for (std::size_t start = 0; start < n; start += chunk) {
        std::size_t m = std::min(chunk, n - start);
        const T* xs = x.data() + offset + start;
        xact::forward(f, xs, ys.data(), m);
        xact::derivative(f, xs, ds.data(), m);
        xact::backward(f, xs, dy.data() + offset + start, dxs.data(), m);
        for (std::size_t j = 0; j < m; ++j) {
            std::size_t i = offset + start + j;
            if (!same_bits(y[i], ys[j]) || !same_bits(d[i], ds[j]) || !same_bits(dx[i], dxs[j])) {
                if (mismatches++ == 0) first = start + j;
            }
        }
    }
    INFO("n = " << n << ", offset = " << offset << ", first mismatch at element " << first);
    CHECK(mismatches == 0);
    // nothing before or past the output is written
    for (std::size_t i = 0; i < offset; ++i) {
        CHECK(y[i] == sentinel);
        CHECK(d[i] == sentinel);
        CHECK(dx[i] == sentinel);
    }
    CHECK(y[offset + n] == sentinel);
    CHECK(d[offset + n] == sentinel);
    CHECK(dx[offset + n] == sentinel);

    // in place: the output is the input
    std::vector<T> inplace(x.begin() + offset, x.begin() + offset + n);
    xact::forward(f, inplace, inplace);
    std::size_t inplace_mismatches = 0;
    for (std::size_t i = 0; i < n; ++i) inplace_mismatches += !same_bits(inplace[i], y[offset + i]);
    CHECK(inplace_mismatches == 0);
}

}  // namespace

TEST_CASE("kernels: outputs past the streaming size equal the short-array results, every head and tail",
          "[kernels]")
{
    static_assert(XACT_STREAM_BYTES > 0, "these tests exercise the streaming path");
    const std::size_t n_float = XACT_STREAM_BYTES / sizeof(float);
    for (std::size_t offset : {0u, 1u, 7u, 13u}) {
        check_large(xact::relu<float>{}, n_float + 37, offset);
        check_large(xact::gelu<float>{}, n_float + 5, offset);
    }
    const std::size_t n_double = XACT_STREAM_BYTES / sizeof(double);
    for (std::size_t offset : {0u, 3u}) check_large(xact::sigmoid<double>{}, n_double + 3, offset);
    // exactly at the threshold, and one element below it (the cached path)
    check_large(xact::relu<float>{}, n_float, 1);
    check_large(xact::relu<float>{}, n_float - 1, 1);
}
