// Elementwise activations: xact forward / backward / backward_from_output, a naive std:: loop,
// oneDNN and XNNPACK eltwise, Eigen, SLEEF and PyTorch's ATen, and a memcpy baseline, each at every
// size in sizes().
#include "bench_common.hpp"
#include "peers.hpp"

#include <xact/xact.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace xact_bench {
namespace {

std::string bench_name(const char* lib, const char* act, const char* dir, const char* type, std::size_t n)
{
    return std::string(lib) + '/' + act + '/' + dir + '/' + type + '/' + std::to_string(n);
}

// ---------------------------------------------------------------- xact
template <class F>
void xact_forward(benchmark::State& st, std::size_t n)
{
    using T = typename F::value_type;
    const F f{};
    const T* x = input_x<T>(n).data();
    T* y = scratch<T>(n).data();
    run(st, [&] { xact::forward(f, x, y, n); benchmark::DoNotOptimize(y); });
    set_counters(st, n, 2 * sizeof(T));
}

template <class F>
void xact_backward(benchmark::State& st, std::size_t n)
{
    using T = typename F::value_type;
    const F f{};
    const T* x = input_x<T>(n).data();
    const T* dy = input_dy<T>(n).data();
    T* dx = scratch<T>(n).data();
    run(st, [&] { xact::backward(f, x, dy, dx, n); benchmark::DoNotOptimize(dx); });
    set_counters(st, n, 3 * sizeof(T));
}

template <class F>
void xact_backward_from_output(benchmark::State& st, std::size_t n)
{
    using T = typename F::value_type;
    const F f{};
    T* y = scratch<T>(n, 1).data();
    xact::forward(f, input_x<T>(n).data(), y, n);  // backward sees real outputs
    const T* dy = input_dy<T>(n).data();
    T* dx = scratch<T>(n).data();
    run(st, [&] { xact::backward_from_output(f, y, dy, dx, n); benchmark::DoNotOptimize(dx); });
    set_counters(st, n, 3 * sizeof(T));
}

// ---------------------------------------------------------------- naive std:: loops
template <class T, class Fn>
void naive_forward(benchmark::State& st, std::size_t n, Fn fn)
{
    const T* x = input_x<T>(n).data();
    T* y = scratch<T>(n).data();
    run(st, [&] {
        for (std::size_t i = 0; i < n; ++i) y[i] = fn(x[i]);
        benchmark::DoNotOptimize(y);
    });
    set_counters(st, n, 2 * sizeof(T));
}

template <class T, class Fn>
void naive_backward(benchmark::State& st, std::size_t n, Fn df)
{
    const T* x = input_x<T>(n).data();
    const T* dy = input_dy<T>(n).data();
    T* dx = scratch<T>(n).data();
    run(st, [&] {
        for (std::size_t i = 0; i < n; ++i) dx[i] = dy[i] * df(x[i]);
        benchmark::DoNotOptimize(dx);
    });
    set_counters(st, n, 3 * sizeof(T));
}

// Registers xact and naive rows for F<T> at every size. fwd and df are generic std:: lambdas.
template <class F, class Fwd, class Der>
void activation_rows(Fwd fwd, Der df)
{
    using T = typename F::value_type;
    const char* act = F::name;
    const char* type = type_name<T>();
    for (std::size_t n : sizes()) {
        add(bench_name("xact", act, "forward", type, n), [n](benchmark::State& s) { xact_forward<F>(s, n); });
        add(bench_name("xact", act, "backward", type, n), [n](benchmark::State& s) { xact_backward<F>(s, n); });
        if constexpr (xact::detail::has_derivative_from_output<F>::value)
            add(bench_name("xact", act, "backward_from_output", type, n),
                [n](benchmark::State& s) { xact_backward_from_output<F>(s, n); });
        add(bench_name("naive", act, "forward", type, n),
            [n, fwd](benchmark::State& s) { naive_forward<T>(s, n, fwd); });
        add(bench_name("naive", act, "backward", type, n),
            [n, df](benchmark::State& s) { naive_backward<T>(s, n, df); });
    }
}

template <template <class> class F, class Fwd, class Der>
void activation(Fwd fwd, Der df)
{
    activation_rows<F<float>>(fwd, df);
    activation_rows<F<double>>(fwd, df);
}

// The naive formulas, on whatever floating type x has (float stays float).
template <class V>
V sigm(V x) { return V(1) / (V(1) + std::exp(-x)); }
template <class V>
V gelu_tanh_inner(V x) { return V(0.7978845608028654) * (x + V(0.044715) * x * x * x); }
constexpr double inv_sqrt2 = 0.70710678118654752440, inv_sqrt2pi = 0.39894228040143267794;
constexpr double selu_l = 1.0507009873554804934, selu_a = 1.6732632423543772848;

void register_activations()
{
    activation<xact::identity>([](auto x) { return x; }, [](auto x) { return decltype(x)(1); });
    activation<xact::step>([](auto x) { return x > 0 ? decltype(x)(1) : decltype(x)(0); },
                           [](auto x) { return x - x; });
    activation<xact::sigmoid>([](auto x) { return sigm(x); },
                              [](auto x) { return sigm(x) * sigm(-x); });
    activation<xact::tanh>([](auto x) { return std::tanh(x); },
                           [](auto x) { auto t = std::tanh(x); return 1 - t * t; });
    activation<xact::relu>([](auto x) { return x > 0 ? x : decltype(x)(0); },
                           [](auto x) { return x > 0 ? decltype(x)(1) : decltype(x)(0); });
    activation<xact::leaky_relu>([](auto x) { return x > 0 ? x : decltype(x)(0.01) * x; },
                                 [](auto x) { return x > 0 ? decltype(x)(1) : decltype(x)(0.01); });
    activation<xact::prelu>([](auto x) { return x > 0 ? x : decltype(x)(0.25) * x; },
                            [](auto x) { return x > 0 ? decltype(x)(1) : decltype(x)(0.25); });
    activation<xact::elu>([](auto x) { return x > 0 ? x : std::expm1(x); },
                          [](auto x) { return x > 0 ? decltype(x)(1) : std::exp(x); });
    activation<xact::selu>(
        [](auto x) {
            using V = decltype(x);
            return V(selu_l) * (x > 0 ? x : V(selu_a) * std::expm1(x));
        },
        [](auto x) {
            using V = decltype(x);
            return x > 0 ? V(selu_l) : V(selu_l * selu_a) * std::exp(x);
        });
    activation<xact::swish>([](auto x) { return x * sigm(x); },
                            [](auto x) { auto s = sigm(x); return s * (1 + x * (1 - s)); });
    activation<xact::gelu>(
        [](auto x) { return decltype(x)(0.5) * x * std::erfc(-x * decltype(x)(inv_sqrt2)); },
        [](auto x) {
            using V = decltype(x);
            return V(0.5) * std::erfc(-x * V(inv_sqrt2)) + x * V(inv_sqrt2pi) * std::exp(V(-0.5) * x * x);
        });
    activation<xact::gelu_tanh>(
        [](auto x) { return decltype(x)(0.5) * x * (1 + std::tanh(gelu_tanh_inner(x))); },
        [](auto x) {
            using V = decltype(x);
            const V t = std::tanh(gelu_tanh_inner(x));
            return V(0.5) * (1 + t) +
                   V(0.5) * x * (1 - t * t) * V(0.7978845608028654) * (1 + V(3 * 0.044715) * x * x);
        });
    // the piecewise functions, written as PyTorch's CPU kernels write them
    activation<xact::hardswish>(
        [](auto x) {
            using V = decltype(x);
            return x * std::min(std::max(x + V(3), V(0)), V(6)) / V(6);
        },
        [](auto x) {
            using V = decltype(x);
            return x <= V(-3) ? V(0) : x >= V(3) ? V(1) : (x + x + V(3)) / V(6);
        });
    activation<xact::hardsigmoid>(
        [](auto x) {
            using V = decltype(x);
            return std::min(std::max(x + V(3), V(0)), V(6)) / V(6);
        },
        [](auto x) {
            using V = decltype(x);
            return x > V(-3) && x < V(3) ? V(1) / V(6) : V(0);
        });
    activation<xact::hardtanh>([](auto x) { return std::min(std::max(x, decltype(x)(-1)), decltype(x)(1)); },
                               [](auto x) { return decltype(x)(x > -1 && x < 1 ? 1 : 0); });
    activation<xact::relu6>([](auto x) { return std::min(std::max(x, decltype(x)(0)), decltype(x)(6)); },
                            [](auto x) { return decltype(x)(x > 0 && x < 6 ? 1 : 0); });
    activation<xact::softshrink>(
        [](auto x) {
            using V = decltype(x);
            return x > V(0.5) ? x - V(0.5) : x < V(-0.5) ? x + V(0.5) : x * V(0);
        },
        [](auto x) { return decltype(x)(std::fabs(x) > decltype(x)(0.5) ? 1 : 0); });
    activation<xact::hardshrink>([](auto x) { return std::fabs(x) > decltype(x)(0.5) ? x : x * decltype(x)(0); },
                                 [](auto x) { return decltype(x)(std::fabs(x) > decltype(x)(0.5) ? 1 : 0); });
    activation<xact::softsign>([](auto x) { return x / (1 + std::fabs(x)); },
                               [](auto x) {
                                   auto a = 1 + std::fabs(x);
                                   return 1 / (a * a);
                               });
    // PyTorch's softplus formula (x past x > 20), and the others as written in the literature
    activation<xact::softplus>([](auto x) { return x > 20 ? x : std::log1p(std::exp(x)); },
                               [](auto x) { return sigm(x); });
    activation<xact::mish>([](auto x) { return x * std::tanh(std::log1p(std::exp(x))); },
                           [](auto x) {
                               const auto t = std::tanh(std::log1p(std::exp(x)));
                               return t + x * sigm(x) * (1 - t * t);
                           });
    activation<xact::celu>([](auto x) { return x > 0 ? x : std::expm1(x); },
                           [](auto x) { return x > 0 ? decltype(x)(1) : std::exp(x); });
    activation<xact::logsigmoid>([](auto x) { return -std::log1p(std::exp(-x)); }, [](auto x) { return sigm(-x); });
    activation<xact::tanhshrink>([](auto x) { return x - std::tanh(x); },
                                 [](auto x) { const auto t = std::tanh(x); return t * t; });
    activation<xact::quick_gelu>([](auto x) { return x * sigm(decltype(x)(1.702) * x); },
                                 [](auto x) {
                                     using V = decltype(x);
                                     const V s = sigm(V(1.702) * x);
                                     return s + V(1.702) * x * s * (1 - s);
                                 });
}

// ---------------------------------------------------------------- memcpy baseline
template <class T>
void memcpy_rows()
{
    for (std::size_t n : sizes())
        add(std::string("memcpy/") + type_name<T>() + '/' + std::to_string(n), [n](benchmark::State& st) {
            const T* x = input_x<T>(n).data();
            T* y = scratch<T>(n).data();
            run(st, [&] { std::memcpy(y, x, n * sizeof(T)); benchmark::DoNotOptimize(y); });
            set_counters(st, n, 2 * sizeof(T));
        });
}

// ---------------------------------------------------------------- peers (f32 only)
// The peer kernel for each activation: peer_activations in peers.hpp.
void register_onednn()
{
    if (!onednn_available()) return note_skipped("oneDNN", "not found at configure time");
    for (const peer_activation& r : peer_activations)
        for (std::size_t n : sizes()) {
            add(bench_name("onednn", r.act, "forward", "f32", n), [r, n](benchmark::State& st) {
                onednn_eltwise op(r.onednn_alg, r.alpha, r.beta, n);
                const float* x = input_x<float>(n).data();
                float* y = scratch<float>(n).data();
                run(st, [&] { op.forward(x, y); benchmark::DoNotOptimize(y); });
                set_counters(st, n, 2 * sizeof(float));
            });
            for (bool from_y : {false, true}) {
                if (from_y && !onednn_eltwise::has_use_dst_variant(r.onednn_alg)) continue;
                const char* dir = from_y ? "backward_from_output" : "backward";
                add(bench_name("onednn", r.act, dir, "f32", n), [r, n, from_y](benchmark::State& st) {
                    onednn_eltwise op(r.onednn_alg, r.alpha, r.beta, n, from_y);
                    const float* in = input_x<float>(n).data();
                    if (from_y) {
                        float* y = scratch<float>(n, 1).data();
                        op.forward(in, y);
                        in = y;
                    }
                    const float* dy = input_dy<float>(n).data();
                    float* dx = scratch<float>(n).data();
                    run(st, [&] { op.backward(in, dy, dx); benchmark::DoNotOptimize(dx); });
                    set_counters(st, n, 3 * sizeof(float));
                });
            }
        }
}

void register_xnnpack()
{
    if (!xnnpack_available()) return note_skipped("XNNPACK", "not found at configure time or unsupported CPU");
    for (const peer_activation& r : peer_activations) {
        if (!r.xnnpack) continue;
        const char* act = r.act;
        for (std::size_t n : sizes())
            add(bench_name("xnnpack", act, "forward", "f32", n), [act, n](benchmark::State& st) {
                xnnpack_op op(act, n);
                const float* x = input_x<float>(n).data();
                float* y = scratch<float>(n).data();
                run(st, [&] { op.run(x, y); benchmark::DoNotOptimize(y); });
                set_counters(st, n, 2 * sizeof(float));
            });
    }
}

// y = f(x) through xact for the activations a peer differentiates from the output.
void forward_by_name(const std::string& act, const float* x, float* y, std::size_t n)
{
    if (act == "sigmoid") return xact::forward(xact::sigmoid<float>{}, x, y, n);
    if (act == "tanh") return xact::forward(xact::tanh<float>{}, x, y, n);
    if (act == "elu") return xact::forward(xact::elu<float>{}, x, y, n);
    throw std::invalid_argument("xact_bench: no forward output for '" + act + "'");
}

// Eigen, SLEEF, ATen: every kernel of the library's table (peers.hpp), rows <lib>/<act>/<dir>/f32/<n>.
void register_kernels(const char* peer, bool available, const std::vector<peer_kernel>& kernels)
{
    if (!available) return note_skipped(peer, "not found at configure time");
    for (const peer_kernel& k : kernels)
        for (std::size_t n : sizes()) {
            const std::string dir = k.dir;
            const bool fwd = dir == "forward";
            add(bench_name(k.lib, k.act, k.dir, "f32", n), [k, n, fwd, dir](benchmark::State& st) {
                const float* in = input_x<float>(n).data();
                if (dir == "backward_from_output") {  // backward sees real outputs
                    float* y = scratch<float>(n, 1).data();
                    forward_by_name(k.act, in, y, n);
                    in = y;
                }
                const float* dy = input_dy<float>(n).data();
                float* out = scratch<float>(n).data();
                run(st, [&] { k.run(in, dy, out, n); benchmark::DoNotOptimize(out); });
                set_counters(st, n, (fwd ? 2 : 3) * sizeof(float));
            });
        }
}

}  // namespace

void register_elementwise()
{
    register_activations();
    memcpy_rows<float>();
    memcpy_rows<double>();
    register_onednn();
    register_xnnpack();
    register_kernels("Eigen", eigen_available(), eigen_kernels());
    register_kernels("SLEEF", sleef_available(), sleef_kernels());
    register_kernels("PyTorch", torch_available(), torch_kernels());
}

}  // namespace xact_bench
