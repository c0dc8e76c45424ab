// Rows machine/<instruction>/<register>: the reciprocal throughput of the vector instructions the
// kernels are built from, at the widest vector width of the build, so that docs/PERFORMANCE.md can
// put each kernel's speed next to the floor its instruction count sets. Each row times twelve
// independent chains of one instruction (inline assembly: the compiler can neither fold nor
// reorder it); items are instructions, so 1 / items_per_second is the time per instruction once
// the chains keep every unit that runs it busy. x86-64 with GCC or Clang only; elsewhere no rows.
#include "bench_common.hpp"

#include <cstdint>
#include <cstring>

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__) && defined(__SSE2__)
#define XACT_BENCH_MACHINE 1
#include <immintrin.h>
#endif

namespace xact_bench {

#if defined(XACT_BENCH_MACHINE)
namespace {

#if defined(__AVX512F__)
using vec = __m512;
constexpr const char* reg = "zmm";
#define XACT_V "v"  // any of zmm0-31
#elif defined(__AVX__)
using vec = __m256;
constexpr const char* reg = "ymm";
#define XACT_V "x"
#else
using vec = __m128;
constexpr const char* reg = "xmm";
#define XACT_V "x"
#endif

vec splat(float v)
{
    vec r;
    float lanes[sizeof(vec) / sizeof(float)];
    for (float& l : lanes) l = v;
    std::memcpy(&r, lanes, sizeof r);
    return r;
}

constexpr int chains = 12;  // more than latency x units for every row (a 4-cycle FMA on two ports needs 8)
constexpr int steps = 256;  // instructions per chain per timed iteration

// One row: `text` applied to each chain's accumulator a with operands b and c (which the
// instruction may ignore). Values stay finite and normal: 1.0 under max, add of 0, multiply-add
// with 1 and 0, division by 1, scaling by 2^0, a reciprocal of 1, an identity permutation.
#define XACT_MACHINE_ROW(name, text)                                                                 \
    add(std::string("machine/") + name + "/" + reg, [](benchmark::State& state) {                    \
        vec a0 = splat(1.0f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0,  \
            a10 = a0, a11 = a0;                                                                      \
        vec b = splat(1.0f);                                                                         \
        vec c = splat(0.0f);                                                                         \
        for (auto _ : state) {                                                                       \
            for (int s = 0; s < steps; ++s) {                                                        \
                asm volatile(text : "+" XACT_V(a0) : XACT_V(b), XACT_V(c));                          \
                asm volatile(text : "+" XACT_V(a1) : XACT_V(b), XACT_V(c));                          \
                asm volatile(text : "+" XACT_V(a2) : XACT_V(b), XACT_V(c));                          \
                asm volatile(text : "+" XACT_V(a3) : XACT_V(b), XACT_V(c));                          \
                asm volatile(text : "+" XACT_V(a4) : XACT_V(b), XACT_V(c));                          \
                asm volatile(text : "+" XACT_V(a5) : XACT_V(b), XACT_V(c));                          \
                asm volatile(text : "+" XACT_V(a6) : XACT_V(b), XACT_V(c));                          \
                asm volatile(text : "+" XACT_V(a7) : XACT_V(b), XACT_V(c));                          \
                asm volatile(text : "+" XACT_V(a8) : XACT_V(b), XACT_V(c));                          \
                asm volatile(text : "+" XACT_V(a9) : XACT_V(b), XACT_V(c));                          \
                asm volatile(text : "+" XACT_V(a10) : XACT_V(b), XACT_V(c));                         \
                asm volatile(text : "+" XACT_V(a11) : XACT_V(b), XACT_V(c));                         \
            }                                                                                        \
        }                                                                                            \
        asm volatile("" : : XACT_V(a0), XACT_V(a1), XACT_V(a2), XACT_V(a3));  /* keeps the chains */  \
        asm volatile("" : : XACT_V(a4), XACT_V(a5), XACT_V(a6), XACT_V(a7));                         \
        asm volatile("" : : XACT_V(a8), XACT_V(a9), XACT_V(a10), XACT_V(a11));                       \
        state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * chains * steps);          \
    })

}  // namespace

void register_machine()
{
#if defined(__AVX__)
    XACT_MACHINE_ROW("vaddps", "vaddps %2, %0, %0");
    XACT_MACHINE_ROW("vmaxps", "vmaxps %1, %0, %0");
    XACT_MACHINE_ROW("vdivps", "vdivps %1, %0, %0");
#if defined(__FMA__)
    XACT_MACHINE_ROW("vfmadd231ps", "vfmadd231ps %1, %2, %0");
#endif
#else
    XACT_MACHINE_ROW("addps", "addps %2, %0");
    XACT_MACHINE_ROW("maxps", "maxps %1, %0");
    XACT_MACHINE_ROW("divps", "divps %1, %0");
#endif
#if defined(__AVX512F__)
    XACT_MACHINE_ROW("vrcp14ps", "vrcp14ps %1, %0");
    XACT_MACHINE_ROW("vscalefps", "vscalefps %2, %0, %0");
    // b = 1.0f has bit pattern 0x3f800000: every lane's index is 0, a valid permutation source
    XACT_MACHINE_ROW("vpermps", "vpermps %0, %1, %0");
#elif defined(__AVX2__)
    XACT_MACHINE_ROW("vpermps", "vpermps %0, %1, %0");
#endif
}
#undef XACT_MACHINE_ROW
#undef XACT_V

#else
void register_machine() {}
#endif

}  // namespace xact_bench
