// Row-wise and grouped kernels: softmax and log-softmax (rows x cols), maxout (groups of k)
// and per-channel PReLU (channels x inner); xact where its header exists, a naive std:: loop,
// and the oneDNN / XNNPACK softmax.
#include "bench_common.hpp"
#include "peers.hpp"

#include <xact/xact.hpp>

#include <algorithm>
#include <cmath>

#if __has_include(<xact/softmax.hpp>)
#include <xact/softmax.hpp>
#define XACT_BENCH_SOFTMAX 1
#endif
#if __has_include(<xact/maxout.hpp>)
#include <xact/maxout.hpp>
#define XACT_BENCH_MAXOUT 1
#endif
#if __has_include(<xact/prelu_channels.hpp>)
#include <xact/prelu_channels.hpp>
#define XACT_BENCH_PRELU_CHANNELS 1
#endif

namespace xact_bench {
namespace {

struct shape {
    std::size_t rows, cols;
    std::size_t size() const { return rows * cols; }
    std::string str() const { return std::to_string(rows) + 'x' + std::to_string(cols); }
};
constexpr shape softmax_shapes[] = {{256, 1000}, {32, 32000}, {4096, 64}};
// Per-channel PReLU: channels x inner, 65536 and 16M elements.
constexpr shape prelu_shapes[] = {{64, 1024}, {256, 65536}};
constexpr std::size_t maxout_k = 4;

std::string row_name(const char* lib, const char* op, const char* dir, const char* type, const std::string& dims)
{
    return std::string(lib) + '/' + op + '/' + dir + '/' + type + '/' + dims;
}

// ---------------------------------------------------------------- naive softmax
template <class T>
void naive_softmax_fwd(const T* x, T* y, std::size_t rows, std::size_t cols, bool log)
{
    for (std::size_t r = 0; r < rows; ++r, x += cols, y += cols) {
        const T m = *std::max_element(x, x + cols);
        T s = 0;
        for (std::size_t i = 0; i < cols; ++i) s += std::exp(x[i] - m);
        if (log) {
            const T ls = std::log(s);
            for (std::size_t i = 0; i < cols; ++i) y[i] = x[i] - m - ls;
        } else {
            for (std::size_t i = 0; i < cols; ++i) y[i] = std::exp(x[i] - m) / s;
        }
    }
}

// From y: softmax dx = y (dy - sum dy y); log-softmax dx = dy - exp(y) sum dy.
template <class T>
void naive_softmax_bwd(const T* y, const T* dy, T* dx, std::size_t rows, std::size_t cols, bool log)
{
    for (std::size_t r = 0; r < rows; ++r, y += cols, dy += cols, dx += cols) {
        T s = 0;
        for (std::size_t i = 0; i < cols; ++i) s += log ? dy[i] : dy[i] * y[i];
        for (std::size_t i = 0; i < cols; ++i) dx[i] = log ? dy[i] - std::exp(y[i]) * s : y[i] * (dy[i] - s);
    }
}

// Runs fwd(x, y) or bwd(y, dy, dx) over one shape: the shared timing body of every softmax row.
// Forward moves 2 values per element, backward 3; y for backward comes from make_y(x, y).
template <class T, class Fwd>
void softmax_forward_bench(benchmark::State& st, shape s, Fwd fwd)
{
    const T* x = input_x<T>(s.size()).data();
    T* y = scratch<T>(s.size()).data();
    run(st, [&] { fwd(x, y); benchmark::DoNotOptimize(y); });
    set_counters(st, s.size(), 2 * sizeof(T));
}

template <class T, class MakeY, class Bwd>
void softmax_backward_bench(benchmark::State& st, shape s, MakeY make_y, Bwd bwd)
{
    T* y = scratch<T>(s.size(), 1).data();
    make_y(input_x<T>(s.size()).data(), y);
    const T* dy = input_dy<T>(s.size()).data();
    T* dx = scratch<T>(s.size()).data();
    run(st, [&] { bwd(y, dy, dx); benchmark::DoNotOptimize(dx); });
    set_counters(st, s.size(), 3 * sizeof(T));
}

template <class T>
void naive_softmax_rows()
{
    for (bool log : {false, true})
        for (shape s : softmax_shapes) {
            const char* op = log ? "log_softmax" : "softmax";
            auto fwd = [s, log](const T* x, T* y) { naive_softmax_fwd(x, y, s.rows, s.cols, log); };
            auto bwd = [s, log](const T* y, const T* dy, T* dx) { naive_softmax_bwd(y, dy, dx, s.rows, s.cols, log); };
            add(row_name("naive", op, "forward", type_name<T>(), s.str()),
                [s, fwd](benchmark::State& st) { softmax_forward_bench<T>(st, s, fwd); });
            add(row_name("naive", op, "backward", type_name<T>(), s.str()),
                [s, fwd, bwd](benchmark::State& st) { softmax_backward_bench<T>(st, s, fwd, bwd); });
        }
}

// ---------------------------------------------------------------- xact softmax
#ifdef XACT_BENCH_SOFTMAX
template <class S>
void xact_softmax_rows()
{
    using T = typename S::value_type;
    const char* op = S::name;
    for (shape s : softmax_shapes) {
        // x and y are whole rows x cols arrays; cols is the row length.
        const std::size_t n = s.size();
        auto fwd = [s, n](const T* x, T* y) { S{}.forward(span(x, n), span(y, n), s.cols); };
        auto bwd = [s, n](const T* y, const T* dy, T* dx) { S{}.backward(span(y, n), span(dy, n), span(dx, n), s.cols); };
        add(row_name("xact", op, "forward", type_name<T>(), s.str()),
            [s, fwd](benchmark::State& st) { softmax_forward_bench<T>(st, s, fwd); });
        add(row_name("xact", op, "backward", type_name<T>(), s.str()),
            [s, fwd, bwd](benchmark::State& st) { softmax_backward_bench<T>(st, s, fwd, bwd); });
    }
}
#endif

// ---------------------------------------------------------------- peer softmax (f32)
void peer_softmax_rows()
{
    if (!onednn_available()) {
        note_skipped("oneDNN", "not found at configure time");
    } else {
        for (bool log : {false, true})
            for (shape s : softmax_shapes) {
                const char* op = log ? "log_softmax" : "softmax";
                add(row_name("onednn", op, "forward", "f32", s.str()), [s, log](benchmark::State& st) {
                    onednn_softmax p(s.rows, s.cols, log);
                    softmax_forward_bench<float>(st, s, [&](const float* x, float* y) { p.forward(x, y); });
                });
                add(row_name("onednn", op, "backward", "f32", s.str()), [s, log](benchmark::State& st) {
                    onednn_softmax p(s.rows, s.cols, log);
                    softmax_backward_bench<float>(
                        st, s, [&](const float* x, float* y) { p.forward(x, y); },
                        [&](const float* y, const float* dy, float* dx) { p.backward(y, dy, dx); });
                });
            }
    }
    if (!xnnpack_available()) {
        note_skipped("XNNPACK", "not found at configure time or unsupported CPU");
    } else {
        for (shape s : softmax_shapes)
            add(row_name("xnnpack", "softmax", "forward", "f32", s.str()), [s](benchmark::State& st) {
                xnnpack_softmax p(s.rows, s.cols);
                softmax_forward_bench<float>(st, s, [&](const float* x, float* y) { p.run(x, y); });
            });
    }
}

// ---------------------------------------------------------------- maxout
// Forward reads k values and writes one value and one index per group; backward reads an index and
// a gradient per group and writes k gradients. Items are input elements.
template <class T, class Idx, class Fwd, class Bwd>
void maxout_rows(const char* lib, Fwd fwd, Bwd bwd)
{
    for (std::size_t n : sizes()) {
        const std::size_t g = n / maxout_k;
        const std::size_t fwd_bytes = sizeof(T) + (sizeof(T) + sizeof(Idx)) / maxout_k;
        add(row_name(lib, "maxout", "forward", type_name<T>(), std::to_string(n)),
            [n, g, fwd, fwd_bytes](benchmark::State& st) {
                const T* x = input_x<T>(n).data();
                T* y = scratch<T>(g).data();
                buffer<Idx> arg(g);
                run(st, [&] { fwd(x, y, arg.data(), n); benchmark::DoNotOptimize(y); });
                set_counters(st, n, fwd_bytes);
                st.SetLabel("k=4");
            });
        add(row_name(lib, "maxout", "backward", type_name<T>(), std::to_string(n)),
            [n, g, fwd, bwd, fwd_bytes](benchmark::State& st) {
                T* y = scratch<T>(g, 1).data();
                buffer<Idx> arg(g);
                fwd(input_x<T>(n).data(), y, arg.data(), n);
                const T* dy = input_dy<T>(g).data();
                T* dx = scratch<T>(n).data();
                run(st, [&] { bwd(arg.data(), dy, dx, n); benchmark::DoNotOptimize(dx); });
                set_counters(st, n, fwd_bytes);
                st.SetLabel("k=4");
            });
    }
}

template <class T>
void naive_maxout_rows()
{
    auto fwd = [](const T* x, T* y, std::size_t* arg, std::size_t n) {
        for (std::size_t j = 0; j < n / maxout_k; ++j) {
            const T* grp = x + j * maxout_k;
            const auto m = std::max_element(grp, grp + maxout_k) - grp;
            y[j] = grp[m];
            arg[j] = static_cast<std::size_t>(m);
        }
    };
    auto bwd = [](const std::size_t* arg, const T* dy, T* dx, std::size_t n) {
        std::fill(dx, dx + n, T(0));
        for (std::size_t j = 0; j < n / maxout_k; ++j) dx[j * maxout_k + arg[j]] = dy[j];
    };
    maxout_rows<T, std::size_t>("naive", fwd, bwd);
}

#ifdef XACT_BENCH_MAXOUT
template <class T>
void xact_maxout_rows()
{
    using M = xact::maxout<T>;
    using Idx = typename M::index_type;
    auto fwd = [](const T* x, T* y, Idx* arg, std::size_t n) {
        const std::size_t g = n / maxout_k;
        M{maxout_k}.forward(span(x, n), span(y, g), span(arg, g));
    };
    auto bwd = [](const Idx* arg, const T* dy, T* dx, std::size_t n) {
        const std::size_t g = n / maxout_k;
        M{maxout_k}.backward(span(arg, g), span(dy, g), span(dx, n));
    };
    maxout_rows<T, Idx>("xact", fwd, bwd);
}
#endif

// ---------------------------------------------------------------- per-channel PReLU
// alpha has one slope per channel; x is channels x inner. Backward also reduces dalpha.
template <class T, class Fwd, class Bwd>
void prelu_channel_rows(const char* lib, Fwd fwd, Bwd bwd)
{
    for (shape s : prelu_shapes) {
        add(row_name(lib, "prelu_channels", "forward", type_name<T>(), s.str()), [s, fwd](benchmark::State& st) {
            const T* x = input_x<T>(s.size()).data();
            const T* alpha = spread<T>(s.rows, 0.01, 0.3).data();
            T* y = scratch<T>(s.size()).data();
            run(st, [&] { fwd(x, alpha, y, s.rows, s.cols); benchmark::DoNotOptimize(y); });
            set_counters(st, s.size(), 2 * sizeof(T));
        });
        add(row_name(lib, "prelu_channels", "backward", type_name<T>(), s.str()), [s, bwd](benchmark::State& st) {
            const T* x = input_x<T>(s.size()).data();
            const T* alpha = spread<T>(s.rows, 0.01, 0.3).data();
            const T* dy = input_dy<T>(s.size()).data();
            T* dx = scratch<T>(s.size()).data();
            T* dalpha = scratch<T>(s.rows, 1).data();
            run(st, [&] { bwd(x, alpha, dy, dx, dalpha, s.rows, s.cols); benchmark::DoNotOptimize(dalpha); });
            set_counters(st, s.size(), 3 * sizeof(T));
        });
    }
}

template <class T>
void naive_prelu_channel_rows()
{
    auto fwd = [](const T* x, const T* a, T* y, std::size_t ch, std::size_t inner) {
        for (std::size_t c = 0; c < ch; ++c)
            for (std::size_t i = c * inner; i < (c + 1) * inner; ++i) y[i] = x[i] > 0 ? x[i] : a[c] * x[i];
    };
    auto bwd = [](const T* x, const T* a, const T* dy, T* dx, T* da, std::size_t ch, std::size_t inner) {
        for (std::size_t c = 0; c < ch; ++c) {
            T g = 0;
            for (std::size_t i = c * inner; i < (c + 1) * inner; ++i) {
                dx[i] = x[i] > 0 ? dy[i] : a[c] * dy[i];
                g += x[i] > 0 ? T(0) : x[i] * dy[i];
            }
            da[c] = g;
        }
    };
    prelu_channel_rows<T>("naive", fwd, bwd);
}

#ifdef XACT_BENCH_PRELU_CHANNELS
template <class T>
void xact_prelu_channel_rows()
{
    auto fwd = [](const T* x, const T* a, T* y, std::size_t ch, std::size_t inner) {
        xact::prelu_forward(span(x, ch * inner), span(a, ch), span(y, ch * inner), ch, inner);
    };
    auto bwd = [](const T* x, const T* a, const T* dy, T* dx, T* da, std::size_t ch, std::size_t inner) {
        const std::size_t n = ch * inner;
        xact::prelu_backward(span(x, n), span(a, ch), span(dy, n), span(dx, n), span(da, ch), ch, inner);
    };
    prelu_channel_rows<T>("xact", fwd, bwd);
}
#endif

template <class T>
void typed_rows()
{
#ifdef XACT_BENCH_SOFTMAX
    xact_softmax_rows<xact::softmax<T>>();
    xact_softmax_rows<xact::log_softmax<T>>();
#endif
    naive_softmax_rows<T>();
#ifdef XACT_BENCH_MAXOUT
    xact_maxout_rows<T>();
#endif
    naive_maxout_rows<T>();
#ifdef XACT_BENCH_PRELU_CHANNELS
    xact_prelu_channel_rows<T>();
#endif
    naive_prelu_channel_rows<T>();
}

}  // namespace

void register_vector()
{
#ifndef XACT_BENCH_SOFTMAX
    note_skipped("xact softmax", "not available (no <xact/softmax.hpp>)");
#endif
    typed_rows<float>();
    typed_rows<double>();
    peer_softmax_rows();
}

}  // namespace xact_bench
