// SLEEF peer: SLEEF 3.5's vector functions at the widest width the build targets, called on whole
// vectors and, for the tail, on one vector padded through a small buffer. The activations are
// composed from them the way a user would write them.
#include "peers.hpp"

#if defined(XACT_BENCH_HAVE_SLEEF) && XACT_BENCH_HAVE_SLEEF && \
    (defined(__AVX512F__) || defined(__AVX2__) || defined(__SSE4_1__))

#include <immintrin.h>
#include <sleef.h>

#include <cstring>

namespace xact_bench {
namespace {

// The vector type, its width, its arithmetic and the SLEEF functions used, per ISA.
#if defined(__AVX512F__)
using vec = __m512;
constexpr std::size_t width = 16;
const char* const isa_name = "avx512f";
inline vec load(const float* p) { return _mm512_loadu_ps(p); }
inline void store(float* p, vec v) { _mm512_storeu_ps(p, v); }
inline vec set1(float a) { return _mm512_set1_ps(a); }
inline vec add(vec a, vec b) { return _mm512_add_ps(a, b); }
inline vec mul(vec a, vec b) { return _mm512_mul_ps(a, b); }
inline vec div(vec a, vec b) { return _mm512_div_ps(a, b); }
inline vec positive_or(vec x, vec a)  // x where x > 0, else a
{
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_GT_OQ), a, x);
}
inline vec exp_u10(vec x) { return Sleef_expf16_u10avx512f(x); }
inline vec expm1_u10(vec x) { return Sleef_expm1f16_u10avx512f(x); }
inline vec tanh_u10(vec x) { return Sleef_tanhf16_u10avx512f(x); }
inline vec tanh_u35(vec x) { return Sleef_tanhf16_u35avx512f(x); }
inline vec erf_u10(vec x) { return Sleef_erff16_u10avx512f(x); }
#elif defined(__AVX2__)
using vec = __m256;
constexpr std::size_t width = 8;
const char* const isa_name = "avx2";
inline vec load(const float* p) { return _mm256_loadu_ps(p); }
inline void store(float* p, vec v) { _mm256_storeu_ps(p, v); }
inline vec set1(float a) { return _mm256_set1_ps(a); }
inline vec add(vec a, vec b) { return _mm256_add_ps(a, b); }
inline vec mul(vec a, vec b) { return _mm256_mul_ps(a, b); }
inline vec div(vec a, vec b) { return _mm256_div_ps(a, b); }
inline vec positive_or(vec x, vec a)
{
    return _mm256_blendv_ps(a, x, _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_GT_OQ));
}
inline vec exp_u10(vec x) { return Sleef_expf8_u10avx2(x); }
inline vec expm1_u10(vec x) { return Sleef_expm1f8_u10avx2(x); }
inline vec tanh_u10(vec x) { return Sleef_tanhf8_u10avx2(x); }
inline vec tanh_u35(vec x) { return Sleef_tanhf8_u35avx2(x); }
inline vec erf_u10(vec x) { return Sleef_erff8_u10avx2(x); }
#else
using vec = __m128;
constexpr std::size_t width = 4;
const char* const isa_name = "sse4";
inline vec load(const float* p) { return _mm_loadu_ps(p); }
inline void store(float* p, vec v) { _mm_storeu_ps(p, v); }
inline vec set1(float a) { return _mm_set1_ps(a); }
inline vec add(vec a, vec b) { return _mm_add_ps(a, b); }
inline vec mul(vec a, vec b) { return _mm_mul_ps(a, b); }
inline vec div(vec a, vec b) { return _mm_div_ps(a, b); }
inline vec positive_or(vec x, vec a) { return _mm_blendv_ps(a, x, _mm_cmpgt_ps(x, _mm_setzero_ps())); }
inline vec exp_u10(vec x) { return Sleef_expf4_u10sse4(x); }
inline vec expm1_u10(vec x) { return Sleef_expm1f4_u10sse4(x); }
inline vec tanh_u10(vec x) { return Sleef_tanhf4_u10sse4(x); }
inline vec tanh_u35(vec x) { return Sleef_tanhf4_u35sse4(x); }
inline vec erf_u10(vec x) { return Sleef_erff4_u10sse4(x); }
#endif

// out[i] = f(in[i]) a vector at a time; the last partial vector goes through a zero-padded copy.
template <vec (*F)(vec)>
void map(const float* in, const float*, float* out, std::size_t n)
{
    std::size_t i = 0;
    for (; i + width <= n; i += width) store(out + i, F(load(in + i)));
    if (i < n) {
        float buf[width] = {};
        std::memcpy(buf, in + i, (n - i) * sizeof(float));
        store(buf, F(load(buf)));
        std::memcpy(out + i, buf, (n - i) * sizeof(float));
    }
}

inline vec one() { return set1(1.0f); }
inline vec half() { return set1(0.5f); }

inline vec sigmoid_u10(vec x) { return div(one(), add(one(), exp_u10(mul(set1(-1.0f), x)))); }
inline vec sigmoid_u35(vec x) { return add(half(), mul(half(), tanh_u35(mul(half(), x)))); }
inline vec silu_u10(vec x) { return mul(x, sigmoid_u10(x)); }
inline vec silu_u35(vec x) { return mul(x, sigmoid_u35(x)); }
inline vec gelu_u10(vec x) { return mul(mul(half(), x), add(one(), erf_u10(mul(x, set1(0.70710678118654752f))))); }
template <vec (*Tanh)(vec)>
vec gelu_tanh(vec x)
{
    const vec inner = mul(set1(0.7978845608028654f), add(x, mul(set1(0.044715f), mul(x, mul(x, x)))));
    return mul(mul(half(), x), add(one(), Tanh(inner)));
}
inline vec elu_u10(vec x) { return positive_or(x, expm1_u10(x)); }
inline vec selu_u10(vec x)
{
    return mul(set1(1.0507009873554804934f), positive_or(x, mul(set1(1.6732632423543772848f), expm1_u10(x))));
}

}  // namespace

bool sleef_available() { return true; }
const char* sleef_isa() { return isa_name; }

std::vector<peer_kernel> sleef_kernels()
{
    using K = peer_kernel;
    return {
        K{"sleef", "sigmoid", "forward", map<sigmoid_u10>},
        K{"sleef", "tanh", "forward", map<tanh_u10>},
        K{"sleef", "swish", "forward", map<silu_u10>},
        K{"sleef", "gelu", "forward", map<gelu_u10>},
        K{"sleef", "gelu_tanh", "forward", map<gelu_tanh<tanh_u10>>},
        K{"sleef", "elu", "forward", map<elu_u10>},
        K{"sleef", "selu", "forward", map<selu_u10>},
        K{"sleef_u35", "sigmoid", "forward", map<sigmoid_u35>},
        K{"sleef_u35", "tanh", "forward", map<tanh_u35>},
        K{"sleef_u35", "swish", "forward", map<silu_u35>},
        K{"sleef_u35", "gelu_tanh", "forward", map<gelu_tanh<tanh_u35>>},
    };
}

}  // namespace xact_bench

#else  // SLEEF not compiled in, or no x86 vector ISA in this build

namespace xact_bench {
bool sleef_available() { return false; }
const char* sleef_isa() { return "none"; }
std::vector<peer_kernel> sleef_kernels() { return {}; }
}  // namespace xact_bench

#endif
