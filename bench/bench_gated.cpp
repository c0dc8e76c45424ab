// Gated linear units: rows gated/<f>/<direction>/f32/<n> (the fused split kernels),
// gated_rows/... (the fused kernels over the concatenated layout, cols = 4096) and
// gated_composed/... (the two passes they replace: forward(f, a, t), then t * b; backward(f, a,
// dy * b) after g = dy * b and db = dy * f(a)) and onednn_gated_composed/... (the same two passes
// written with oneDNN: an eltwise forward, then a binary multiply primitive; backward: eltwise
// forward t = f(a), db = dy * t and g = dy * b by binary multiplies, da from the eltwise backward
// on g), for silu, gelu, gelu_tanh, relu and sigmoid at n = 65536 and 16M outputs. Bytes: forward
// reads a, b and writes y; backward reads a, b, dy and writes da, db.
#include "bench_common.hpp"
#include "peers.hpp"

#include <xact/xact.hpp>

#include <string>

namespace xact_bench {
namespace {

std::string row(const char* lib, const char* act, const char* dir, std::size_t n)
{
    return std::string(lib) + '/' + act + '/' + dir + "/f32/" + std::to_string(n);
}

// The oneDNN composition: eltwise algorithm alg (alpha) for f, and binary multiplies.
void onednn_rows_for(const char* act, const char* alg, float alpha)
{
    if (!onednn_available()) return note_skipped("oneDNN", "not found at configure time");
    for (std::size_t n : {std::size_t(65536), std::size_t(1) << 24}) {
        add(row("onednn_gated_composed", act, "forward", n), [alg, alpha, n](benchmark::State& st) {
            onednn_eltwise f(alg, alpha, 0.0f, n);
            onednn_binary_mul mul(n);
            const float* a = input_x<float>(n).data();
            const float* b = input_dy<float>(n).data();
            float* t = scratch<float>(n, 1).data();
            float* y = scratch<float>(n).data();
            run(st, [&] {
                f.forward(a, t);
                mul.run(t, b, y);
                benchmark::DoNotOptimize(y);
            });
            set_counters(st, n, 3 * sizeof(float));
        });
        add(row("onednn_gated_composed", act, "backward", n), [alg, alpha, n](benchmark::State& st) {
            onednn_eltwise f(alg, alpha, 0.0f, n);
            onednn_binary_mul mul(n);
            const float* a = input_x<float>(n).data();
            const float* b = input_dy<float>(n).data();
            const float* dy = spread<float>(n, -0.5, 0.5).data();
            float* da = scratch<float>(n).data();
            float* db = scratch<float>(n, 1).data();
            float* t = scratch<float>(n, 2).data();
            run(st, [&] {
                f.forward(a, t);        // t = f(a)
                mul.run(dy, t, db);     // db = dy t
                mul.run(dy, b, t);      // t = dy b
                f.backward(a, t, da);   // da = t f'(a)
                benchmark::DoNotOptimize(da);
                benchmark::DoNotOptimize(db);
            });
            set_counters(st, n, 5 * sizeof(float));
        });
    }
}

template <class F>
void gated_rows_for(const char* act)
{
    const F f{};
    constexpr std::size_t cols = 4096;
    for (std::size_t n : {std::size_t(65536), std::size_t(1) << 24}) {
        add(row("gated", act, "forward", n), [f, n](benchmark::State& st) {
            const float* a = input_x<float>(n).data();
            const float* b = input_dy<float>(n).data();
            float* y = scratch<float>(n).data();
            run(st, [&] { xact::gated_forward(f, a, b, y, n); benchmark::DoNotOptimize(y); });
            set_counters(st, n, 3 * sizeof(float));
        });
        add(row("gated_composed", act, "forward", n), [f, n](benchmark::State& st) {
            const float* a = input_x<float>(n).data();
            const float* b = input_dy<float>(n).data();
            float* t = scratch<float>(n, 1).data();
            float* y = scratch<float>(n).data();
            auto mul = [](auto u, auto v) { return u * v; };
            run(st, [&] {
                xact::forward(f, a, t, n);
                xact::detail::transform<float>(n, mul, y, static_cast<const float*>(t), b);
                benchmark::DoNotOptimize(y);
            });
            set_counters(st, n, 3 * sizeof(float));
        });
        add(row("gated_rows", act, "forward", n), [f, n](benchmark::State& st) {
            const float* x = input_x<float>(2 * n).data();
            float* y = scratch<float>(n).data();
            auto xs = span(x, 2 * n);
            auto ys = span(y, n);
            run(st, [&] { xact::gated_forward(f, xs, ys, cols); benchmark::DoNotOptimize(y); });
            set_counters(st, n, 3 * sizeof(float));
        });
        add(row("gated", act, "backward", n), [f, n](benchmark::State& st) {
            const float* a = input_x<float>(n).data();
            const float* b = input_dy<float>(n).data();
            const float* dy = spread<float>(n, -0.5, 0.5).data();
            float* da = scratch<float>(n).data();
            float* db = scratch<float>(n, 1).data();
            run(st, [&] {
                xact::gated_backward(f, a, b, dy, da, db, n);
                benchmark::DoNotOptimize(da);
                benchmark::DoNotOptimize(db);
            });
            set_counters(st, n, 5 * sizeof(float));
        });
        add(row("gated_composed", act, "backward", n), [f, n](benchmark::State& st) {
            const float* a = input_x<float>(n).data();
            const float* b = input_dy<float>(n).data();
            const float* dy = spread<float>(n, -0.5, 0.5).data();
            float* da = scratch<float>(n).data();
            float* db = scratch<float>(n, 1).data();
            float* t = scratch<float>(n, 2).data();
            auto mul = [](auto u, auto v) { return u * v; };
            run(st, [&] {
                xact::forward(f, a, t, n);                                                  // t = f(a)
                xact::detail::transform<float>(n, mul, db, static_cast<const float*>(t), dy);  // db = dy t
                xact::detail::transform<float>(n, mul, t, b, dy);                             // t = dy b
                xact::backward(f, a, static_cast<const float*>(t), da, n);                    // da = t f'(a)
                benchmark::DoNotOptimize(da);
                benchmark::DoNotOptimize(db);
            });
            set_counters(st, n, 5 * sizeof(float));
        });
        add(row("gated_rows", act, "backward", n), [f, n](benchmark::State& st) {
            const float* x = input_x<float>(2 * n).data();
            const float* dy = input_dy<float>(n).data();
            float* dx = scratch<float>(2 * n).data();
            auto xs = span(x, 2 * n);
            auto dys = span(dy, n);
            auto dxs = span(dx, 2 * n);
            run(st, [&] { xact::gated_backward(f, xs, dys, dxs, cols); benchmark::DoNotOptimize(dx); });
            set_counters(st, n, 5 * sizeof(float));
        });
    }
}

}  // namespace

void register_gated()
{
    gated_rows_for<xact::silu<float>>("silu");
    gated_rows_for<xact::gelu<float>>("gelu");
    gated_rows_for<xact::gelu_tanh<float>>("gelu_tanh");
    gated_rows_for<xact::relu<float>>("relu");
    gated_rows_for<xact::sigmoid<float>>("sigmoid");
    onednn_rows_for("silu", "swish", 1.0f);
    onednn_rows_for("gelu", "gelu_erf", 0.0f);
    onednn_rows_for("gelu_tanh", "gelu_tanh", 0.0f);
    onednn_rows_for("relu", "relu", 0.0f);
    onednn_rows_for("sigmoid", "logistic", 0.0f);
}

}  // namespace xact_bench
