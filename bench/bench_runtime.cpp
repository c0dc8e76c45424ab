// Per-ISA rows through xact::runtime: every activation's forward and backward with the kernels
// compiled for each instruction set this CPU has (runtime/<isa>/<activation>/<direction>/...), so
// one run shows what AVX-512, AVX2 and SSE2 each cost.
#include "bench_common.hpp"

#if XACT_BENCH_HAVE_RUNTIME
#include <xact/runtime.hpp>
#endif

namespace xact_bench {

#if XACT_BENCH_HAVE_RUNTIME
namespace {

template <class T>
void runtime_rows(const char* type)
{
    for (std::string_view isa : xact::runtime::supported_isas())
        for (std::string_view name : xact::runtime::names())
            for (std::size_t n : {std::size_t(65536)}) {  // the size the targets are stated at
                const xact::runtime::kernel* k = xact::runtime::find_for_isa(isa, name);
                if (!k) continue;  // names() also lists the gated kernels (find_gated)
                std::string prefix = "runtime/" + std::string(isa) + '/' + std::string(name) + '/';
                std::string suffix = std::string("/") + type + '/' + std::to_string(n);
                add(prefix + "forward" + suffix, [k, n](benchmark::State& st) {
                    const T* x = input_x<T>(n).data();
                    T* y = scratch<T>(n).data();
                    run(st, [&] { k->forward(x, y, n); benchmark::DoNotOptimize(y); });
                    set_counters(st, n, 2 * sizeof(T));
                });
                add(prefix + "backward" + suffix, [k, n](benchmark::State& st) {
                    const T* x = input_x<T>(n).data();
                    const T* dy = input_dy<T>(n).data();
                    T* dx = scratch<T>(n).data();
                    run(st, [&] { k->backward(x, dy, dx, n); benchmark::DoNotOptimize(dx); });
                    set_counters(st, n, 3 * sizeof(T));
                });
            }
}

}  // namespace
#endif

void register_runtime()
{
#if XACT_BENCH_HAVE_RUNTIME
    runtime_rows<float>("f32");
    runtime_rows<double>("f64");
#else
    note_skipped("xact::runtime", "XACT_BUILD_RUNTIME is off");
#endif
}

}  // namespace xact_bench
