// The 16-bit kernels: xact/<function>/<direction>/bf16|f16/<n> (arrays of xact::bfloat16 /
// xact::float16, correctly rounded), next to
//   convert/<function>/<direction>/bf16|f16/<n>: widen the arrays to float, the float kernel,
//     round back (three passes over memory, float scratch arrays allocated once);
//   onednn/<function>/<direction>/bf16|f16/<n>: oneDNN's eltwise on bf16 (f16 where the installed
//     oneDNN has it on this CPU).
// The float rows xact/<function>/<direction>/f32/<n> are registered by bench_elementwise.cpp.
#include "bench_common.hpp"
#include "peers.hpp"

#include <xact/xact.hpp>

#include <string>

namespace xact_bench {
namespace {

template <class H>
constexpr const char* half_name() { return std::is_same<H, xact::bfloat16>::value ? "bf16" : "f16"; }

std::string row(const char* lib, const char* act, const char* dir, const char* type, std::size_t n)
{
    return std::string(lib) + '/' + act + '/' + dir + '/' + type + '/' + std::to_string(n);
}

template <class H>
const buffer<H>& half_x(std::size_t n) { return spread<H>(n, -8.0, 8.0); }
template <class H>
const buffer<H>& half_dy(std::size_t n) { return spread<H>(n, -1.0, 1.0); }

template <class H>
void widen(const H* h, float* f, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i) f[i] = static_cast<float>(h[i]);
}

template <class H>
void narrow(const float* f, H* h, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i) h[i] = H(f[i]);
}

template <class F, class H>
void rows_for(std::size_t n)
{
    const char* act = F::name;
    const char* type = half_name<H>();
    add(row("xact", act, "forward", type, n), [n](benchmark::State& st) {
        const F f{};
        const H* x = half_x<H>(n).data();
        H* y = scratch<H>(n).data();
        run(st, [&] { xact::forward(f, x, y, n); benchmark::DoNotOptimize(y); });
        set_counters(st, n, 2 * sizeof(H));
    });
    add(row("xact", act, "backward", type, n), [n](benchmark::State& st) {
        const F f{};
        const H* x = half_x<H>(n).data();
        const H* dy = half_dy<H>(n).data();
        H* dx = scratch<H>(n).data();
        run(st, [&] { xact::backward(f, x, dy, dx, n); benchmark::DoNotOptimize(dx); });
        set_counters(st, n, 3 * sizeof(H));
    });
    add(row("convert", act, "forward", type, n), [n](benchmark::State& st) {
        const F f{};
        const H* x = half_x<H>(n).data();
        H* y = scratch<H>(n).data();
        float* xf = scratch<float>(n, 2).data();
        float* yf = scratch<float>(n, 3).data();
        run(st, [&] {
            widen(x, xf, n);
            xact::forward(f, xf, yf, n);
            narrow(yf, y, n);
            benchmark::DoNotOptimize(y);
        });
        set_counters(st, n, 2 * sizeof(H));
    });
    add(row("convert", act, "backward", type, n), [n](benchmark::State& st) {
        const F f{};
        const H* x = half_x<H>(n).data();
        const H* dy = half_dy<H>(n).data();
        H* dx = scratch<H>(n).data();
        float* xf = scratch<float>(n, 2).data();
        float* gf = scratch<float>(n, 3).data();
        float* df = scratch<float>(n, 4).data();
        run(st, [&] {
            widen(x, xf, n);
            widen(dy, gf, n);
            xact::backward(f, xf, gf, df, n);
            narrow(df, dx, n);
            benchmark::DoNotOptimize(dx);
        });
        set_counters(st, n, 3 * sizeof(H));
    });
}

template <class F>
void half_rows()
{
    for (std::size_t n : {std::size_t(65536), std::size_t(1) << 24}) {
        rows_for<F, xact::bfloat16>(n);
        rows_for<F, xact::float16>(n);
    }
}

void onednn_half_rows()
{
    if (!onednn_available()) return note_skipped("oneDNN", "not found at configure time");
    for (const peer_activation& r : peer_activations)
        for (const char* type : {"bf16", "f16"})
            for (std::size_t n : {std::size_t(65536), std::size_t(1) << 24}) {
                const std::string t = type;
                add(row("onednn", r.act, "forward", type, n), [r, n, t](benchmark::State& st) {
                    try {
                        onednn_eltwise op(r.onednn_alg, r.alpha, r.beta, n, false, t);
                        const void* x = t == "bf16" ? static_cast<const void*>(half_x<xact::bfloat16>(n).data())
                                                    : static_cast<const void*>(half_x<xact::float16>(n).data());
                        void* y = scratch<xact::bfloat16>(n).data();
                        run(st, [&] { op.forward(x, y); benchmark::DoNotOptimize(y); });
                        set_counters(st, n, 4);
                    } catch (std::exception const& e) {
                        st.SkipWithError(e.what());
                    }
                });
                add(row("onednn", r.act, "backward", type, n), [r, n, t](benchmark::State& st) {
                    try {
                        onednn_eltwise op(r.onednn_alg, r.alpha, r.beta, n, false, t);
                        const bool bf = t == "bf16";
                        const void* x = bf ? static_cast<const void*>(half_x<xact::bfloat16>(n).data())
                                           : static_cast<const void*>(half_x<xact::float16>(n).data());
                        const void* dy = bf ? static_cast<const void*>(half_dy<xact::bfloat16>(n).data())
                                            : static_cast<const void*>(half_dy<xact::float16>(n).data());
                        void* dx = scratch<xact::bfloat16>(n).data();
                        run(st, [&] { op.backward(x, dy, dx); benchmark::DoNotOptimize(dx); });
                        set_counters(st, n, 6);
                    } catch (std::exception const& e) {
                        st.SkipWithError(e.what());
                    }
                });
            }
}

}  // namespace

void register_half()
{
    half_rows<xact::identity<float>>();
    half_rows<xact::relu<float>>();
    half_rows<xact::leaky_relu<float>>();
    half_rows<xact::sigmoid<float>>();
    half_rows<xact::tanh<float>>();
    half_rows<xact::elu<float>>();
    half_rows<xact::selu<float>>();
    half_rows<xact::swish<float>>();
    half_rows<xact::gelu<float>>();
    half_rows<xact::gelu_tanh<float>>();
    onednn_half_rows();
}

}  // namespace xact_bench
