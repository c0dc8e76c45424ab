// xact: the primitives every formula is written with, for a scalar T and an xsimd::batch<T, A>.
//
// A formula in xact is written once over a value type V that is either `float`/`double` or an
// `xsimd::batch`. Everything it needs beyond the arithmetic operators lives here, overloaded for
// both: comparison masks, `select`, fused multiply-add, NaN-aware max/min, bit casts and the
// power-of-two scaling the exponential needs.
#ifndef XACT_DETAIL_SIMD_HPP
#define XACT_DETAIL_SIMD_HPP

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "config.hpp"
#include "pack.hpp"

namespace xact {
namespace detail {

// ---------------------------------------------------------------- architectures
/// The architecture of targets xsimd has no SIMD for: its "batch" of T is T itself (one lane), so
/// the kernels run the formulas' scalar code, the same that a call on a float or double runs.
struct scalar_arch {
    static constexpr const char* name() noexcept { return "scalar"; }
    static constexpr bool supported() noexcept { return true; }
    static constexpr bool available() noexcept { return true; }
    static constexpr std::size_t alignment() noexcept { return alignof(double); }
};

/// The architecture the kernels use by default: xsimd's, or scalar_arch where xsimd has none.
#if XACT_SIMD
using default_arch = xsimd::default_arch;
#else
using default_arch = scalar_arch;
#endif

/// The value type of a batch of T on architecture A: xsimd::batch<T, A>, T for scalar_arch.
template <class T, class A>
struct batch_of {
    using type = xsimd::batch<T, A>;
};

template <class T>
struct batch_of<T, scalar_arch> {
    using type = T;
};

template <class T, class A>
using batch_t = typename batch_of<T, A>::type;

// ---------------------------------------------------------------- value traits
template <class V>
struct value_traits {
    static_assert(std::is_floating_point<V>::value, "xact works on float, double and xsimd batches of them");
    using scalar_type = V;
    using int_type = std::conditional_t<sizeof(V) == 4, std::int32_t, std::int64_t>;
    static constexpr bool is_batch = false;
    static constexpr std::size_t size = 1;
};

template <class T, class A>
struct value_traits<xsimd::batch<T, A>> {
    using scalar_type = T;
    using int_type = xsimd::batch<std::conditional_t<sizeof(T) == 4, std::int32_t, std::int64_t>, A>;
    static constexpr bool is_batch = true;
    static constexpr std::size_t size = xsimd::batch<T, A>::size;
};

template <class B, std::size_t N>
struct value_traits<pack<B, N>> {
    using scalar_type = typename value_traits<B>::scalar_type;
    using int_type = pack<typename value_traits<B>::int_type, N>;
    static constexpr bool is_batch = true;
    static constexpr std::size_t size = N * value_traits<B>::size;
};

template <class V>
using scalar_t = typename value_traits<V>::scalar_type;
template <class V>
using int_t = typename value_traits<V>::int_type;

/// The number of lanes of V (1 for a scalar).
template <class V>
constexpr std::size_t lane_count = value_traits<V>::size;

/// Loads and stores of a batch, or of a scalar (batch_t<T, scalar_arch>), from and to memory.
template <class V, std::enable_if_t<!value_traits<V>::is_batch, int> = 0>
inline V load_unaligned(V const* p) noexcept { return *p; }

template <class V, std::enable_if_t<value_traits<V>::is_batch, int> = 0>
inline V load_unaligned(scalar_t<V> const* p) noexcept { return V::load_unaligned(p); }

template <class V, std::enable_if_t<!value_traits<V>::is_batch, int> = 0>
inline V load_aligned(V const* p) noexcept { return *p; }

template <class V, std::enable_if_t<value_traits<V>::is_batch, int> = 0>
inline V load_aligned(scalar_t<V> const* p) noexcept { return V::load_aligned(p); }

template <class V, std::enable_if_t<!value_traits<V>::is_batch, int> = 0>
inline void store_unaligned(V v, V* p) noexcept { *p = v; }

template <class V, std::enable_if_t<value_traits<V>::is_batch, int> = 0>
inline void store_unaligned(V const& v, scalar_t<V>* p) noexcept { v.store_unaligned(p); }

template <class V, std::enable_if_t<!value_traits<V>::is_batch, int> = 0>
inline void store_aligned(V v, V* p) noexcept { *p = v; }

template <class V, std::enable_if_t<value_traits<V>::is_batch, int> = 0>
inline void store_aligned(V const& v, scalar_t<V>* p) noexcept { v.store_aligned(p); }

// ---------------------------------------------------------------- select and masks
template <class T, std::enable_if_t<std::is_arithmetic<T>::value, int> = 0>
inline T select(bool c, T a, T b) noexcept { return c ? a : b; }

#if XACT_SIMD
template <class T, class A>
inline xsimd::batch<T, A> select(xsimd::batch_bool<T, A> const& c, xsimd::batch<T, A> const& a,
                                 xsimd::batch<T, A> const& b) noexcept
{
    return xsimd::select(c, a, b);
}
#endif
XACT_PACK_OVERLOAD_MASKED(select, 2)

/// Whether any lane of a mask is set (a scalar's mask is a bool): formulas take a rare path, such
/// as a tail into the subnormals, only when some lane needs it, and then through select, so that a
/// scalar and a batch compute the same lane the same way.
inline bool any_lane(bool c) noexcept { return c; }

#if XACT_SIMD
template <class T, class A>
inline bool any_lane(xsimd::batch_bool<T, A> const& c) noexcept { return xsimd::any(c); }
#endif

template <class M, std::size_t N>
inline bool any_lane(pack<M, N> const& c) noexcept
{
    bool any = false;
    for (std::size_t k = 0; k < N; ++k) any = any || any_lane(c.m[k]);
    return any;
}

template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
inline bool is_nan(T x) noexcept { return x != x; }

#if XACT_SIMD
// Not x != x: xsimd's batch != is an ordered compare on AVX-512 (_CMP_NEQ_OQ), false for NaN.
template <class T, class A>
inline xsimd::batch_bool<T, A> is_nan(xsimd::batch<T, A> const& x) noexcept { return xsimd::isnan(x); }
#endif

XACT_PACK_OVERLOAD(is_nan, 1)

/// v, or NaN where x is NaN (for results, such as a derivative's 0 or 1, that do not depend on x).
template <class V>
inline V propagate_nan(V x, V v) noexcept { return detail::select(is_nan(x), x, v); }

XACT_PACK_OVERLOAD(propagate_nan, 2)

// ---------------------------------------------------------------- arithmetic
// Fused multiply-add a*b+c. Where the target has no FMA unit the scalar form is left unfused, like
// xsimd's batch form, so scalar and batch results agree on every target. XACT_SCALAR_FMA: the
// target's scalar FMA instruction (x86 FMA3, aarch64, RISC-V with floating point).
#if defined(__FMA__) || defined(__AVX512F__) || defined(__aarch64__) || (defined(__riscv) && defined(__riscv_flen))
#define XACT_SCALAR_FMA 1
#else
#define XACT_SCALAR_FMA 0
#endif
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
inline T fma(T a, T b, T c) noexcept
{
#if XACT_SCALAR_FMA
    return std::fma(a, b, c);
#else
    return a * b + c;
#endif
}

/// Whether fma(a, b, c) on V is a fused, single-rounding operation (error-free transformations rely
/// on it; without it they fall back to Dekker's splitting).
template <class V>
struct has_fused_fma
    : std::integral_constant<bool,
#if XACT_SCALAR_FMA
                             true
#else
                             false
#endif
                             > {
};

template <class T, class A>
struct has_fused_fma<xsimd::batch<T, A>>
    : std::integral_constant<bool, std::is_base_of<xsimd::avx512f, A>::value ||
                                       std::is_base_of<xsimd::fma3<xsimd::avx2>, A>::value ||
                                       std::is_base_of<xsimd::fma3<xsimd::avx>, A>::value ||
                                       std::is_base_of<xsimd::fma3<xsimd::sse4_2>, A>::value
#if defined(__aarch64__)
                                       || std::is_base_of<xsimd::neon64, A>::value
#endif
                                   > {
};

/// Whether V is a batch of an AVX-512 architecture (the kernels that call AVX-512 instructions
/// directly test this once, with __AVX512F__ defined).
template <class V>
struct is_avx512 : std::false_type {
};

template <class T, class A>
struct is_avx512<xsimd::batch<T, A>> : std::is_base_of<xsimd::avx512f, A> {
};

/// Whether V is a batch of aarch64's NEON (xsimd's neon64 and the architectures built on it).
template <class V>
struct is_neon64 : std::false_type {
};

#if defined(__aarch64__)
template <class T, class A>
struct is_neon64<xsimd::batch<T, A>> : std::is_base_of<xsimd::neon64, A> {
};
#endif

// A pack is not an AVX-512 batch: code that calls the instructions directly has a pack overload
// that calls the batch code per member.
template <class B, std::size_t N>
struct has_fused_fma<pack<B, N>> : has_fused_fma<B> {
};

// The four fused forms, each with one rounding where the target has FMA (unfused otherwise, like
// fma above): fma a*b + c, fms a*b - c, fnma -(a*b) + c, fnms -(a*b) - c.
enum class fused { madd, msub, nmadd, nmsub };

template <fused F, class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
inline T fused_op(T a, T b, T c) noexcept
{
    constexpr bool neg_ab = F == fused::nmadd || F == fused::nmsub;
    constexpr bool neg_c = F == fused::msub || F == fused::nmsub;
    return detail::fma(neg_ab ? -a : a, b, neg_c ? -c : c);  // negation is exact
}

#if XACT_SIMD
// xsimd 8 has no AVX-512 fma kernel: its generic a * b + c lets the compiler fold an error-free
// product's fma(a, b, -a * b) to 0. The AVX-512 instructions are therefore called directly, one per
// form (GCC does not fold a negated operand into _mm512_fmadd_ps).
template <fused F, class T, class A>
inline xsimd::batch<T, A> fused_op(xsimd::batch<T, A> const& a, xsimd::batch<T, A> const& b,
                                   xsimd::batch<T, A> const& c) noexcept
{
#if defined(__AVX512F__)
    if constexpr (is_avx512<xsimd::batch<T, A>>::value && std::is_same<T, float>::value) {
        if constexpr (F == fused::madd) return _mm512_fmadd_ps(a, b, c);
        else if constexpr (F == fused::msub) return _mm512_fmsub_ps(a, b, c);
        else if constexpr (F == fused::nmadd) return _mm512_fnmadd_ps(a, b, c);
        else return _mm512_fnmsub_ps(a, b, c);
    } else if constexpr (is_avx512<xsimd::batch<T, A>>::value) {
        if constexpr (F == fused::madd) return _mm512_fmadd_pd(a, b, c);
        else if constexpr (F == fused::msub) return _mm512_fmsub_pd(a, b, c);
        else if constexpr (F == fused::nmadd) return _mm512_fnmadd_pd(a, b, c);
        else return _mm512_fnmsub_pd(a, b, c);
    } else
#endif
#if defined(__aarch64__)
    // xsimd 8 spells NEON's fnma and fnms as -a * b + c and -a * b - c, left unfused unless the
    // compiler contracts them: FMLA and FMLS directly, like std::fma in the scalar code
    if constexpr (is_neon64<xsimd::batch<T, A>>::value && std::is_same<T, float>::value) {
        if constexpr (F == fused::madd) return vfmaq_f32(c, a, b);
        else if constexpr (F == fused::msub) return vfmaq_f32(vnegq_f32(c), a, b);
        else if constexpr (F == fused::nmadd) return vfmsq_f32(c, a, b);
        else return vnegq_f32(vfmaq_f32(c, a, b));  // -(a b + c) rounded: rounding is symmetric
    } else if constexpr (is_neon64<xsimd::batch<T, A>>::value) {
        if constexpr (F == fused::madd) return vfmaq_f64(c, a, b);
        else if constexpr (F == fused::msub) return vfmaq_f64(vnegq_f64(c), a, b);
        else if constexpr (F == fused::nmadd) return vfmsq_f64(c, a, b);
        else return vnegq_f64(vfmaq_f64(c, a, b));
    } else
#endif
    {
        if constexpr (F == fused::madd) return xsimd::fma(a, b, c);
        else if constexpr (F == fused::msub) return xsimd::fms(a, b, c);
        else if constexpr (F == fused::nmadd) return xsimd::fnma(a, b, c);
        else return xsimd::fnms(a, b, c);
    }
}

template <class T, class A>
inline xsimd::batch<T, A> fma(xsimd::batch<T, A> const& a, xsimd::batch<T, A> const& b,
                              xsimd::batch<T, A> const& c) noexcept
{
    return fused_op<fused::madd>(a, b, c);
}
#endif

XACT_PACK_OVERLOAD(fma, 3)

template <fused F, class B, std::size_t N>
inline pack<B, N> fused_op(pack<B, N> const& a, pack<B, N> const& b, pack<B, N> const& c) noexcept
{
    return pack_map([](B const& x, B const& y, B const& z) { return fused_op<F>(x, y, z); }, a, b, c);
}

/// a*b - c.
template <class V>
inline V fms(V const& a, V const& b, V const& c) noexcept { return fused_op<fused::msub>(a, b, c); }

/// -(a*b) + c.
template <class V>
inline V fnma(V const& a, V const& b, V const& c) noexcept { return fused_op<fused::nmadd>(a, b, c); }

/// -(a*b) - c.
template <class V>
inline V fnms(V const& a, V const& b, V const& c) noexcept { return fused_op<fused::nmsub>(a, b, c); }

/// a / b, correctly rounded on every target. xsimd's float division on aarch64 is a reciprocal
/// estimate refined by two Newton steps, which is off by an ULP for some operands (sigmoid(-5.999)
/// among them); NEON has the IEEE division, FDIV, and it is called directly.
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
inline T div(T a, T b) noexcept { return a / b; }

#if XACT_SIMD
template <class T, class A>
inline xsimd::batch<T, A> div(xsimd::batch<T, A> const& a, xsimd::batch<T, A> const& b) noexcept
{
#if defined(__aarch64__)
    if constexpr (is_neon64<xsimd::batch<T, A>>::value && std::is_same<T, float>::value) return vdivq_f32(a, b);
#endif
    return a / b;
}
#endif
XACT_PACK_OVERLOAD(div, 2)

// The value of x, rounded: the compiler may not fuse the product that made x into a later addition
// (GCC contracts a * b + c into an FMA by default, which would break the error-free transformations
// below, and would do it differently in scalar and vector code).
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
inline T opaque(T x) noexcept
{
#if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__i386__))
    __asm__("" : "+v"(x));
#elif (defined(__GNUC__) || defined(__clang__)) && defined(__aarch64__)
    __asm__("" : "+w"(x));
#else
    volatile T v = x;
    x = v;
#endif
    return x;
}

#if XACT_SIMD
template <class T, class A>
inline xsimd::batch<T, A> opaque(xsimd::batch<T, A> const& x) noexcept
{
    using reg = typename xsimd::batch<T, A>::register_type;
    reg r = x;
#if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__i386__))
    __asm__("" : "+v"(r));
#elif (defined(__GNUC__) || defined(__clang__)) && defined(__aarch64__)
    __asm__("" : "+w"(r));
#else
    volatile reg v = r;
    r = v;
#endif
    return r;
}
#endif
XACT_PACK_OVERLOAD(opaque, 1)

template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
inline T abs(T x) noexcept { return std::fabs(x); }

#if XACT_SIMD
template <class T, class A>
inline xsimd::batch<T, A> abs(xsimd::batch<T, A> const& x) noexcept { return xsimd::abs(x); }
#endif

XACT_PACK_OVERLOAD(abs, 1)

template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
inline T floor(T x) noexcept { return std::floor(x); }

#if XACT_SIMD
template <class T, class A>
inline xsimd::batch<T, A> floor(xsimd::batch<T, A> const& x) noexcept { return xsimd::floor(x); }
#endif

XACT_PACK_OVERLOAD(floor, 1)

// max(lo, x) and min(hi, x) that return x when x is NaN. On x86 that is the rule of MAXPS / MINPS
// (the second operand where either is NaN, or both are zeros): one instruction, called directly,
// since xsimd 14's max and min add a NaN test and a blend (xsimd 8's were these instructions).
// Elsewhere the comparison is spelled out: NEON's FMAX/FMIN order -0 below +0 and return NaN
// (relu(-0) = -0 as in the scalar code).
#if XACT_SIMD && XACT_X86
/// MAXPS / MINPS (and the PD forms) at the batch's width: max(a, b) or min(a, b), b where either is
/// NaN or both are zeros.
template <bool Max, class T, class A>
inline xsimd::batch<T, A> x86_max_min(xsimd::batch<T, A> const& a, xsimd::batch<T, A> const& b) noexcept
{
    static_assert(std::is_floating_point<T>::value, "x86_max_min: float or double lanes");
    constexpr bool f = std::is_same<T, float>::value;
#if defined(__AVX512F__)
    if constexpr (std::is_base_of<xsimd::avx512f, A>::value) {
        if constexpr (f) return Max ? _mm512_max_ps(a, b) : _mm512_min_ps(a, b);
        else return Max ? _mm512_max_pd(a, b) : _mm512_min_pd(a, b);
    } else
#endif
#if defined(__AVX__)
    if constexpr (std::is_base_of<xsimd::avx, A>::value) {
        if constexpr (f) return Max ? _mm256_max_ps(a, b) : _mm256_min_ps(a, b);
        else return Max ? _mm256_max_pd(a, b) : _mm256_min_pd(a, b);
    } else
#endif
    {
        if constexpr (f) return Max ? _mm_max_ps(a, b) : _mm_min_ps(a, b);
        else return Max ? _mm_max_pd(a, b) : _mm_min_pd(a, b);
    }
}
#endif

/// max(lo, x) that returns x when x is NaN.
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
inline T max_keep_nan(T lo, T x) noexcept { return x < lo ? lo : x; }

#if XACT_SIMD
template <class T, class A>
inline xsimd::batch<T, A> max_keep_nan(xsimd::batch<T, A> const& lo, xsimd::batch<T, A> const& x) noexcept
{
#if XACT_X86
    return x86_max_min<true>(lo, x);
#else
    return xsimd::select(x < lo, lo, x);
#endif
}
#endif
XACT_PACK_OVERLOAD(max_keep_nan, 2)

/// min(hi, x) that returns x when x is NaN.
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
inline T min_keep_nan(T hi, T x) noexcept { return hi < x ? hi : x; }

#if XACT_SIMD
template <class T, class A>
inline xsimd::batch<T, A> min_keep_nan(xsimd::batch<T, A> const& hi, xsimd::batch<T, A> const& x) noexcept
{
#if XACT_X86
    return x86_max_min<false>(hi, x);
#else
    return xsimd::select(hi < x, hi, x);
#endif
}
#endif
XACT_PACK_OVERLOAD(min_keep_nan, 2)

/// min(|x|, c) for c >= 0, where the caller does not need NaN through it: for NaN x the result is
/// NaN or c (on AVX-512DQ one VRANGEPS, which returns c; elsewhere abs and min, which keep NaN).
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
inline T abs_min(T x, T c) noexcept { return min_keep_nan(c, std::fabs(x)); }

#if XACT_SIMD
template <class T, class A>
inline xsimd::batch<T, A> abs_min(xsimd::batch<T, A> const& x, xsimd::batch<T, A> const& c) noexcept
{
#if defined(__AVX512DQ__)
    // imm8 = 0b1010: the operand of smaller magnitude, sign cleared
    if constexpr (is_avx512<xsimd::batch<T, A>>::value && std::is_same<T, float>::value) return _mm512_range_ps(x, c, 0x0A);
    else if constexpr (is_avx512<xsimd::batch<T, A>>::value) return _mm512_range_pd(x, c, 0x0A);
#endif
    return min_keep_nan(c, xsimd::abs(x));
}
#endif
XACT_PACK_OVERLOAD(abs_min, 2)

template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
inline T copysign(T magnitude, T sign) noexcept { return std::copysign(magnitude, sign); }

#if XACT_SIMD
template <class T, class A>
inline xsimd::batch<T, A> copysign(xsimd::batch<T, A> const& magnitude, xsimd::batch<T, A> const& sign) noexcept
{
    return xsimd::copysign(magnitude, sign);
}
#endif
XACT_PACK_OVERLOAD(copysign, 2)

/// -x with the sign bit flipped, so -(+0) = -0 on every target. xsimd 8's AVX-512 negation is
/// 0 - x, which gives +0 for +0.
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
inline T neg(T x) noexcept { return -x; }

#if XACT_SIMD
template <class T, class A>
inline xsimd::batch<T, A> neg(xsimd::batch<T, A> const& x) noexcept
{
    return x ^ xsimd::batch<T, A>(T(-0.0));
}
#endif
XACT_PACK_OVERLOAD(neg, 1)

/// Sum of the lanes (a scalar is its own sum; xsimd 8 calls the batch form hadd).
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
inline T reduce_add(T x) noexcept { return x; }

/// Whether every lane of a mask is set.
inline bool every_lane(bool c) noexcept { return c; }

#if XACT_SIMD
template <class T, class A>
inline bool every_lane(xsimd::batch_bool<T, A> const& c) noexcept { return xsimd::all(c); }
#endif

#if XACT_SIMD
/// Sum of a batch's lanes (xsimd 8 calls it hadd).
template <class T, class A>
inline T reduce_add(xsimd::batch<T, A> const& x) noexcept
{
#if XACT_XSIMD_GE(9)
    return xsimd::reduce_add(x);
#else
    return xsimd::hadd(x);
#endif
}
#endif

// ---------------------------------------------------------------- bits
template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
inline int_t<T> to_bits(T x) noexcept
{
    int_t<T> i;
    std::memcpy(&i, &x, sizeof i);
    return i;
}

#if XACT_SIMD
template <class T, class A>
inline int_t<xsimd::batch<T, A>> to_bits(xsimd::batch<T, A> const& x) noexcept
{
#if XACT_XSIMD_GE(11)
    return xsimd::bitwise_cast<typename int_t<xsimd::batch<T, A>>::value_type>(x);
#else
    return xsimd::bitwise_cast<int_t<xsimd::batch<T, A>>>(x);
#endif
}
#endif
XACT_PACK_OVERLOAD(to_bits, 1)

template <class V, class I, std::enable_if_t<!value_traits<V>::is_batch, int> = 0>
inline V from_bits(I i) noexcept
{
    V x;
    std::memcpy(&x, &i, sizeof x);
    return x;
}

#if XACT_SIMD
template <class V, class I, std::enable_if_t<value_traits<V>::is_batch && !is_pack<V>::value, int> = 0>
inline V from_bits(I const& i) noexcept
{
#if XACT_XSIMD_GE(11)
    return xsimd::bitwise_cast<scalar_t<V>>(i);
#else
    return xsimd::bitwise_cast<V>(i);
#endif
}
#endif

template <class V, class I, std::enable_if_t<is_pack<V>::value, int> = 0>
inline V from_bits(I const& i) noexcept
{
    return pack_map([](auto const& b) { return from_bits<typename V::batch_type>(b); }, i);
}

/// i << n on the bits: for a scalar through the unsigned type (a signed shift into the sign bit is
/// undefined before C++20), for a batch the instruction.
template <class I, std::enable_if_t<std::is_integral<I>::value, int> = 0>
inline I shift_left(I i, int n) noexcept
{
    return static_cast<I>(static_cast<std::make_unsigned_t<I>>(i) << n);
}

template <class I, std::enable_if_t<!std::is_integral<I>::value, int> = 0>
inline I shift_left(I const& i, int n) noexcept
{
    return i << n;
}

template <class B, std::size_t N>
inline pack<B, N> shift_left(pack<B, N> const& i, int n) noexcept
{
    return pack_map([n](B const& b) { return shift_left(b, n); }, i);
}

// ---------------------------------------------------------------- 16-entry tables
/// Whether V picks one of 16 floats per lane in one instruction: a float scalar (an array index),
/// or an AVX-512 float batch (VPERMPS over one register). Elsewhere it
/// would take a gather or several permutes and blends per lookup, and the callers keep a
/// table-free formula.
/// A float scalar takes the table paths exactly where the translation unit's default batch does (on
/// AVX-512), so that a scalar call and a kernel agree lane by lane on every instruction set.
template <class V>
struct has_table_lookup : std::integral_constant<bool,
#if defined(__AVX512F__)
                                                 std::is_same<V, float>::value
#else
                                                 false
#endif
                                                 > {
};

#if defined(__AVX512F__)
template <class A>
struct has_table_lookup<xsimd::batch<float, A>> : is_avx512<xsimd::batch<float, A>> {
};
#endif

template <class B, std::size_t N>
struct has_table_lookup<pack<B, N>> : has_table_lookup<B> {
};

/// Whether float math on V takes the table-driven paths (gelu, the logistic): has_table_lookup
/// with a fused multiply-add, which their reductions need.
template <class V>
struct has_float_tables : std::integral_constant<bool, has_table_lookup<V>::value && has_fused_fma<V>::value> {
};

/// table[j] for j in [0, 16) held in the low four bits of k's representation, as in
/// k = j + 1.5 * 2^23 (round_magic added to an integer-valued float).
inline float lookup(const float (&table)[16], float k) noexcept
{
    return table[to_bits(k) & 15];
}

#if defined(__AVX512F__)
template <class A, std::enable_if_t<is_avx512<xsimd::batch<float, A>>::value, int> = 0>
inline xsimd::batch<float, A> lookup(const float (&table)[16], xsimd::batch<float, A> const& k) noexcept
{
    return _mm512_permutexvar_ps(_mm512_castps_si512(k), _mm512_loadu_ps(table));
}
#endif

template <class B, std::size_t N>
inline pack<B, N> lookup(const float (&table)[16], pack<B, N> const& k) noexcept
{
    return pack_map([&table](B const& b) { return lookup(table, b); }, k);
}

}  // namespace detail
}  // namespace xact

#endif
