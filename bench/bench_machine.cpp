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

// The independent chains, each its own accumulator: F(name, arg) for every one. Twelve is more
// than latency x units for every row (a 4-cycle FMA on two ports needs 8).
#define XACT_CHAINS(F, arg)                                                                       \
    F(a0, arg) F(a1, arg) F(a2, arg) F(a3, arg) F(a4, arg) F(a5, arg) F(a6, arg) F(a7, arg) F(a8, arg) \
    F(a9, arg) F(a10, arg) F(a11, arg)
#define XACT_ONE(a, arg) +1
#define XACT_START(a, arg) vec a = splat(1.0f);
#define XACT_STEP(a, text) asm volatile(text : "+" XACT_V(a) : XACT_V(b), XACT_V(c));
#define XACT_KEEP(a, arg) asm volatile("" : : XACT_V(a));

constexpr int chains = 0 XACT_CHAINS(XACT_ONE, _);
constexpr int steps = 256;  // instructions per chain per timed iteration

// One row: `text` applied to each chain's accumulator with operands b and c (which the instruction
// may ignore). Values stay finite and normal: 1.0 under max, add of 0, multiply-add with 1 and 0,
// division by 1, scaling by 2^0, a reciprocal of 1, an identity permutation.
#define XACT_MACHINE_ROW(name, text)                                                              \
    add(std::string("machine/") + name + "/" + reg, [](benchmark::State& state) {                 \
        XACT_CHAINS(XACT_START, _)                                                                \
        vec b = splat(1.0f);                                                                      \
        vec c = splat(0.0f);                                                                      \
        for (auto _ : state) {                                                                    \
            for (int s = 0; s < steps; ++s) {                                                     \
                XACT_CHAINS(XACT_STEP, text)                                                      \
            }                                                                                     \
        }                                                                                         \
        XACT_CHAINS(XACT_KEEP, _) /* the chains' results are used: none is dropped */             \
        state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * chains * steps);       \
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
#undef XACT_CHAINS
#undef XACT_ONE
#undef XACT_START
#undef XACT_STEP
#undef XACT_KEEP
#undef XACT_V

#else
void register_machine() {}
#endif

}  // namespace xact_bench
