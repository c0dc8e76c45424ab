// xact: the elementwise kernels over bfloat16 and float16 arrays, correctly rounded.
//
// Included by <xact/kernels.hpp> (after its loops): xact::forward(f, x, y) with x and y arrays of
// xact::bfloat16 or xact::float16 and a float functor f comes here. Each block of up to 512
// elements is
//   1. widened exactly to float on the stack (SIMD: integer shifts for bfloat16, F16C VCVTPH2PS
//      for float16 on AVX2 and AVX-512);
//   2. run through the float kernel (the same loop and functor as float arrays);
//   3. rounded once to the 16-bit type (SIMD: integer round-to-nearest-even for bfloat16,
//      VCVTPS2PH for float16) while the same pass flags the lanes whose float result lies within
//      half_margin float bit patterns of a 16-bit rounding midpoint: only there can the float
//      kernel's error (at most 4 ULP relative, i.e. 8 patterns at the bottom of a binade, plus the
//      rounding of dy f') put the float result on the other side of the midpoint from the exact
//      value. A derivative with an interior root (functors that declare derivative_has_root:
//      swish, gelu, gelu_tanh) is accurate only to 2^-24 absolute where |x scale| < 4, so there
//      the margin grows by that error counted in float steps of the result;
//   4. the flagged lanes (about 2 x 10 / 2^16 of bfloat16 results, 2 x 10 / 2^13 of float16
//      ones) are gathered and recomputed with the same functor over double (a few ULP of double),
//      rounded to float with round-to-odd (so the one rounding to 16 bits that follows is the
//      correct rounding of the double value; Boldo and Melquiond, "Emulation of FMA and correctly
//      rounded sums: proved algorithms using rounding to odd", IEEE TC 57(4), 2008), then to 16 bits.
// A double result within 2^-51 (relative) of a midpoint at a moderate argument is taken as the
// midpoint, a tie to even: the exact value is then a midpoint of a rational piece computed with a
// rounded division (hardswish's dy (2x + 3) / 6 is one for some inputs, and double lands up to 2 ULP
// to either side). A transcendental value is never on a midpoint and comes that close to one with
// probability about 2^-39 per input; the leading-term structures below put an exact value within
// 2^-50 of a midpoint only at arguments of 2^25 and more, where the tie rule decides instead.
// At a tiny (|x| < 2^-24) or huge (|x| >= 2^25) argument, a double result within 2^-45 of a
// midpoint comes only from an exact leading term c x^k (alpha x for elu, dy alpha for its
// derivative, dy y for sigmoid's f'(y), dy y^2 for tanh's at huge y), where the next term of the
// expansion is below double's resolution. There the side of the midpoint is the sign of that next term, which
// is the same at x and at t = x 2^s, |t| ~ 2^-24 or 2^24, where double resolves it: the kernel
// evaluates the double functor at t and 2t (their ratio gives k), scales f(t) by 2^(-k s), so that
// the exact leading term is c x^k again, compares with the midpoint and nudges it that way. An
// exact tie (the expansion ends at the leading term) stays a tie, to even. Results that overflow
// inside the float kernel (+-inf from a finite input) are recomputed as well. Not handled: the same
// structure at a moderate argument in an exponentially saturated tail, which only the gated units
// meet (silu(a) b ~ a b with a b a midpoint, a > 36; gelu at a > 8): there the tie goes to even.
// Every function here is a template on the xsimd architecture A, so that the copies compiled for
// different instruction sets (xact::runtime) are distinct symbols.
// The floating-point environment is set to round-to-nearest without FTZ/DAZ for the call (MXCSR on
// x86, FPCR on aarch64) and restored after, so results do not depend on the caller's.
//
// Adding an activation: nothing, when its functor is `template <class T> struct name` with only T
// parameters as data members (the double functor is built from them by to_double_functor); a
// functor with other members gives it a member `template <class U> name<U> rebind() const`. If its
// derivative has an interior root where the float kernel's error is absolute rather than relative,
// it declares `static constexpr bool derivative_has_root = true;` (and, if the root moves with a
// parameter, `T derivative_root_scale() const`, the factor that brings the root's neighbourhood
// within |x scale| < 4). The exhaustive tests in tests/test_half.cpp then check it.
#ifndef XACT_DETAIL_HALF_KERNEL_HPP
#define XACT_DETAIL_HALF_KERNEL_HPP

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "../half.hpp"
#include "simd.hpp"

namespace xact {
namespace detail {

// ---------------------------------------------------------------- floating-point environment
/// Round to nearest, no flush to zero, no denormals-are-zero for the scope's lifetime.
template <class A>
class ieee_scope {
public:
#if XACT_X86 && defined(__SSE2__)
    ieee_scope() noexcept : saved_(_mm_getcsr())
    {
        // bit 15 FTZ, bits 13-14 rounding control, bit 6 DAZ
        if ((saved_ & 0xe040u) != 0) _mm_setcsr(saved_ & ~0xe040u);
    }
    ~ieee_scope()
    {
        if ((saved_ & 0xe040u) != 0) _mm_setcsr(saved_);
    }

private:
    unsigned saved_;
#elif defined(__aarch64__)
    ieee_scope() noexcept
    {
        __asm__ __volatile__("mrs %0, fpcr" : "=r"(saved_));
        // bits 22-23 rounding mode, 24 FZ, 19 FZ16
        const std::uint64_t cleared = saved_ & ~((std::uint64_t(3) << 22) | (std::uint64_t(1) << 24) | (std::uint64_t(1) << 19));
        if (cleared != saved_) __asm__ __volatile__("msr fpcr, %0" : : "r"(cleared));
    }
    ~ieee_scope() { __asm__ __volatile__("msr fpcr, %0" : : "r"(saved_)); }

private:
    std::uint64_t saved_;
#else
    ieee_scope() noexcept {}
#endif
    ieee_scope(ieee_scope const&) = delete;
    ieee_scope& operator=(ieee_scope const&) = delete;
};

// ---------------------------------------------------------------- the rounding and its midpoints
/// Float bit patterns this close to a 16-bit rounding midpoint are recomputed in double.
constexpr std::uint32_t half_margin = 10;

template <class A>
inline float half_to_float(bfloat16 h) noexcept { return bfloat16_to_float<A>(h.bits()); }
template <class A>
inline float half_to_float(float16 h) noexcept { return float16_to_float<A>(h.bits()); }

/// Where float bits u (sign cleared: a) round to H: the dropped low bits rem and half of their
/// unit, so that rem == half is a midpoint. bfloat16 drops 16 bits everywhere (same exponent
/// range); float16 drops 13 in its normal range and more below 2^-14, where the kept part is the
/// significand with its leading bit in units of 2^-24.
template <class H, class A = void>
inline bool near_midpoint(std::uint32_t a, std::uint32_t margin) noexcept
{
    if (a >= 0x7f800000u) return a == 0x7f800000u && margin != 0;  // an overflow inside the float kernel
    if constexpr (std::is_same<H, bfloat16>::value) {
        if (margin >= 0x8000u) return true;
        return (a & 0xffffu) - (0x8000u - margin) <= 2 * margin;
    } else {
        const std::uint32_t e = a >> 23;
        std::uint32_t shift = e >= 113 ? 13 : 126 - e;
        if (shift > 31) shift = 31;
        const std::uint32_t sig = e >= 113 ? a : ((a & 0x7fffffu) | 0x800000u);
        const std::uint32_t rem = sig & ((1u << shift) - 1), half = 1u << (shift - 1);
        if (margin >= half) return true;
        return rem - (half - margin) <= 2 * margin;
    }
}

template <class A, class H>
inline H half_from_float(float x) noexcept
{
    if constexpr (std::is_same<H, bfloat16>::value) return H::from_bits(bfloat16_from_float<A>(x));
    else return H::from_bits(float16_from_float<A>(x));
}

/// d rounded to float with round-to-odd: truncated, and the last bit set when inexact.
template <class A>
inline float round_to_odd(double d) noexcept
{
    float f = static_cast<float>(d);
    if (f != f || static_cast<double>(f) == d) return f;
    std::uint32_t u = float_bits<A>(f);
    if (std::fabs(static_cast<double>(f)) > std::fabs(d)) u -= 1;  // toward zero (inf -> max)
    return bits_float<A>(u | 1u);
}

/// The 16-bit result of a lane recomputed in double: d = op(x, g...), with the tie rule for tiny
/// and huge arguments described at the top of this file.
template <class A, class H, class Op, class... G>
inline H round_recomputed(double d, Op const& op, double x, G... g) noexcept
{
    const float f = static_cast<float>(d);
    const std::uint32_t a = float_bits<A>(f) & 0x7fffffffu;
    const double ax = std::fabs(x);
    const bool extreme = x != 0 && (ax < 0x1p-24 || ax >= 0x1p25);
    if (!extreme && f == f) {
        // an exact midpoint of a rational piece (hardswish's dy (2x + 3) / 6, say) comes out of
        // double within 2 ULP, on either side: taken as the midpoint, a tie (see the top of this file)
        const H h = half_from_float<A, H>(f);
        const double v0 = double(half_to_float<A>(h));
        const std::uint16_t mag = h.bits() & 0x7fffu;
        const bool up = std::fabs(d) > std::fabs(v0);
        if (d != v0 && std::isfinite(v0) && (up || mag != 0)) {
            const H n = H::from_bits(static_cast<std::uint16_t>((h.bits() & 0x8000u) | (up ? mag + 1u : mag - 1u)));
            const double mid = (v0 + double(half_to_float<A>(n))) / 2;
            if (std::isfinite(mid) && std::fabs(d - mid) <= std::fabs(mid) * 0x1p-51) d = mid;
        }
    }
    if (extreme && near_midpoint<H, A>(a, 0) && std::fabs(d - double(f)) <= std::fabs(double(f)) * 0x1p-45) {
        // f(x) = c x^k (1 + e), e below double's resolution: at t = x 2^s, |t| ~ 2^+-24, the same
        // expansion has e 2^-s, and f(t) 2^(-k s) - c x^k has the sign of e; k from f(2t) / f(t)
        const int s = (ax < 1 ? -24 : 24) - std::ilogb(x);
        const double t = std::ldexp(x, s), e1 = op(t, g...), e2 = op(2 * t, g...);
        if (e1 != 0 && e2 != 0 && std::isfinite(e1) && std::isfinite(e2)) {
            const long k = std::lround(std::log2(std::fabs(e2 / e1)));
            const double v = std::ldexp(e1, -int(k) * s);
            d = v == double(f) ? double(f) : std::nextafter(double(f), v);
        }
    }
    return half_from_float<A, H>(round_to_odd<A>(d));
}

// ---------------------------------------------------------------- widen and narrow a block
/// dst[j] = float(src[j]) for j < m, exactly.
template <class A, class H>
inline void widen_block(H const* src, float* dst, std::size_t m) noexcept
{
    std::size_t j = 0;
    const std::uint16_t* s = reinterpret_cast<const std::uint16_t*>(src);
    (void)s;  // only the x86 paths read the bits directly
#if defined(__AVX512F__)
    for (; j + 16 <= m; j += 16) {
        __m256i h = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + j));
        if constexpr (std::is_same<H, bfloat16>::value)
            _mm512_storeu_si512(dst + j, _mm512_slli_epi32(_mm512_cvtepu16_epi32(h), 16));
        else
            _mm512_storeu_ps(dst + j, _mm512_cvtph_ps(h));
    }
#elif defined(__AVX2__) && defined(__F16C__)
    for (; j + 8 <= m; j += 8) {
        __m128i h = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + j));
        if constexpr (std::is_same<H, bfloat16>::value)
            _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + j), _mm256_slli_epi32(_mm256_cvtepu16_epi32(h), 16));
        else
            _mm256_storeu_ps(dst + j, _mm256_cvtph_ps(h));
    }
#elif defined(__SSE2__)
    if constexpr (std::is_same<H, bfloat16>::value) {
        const __m128i zero = _mm_setzero_si128();
        for (; j + 8 <= m; j += 8) {
            __m128i h = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + j));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + j), _mm_unpacklo_epi16(zero, h));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + j + 4), _mm_unpackhi_epi16(zero, h));
        }
    }
#endif
    for (; j < m; ++j) dst[j] = half_to_float<A>(src[j]);
}

#if defined(__AVX__)
template <bool Stream>
inline void store256(std::uint16_t* p, __m256i v) noexcept
{
    if constexpr (Stream) _mm256_stream_si256(reinterpret_cast<__m256i*>(p), v);
    else _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v);
}
#endif
#if defined(__SSE2__)
template <bool Stream>
inline void store128(std::uint16_t* p, __m128i v) noexcept
{
    if constexpr (Stream) _mm_stream_si128(reinterpret_cast<__m128i*>(p), v);
    else _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v);
}
#endif

/// The alignment narrow_block's streaming stores need (0: none in this translation unit).
constexpr std::size_t half_stream_alignment() noexcept
{
#if defined(__AVX512F__)
    return 32;
#elif (defined(__AVX2__) && defined(__F16C__)) || defined(__SSE2__)
    return 16;
#else
    return 0;
#endif
}

/// dst[j] = H(src[j]) for j < m; sets bit j of flags (words of 64, cleared by the caller) where
/// src[j] is within half_margin patterns of a midpoint. With Stream (dst aligned to the store
/// width, see half_stream_alignment) the whole vectors are stored around the caches.
template <class A, bool Stream, class H>
inline void narrow_block(float const* src, H* dst, std::size_t m, std::uint64_t* flags) noexcept
{
    std::size_t j = 0;
    std::uint16_t* d = reinterpret_cast<std::uint16_t*>(dst);
    constexpr bool bf = std::is_same<H, bfloat16>::value;
    (void)d;  // only the x86 paths write the bits directly
    (void)bf;
#if defined(__AVX512F__)
    {
        const __m512i abs_mask = _mm512_set1_epi32(0x7fffffff), inf = _mm512_set1_epi32(0x7f800000);
        const __m512i margin = _mm512_set1_epi32(int(half_margin)), span = _mm512_set1_epi32(int(2 * half_margin));
        for (; j + 16 <= m; j += 16) {
            const __m512 r = _mm512_loadu_ps(src + j);
            const __m512i u = _mm512_castps_si512(r), a = _mm512_and_si512(u, abs_mask);
            __m512i rem, half;
            if constexpr (bf) {
                const __m512i lsb = _mm512_and_si512(_mm512_srli_epi32(u, 16), _mm512_set1_epi32(1));
                __m512i h = _mm512_srli_epi32(_mm512_add_epi32(_mm512_add_epi32(u, _mm512_set1_epi32(0x7fff)), lsb), 16);
                const __mmask16 nan = _mm512_cmpgt_epu32_mask(a, inf);
                h = _mm512_mask_or_epi32(h, nan, _mm512_srli_epi32(u, 16), _mm512_set1_epi32(0x40));
                store256<Stream>(d + j, _mm512_cvtepi32_epi16(h));
                rem = _mm512_and_si512(a, _mm512_set1_epi32(0xffff));
                half = _mm512_set1_epi32(0x8000);
            } else {
                store256<Stream>(d + j, _mm512_cvtps_ph(r, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
                const __m512i e = _mm512_srli_epi32(a, 23);
                const __m512i shift = _mm512_min_epu32(
                    _mm512_max_epi32(_mm512_sub_epi32(_mm512_set1_epi32(126), e), _mm512_set1_epi32(13)),
                    _mm512_set1_epi32(31));
                const __m512i sig = _mm512_mask_or_epi32(a, _mm512_cmplt_epu32_mask(e, _mm512_set1_epi32(113)),
                                                         _mm512_and_si512(a, _mm512_set1_epi32(0x7fffff)),
                                                         _mm512_set1_epi32(0x800000));
                const __m512i one = _mm512_set1_epi32(1);
                rem = _mm512_and_si512(sig, _mm512_sub_epi32(_mm512_sllv_epi32(one, shift), one));
                half = _mm512_sllv_epi32(one, _mm512_sub_epi32(shift, one));
            }
            const __m512i t = _mm512_sub_epi32(rem, _mm512_sub_epi32(half, margin));
            const __mmask16 near = static_cast<__mmask16>(
                _mm512_mask_cmple_epu32_mask(_mm512_cmplt_epu32_mask(a, inf), t, span) | _mm512_cmpeq_epi32_mask(a, inf));
            if (near) flags[j / 64] |= std::uint64_t(near) << (j % 64);
        }
    }
#elif defined(__AVX2__) && defined(__F16C__)
    {
        const __m256i abs_mask = _mm256_set1_epi32(0x7fffffff), inf = _mm256_set1_epi32(0x7f800000);
        const __m256i margin = _mm256_set1_epi32(int(half_margin)), span = _mm256_set1_epi32(int(2 * half_margin));
        for (; j + 8 <= m; j += 8) {
            const __m256 r = _mm256_loadu_ps(src + j);
            const __m256i u = _mm256_castps_si256(r), a = _mm256_and_si256(u, abs_mask);
            __m256i rem, half;
            if constexpr (bf) {
                const __m256i lsb = _mm256_and_si256(_mm256_srli_epi32(u, 16), _mm256_set1_epi32(1));
                __m256i h = _mm256_srli_epi32(_mm256_add_epi32(_mm256_add_epi32(u, _mm256_set1_epi32(0x7fff)), lsb), 16);
                const __m256i nan = _mm256_cmpgt_epi32(a, inf);
                h = _mm256_blendv_epi8(h, _mm256_or_si256(_mm256_srli_epi32(u, 16), _mm256_set1_epi32(0x40)), nan);
                store128<Stream>(d + j, _mm_packus_epi32(_mm256_castsi256_si128(h), _mm256_extracti128_si256(h, 1)));
                rem = _mm256_and_si256(a, _mm256_set1_epi32(0xffff));
                half = _mm256_set1_epi32(0x8000);
            } else {
                store128<Stream>(d + j, _mm256_cvtps_ph(r, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
                const __m256i e = _mm256_srli_epi32(a, 23);
                const __m256i shift = _mm256_min_epu32(
                    _mm256_max_epi32(_mm256_sub_epi32(_mm256_set1_epi32(126), e), _mm256_set1_epi32(13)),
                    _mm256_set1_epi32(31));
                const __m256i small = _mm256_cmpgt_epi32(_mm256_set1_epi32(113), e);
                const __m256i sig = _mm256_blendv_epi8(
                    a, _mm256_or_si256(_mm256_and_si256(a, _mm256_set1_epi32(0x7fffff)), _mm256_set1_epi32(0x800000)),
                    small);
                const __m256i one = _mm256_set1_epi32(1);
                rem = _mm256_and_si256(sig, _mm256_sub_epi32(_mm256_sllv_epi32(one, shift), one));
                half = _mm256_sllv_epi32(one, _mm256_sub_epi32(shift, one));
            }
            const __m256i t = _mm256_sub_epi32(rem, _mm256_sub_epi32(half, margin));
            const __m256i le = _mm256_cmpeq_epi32(_mm256_min_epu32(t, span), t);
            const __m256i finite = _mm256_cmpgt_epi32(inf, a);
            const __m256i flag = _mm256_or_si256(_mm256_and_si256(le, finite), _mm256_cmpeq_epi32(a, inf));
            const unsigned near = unsigned(_mm256_movemask_ps(_mm256_castsi256_ps(flag)));
            if (near) flags[j / 64] |= std::uint64_t(near) << (j % 64);
        }
    }
#elif defined(__SSE2__)
    if constexpr (bf) {
        const __m128i abs_mask = _mm_set1_epi32(0x7fffffff), inf = _mm_set1_epi32(0x7f800000);
        const __m128i bias = _mm_set1_epi32(int(0x80000000u)), low = _mm_set1_epi32(int(0x8000u - half_margin));
        const __m128i span = _mm_xor_si128(_mm_set1_epi32(int(2 * half_margin)), bias);
        for (; j + 8 <= m; j += 8) {
            __m128i h2[2];
            unsigned near = 0;
            for (int k = 0; k < 2; ++k) {
                const __m128i u = _mm_castps_si128(_mm_loadu_ps(src + j + 4 * k)), a = _mm_and_si128(u, abs_mask);
                const __m128i lsb = _mm_and_si128(_mm_srli_epi32(u, 16), _mm_set1_epi32(1));
                __m128i h = _mm_srli_epi32(_mm_add_epi32(_mm_add_epi32(u, _mm_set1_epi32(0x7fff)), lsb), 16);
                const __m128i nan = _mm_cmpgt_epi32(a, inf);
                const __m128i q = _mm_or_si128(_mm_srli_epi32(u, 16), _mm_set1_epi32(0x40));
                h = _mm_or_si128(_mm_andnot_si128(nan, h), _mm_and_si128(nan, q));
                // to signed 16-bit range for the signed pack: (h << 16) >> 16 arithmetic
                h2[k] = _mm_srai_epi32(_mm_slli_epi32(h, 16), 16);
                const __m128i t = _mm_sub_epi32(_mm_and_si128(a, _mm_set1_epi32(0xffff)), low);
                const __m128i le = _mm_cmpgt_epi32(_mm_add_epi32(span, _mm_set1_epi32(1)), _mm_xor_si128(t, bias));
                const __m128i finite = _mm_cmpgt_epi32(inf, a);
                const __m128i flag = _mm_or_si128(_mm_and_si128(le, finite), _mm_cmpeq_epi32(a, inf));
                near |= unsigned(_mm_movemask_ps(_mm_castsi128_ps(flag))) << (4 * k);
            }
            store128<Stream>(d + j, _mm_packs_epi32(h2[0], h2[1]));
            if (near) flags[j / 64] |= std::uint64_t(near) << (j % 64);
        }
    }
#endif
    for (; j < m; ++j) {
        dst[j] = half_from_float<A, H>(src[j]);
        if (near_midpoint<H, A>(float_bits<A>(src[j]) & 0x7fffffffu, half_margin)) flags[j / 64] |= std::uint64_t(1) << (j % 64);
    }
}

// ---------------------------------------------------------------- the functor over double
template <class F, class = void>
struct has_rebind_member : std::false_type {};

template <class F>
struct has_rebind_member<F, std::void_t<decltype(std::declval<F const&>().template rebind<double>())>>
    : std::true_type {};

template <class F>
struct functor_template {};

template <template <class> class Tmpl>
struct functor_template<Tmpl<float>> {
    template <class U>
    using type = Tmpl<U>;
};

/// The functor f over double with f's parameters (float values, widened exactly).
template <class F>
inline auto to_double_functor(F const& f) noexcept
{
    if constexpr (has_rebind_member<F>::value) {
        return f.template rebind<double>();
    } else {
        using D = typename functor_template<F>::template type<double>;
        constexpr std::size_t k = std::is_empty<F>::value ? 0 : sizeof(F) / sizeof(float);
        static_assert(std::is_aggregate<F>::value && (k == 0 || sizeof(F) == k * sizeof(float)) && k <= 4,
                      "xact 16-bit kernels: a functor whose data members are not all float parameters needs a "
                      "member template <class U> rebind() const (see detail/half_kernel.hpp)");
        if constexpr (k == 0) {
            (void)f;
            return D{};
        } else if constexpr (k == 1) {
            auto const& [a] = f;
            return D{double(a)};
        } else if constexpr (k == 2) {
            auto const& [a, b] = f;
            return D{double(a), double(b)};
        } else if constexpr (k == 3) {
            auto const& [a, b, c] = f;
            return D{double(a), double(b), double(c)};
        } else {
            auto const& [a, b, c, e] = f;
            return D{double(a), double(b), double(c), double(e)};
        }
    }
}

template <class F, class = void>
struct derivative_has_root : std::false_type {};

template <class F>
struct derivative_has_root<F, std::void_t<decltype(F::derivative_has_root)>>
    : std::integral_constant<bool, F::derivative_has_root> {};

template <class F, class = void>
struct has_root_scale : std::false_type {};

template <class F>
struct has_root_scale<F, std::void_t<decltype(std::declval<F const&>().derivative_root_scale())>> : std::true_type {};

template <class F>
inline float root_scale(F const& f) noexcept
{
    if constexpr (has_root_scale<F>::value) return float(f.derivative_root_scale());
    else {
        (void)f;
        return 1.0f;
    }
}

// ---------------------------------------------------------------- the block loop
constexpr std::size_t half_block = 512;

/// The block loop over block operations: b32(m, r, x_0, ...) writes r[j] = op(x_0[j], ...) over
/// float for j < m, b64(c, r, x_0, ...) the same over double, and s64(x_0, ...) is op at one double
/// point (the tie rule). half_transform passes the float and double kernels of an elementwise
/// formula; xact::runtime passes its compiled kernels, so that one copy of this loop per element
/// type serves every activation.
template <class A, bool Root, class H, class B32, class B64, class S64, std::size_t... I>
inline void half_transform_blocks(std::index_sequence<I...>, std::size_t n, B32 const& b32, B64 const& b64,
                                  S64 const& s64, float scale, H* out, const H* const* ins) noexcept
{
    constexpr std::size_t k_in = sizeof...(I);
    ieee_scope<A> env;
    alignas(64) float xb[k_in][half_block];
    alignas(64) float rb[half_block];
    alignas(64) double xd[k_in][half_block];
    alignas(64) double rd[half_block];
    std::uint16_t idx[half_block];
    std::uint64_t flags[half_block / 64];
    // outputs of XACT_STREAM_BYTES or more, aligned to the vector stores, bypass the caches
    constexpr std::size_t align = half_stream_alignment();
    const bool stream = align != 0 && XACT_STREAM_BYTES != 0 && n * sizeof(H) >= XACT_STREAM_BYTES &&
                        reinterpret_cast<std::uintptr_t>(out) % (align == 0 ? 1 : align) == 0;
    for (std::size_t i = 0; i < n; i += half_block) {
        const std::size_t m = n - i < half_block ? n - i : half_block;
        for (std::size_t k = 0; k < k_in; ++k) widen_block<A>(ins[k] + i, xb[k], m);
        b32(m, static_cast<float*>(rb), static_cast<const float*>(xb[I])...);
        for (auto& w : flags) w = 0;
        if (stream) narrow_block<A, true>(rb, out + i, m, flags);
        else narrow_block<A, false>(rb, out + i, m, flags);
        if constexpr (Root) {
            // where |x scale| < 4 the float derivative is within 2^-24 absolute (times the factor
            // g: the product of the inputs after x, dy or b dy): the margin widens by that error in
            // float steps of the result, g 2^-24 / 2^(e - 150) = g 2^(126 - e)
            for (std::size_t j = 0; j < m; ++j) {
                if (!(std::fabs(xb[0][j] * scale) < 4.0f)) continue;
                float g = 1.0f;
                for (std::size_t k = 1; k < k_in; ++k) g *= std::fabs(xb[k][j]);
                const std::uint32_t a = float_bits<A>(rb[j]) & 0x7fffffffu;
                const int e = int(a >> 23) == 0 ? 1 : int(a >> 23);
                const float extra = std::ldexp(g, 126 - e);
                if (!(extra < 0x1p20f) || near_midpoint<H, A>(a, half_margin + std::uint32_t(extra) + 1))
                    flags[j / 64] |= std::uint64_t(1) << (j % 64);
            }
        }
        std::size_t c = 0;
        for (std::size_t w = 0; w < half_block / 64; ++w) {
            for (std::uint64_t bits = flags[w]; bits != 0; bits &= bits - 1) {
                std::size_t j = w * 64 + std::size_t(__builtin_ctzll(bits));
                idx[c] = static_cast<std::uint16_t>(j);
                for (std::size_t k = 0; k < k_in; ++k) xd[k][c] = xb[k][j];
                ++c;
            }
        }
        if (c == 0) continue;
        b64(c, static_cast<double*>(rd), static_cast<const double*>(xd[I])...);
        for (std::size_t q = 0; q < c; ++q) out[i + idx[q]] = round_recomputed<A, H>(rd[q], s64, xd[I][q]...);
    }
    if (stream) stream_fence();
}

/// out[i] = op32(in_0[i], ...) rounded once to H, correctly (see the top of this file); op64 is the
/// same formula over double. With Root, lanes where |x scale| < 4 get a margin widened by the
/// derivative's absolute error 2^-24 (times |in_1 ...|). One to three inputs; outputs may alias inputs exactly.
template <class A, bool Root, class H, class Op32, class Op64, class... In>
inline void half_transform(std::size_t n, Op32 const& op32, Op64 const& op64, float scale, H* out,
                           In const*... in) noexcept
{
    static_assert(sizeof...(In) >= 1 && sizeof...(In) <= 3, "one to three inputs");
    const H* ins[] = {in...};
    half_transform_blocks<A, Root>(
        std::index_sequence_for<In...>{}, n,
        [&op32](std::size_t m, float* r, auto const*... x) { transform<float, A>(m, op32, r, x...); },
        [&op64](std::size_t m, double* r, auto const*... x) { transform<double, A>(m, op64, r, x...); }, op64, scale,
        out, ins);
}

template <class A, class F, class H>
inline void half_forward(F const& f, const H* x, H* y, std::size_t n) noexcept
{
    const auto fd = to_double_functor(f);
    half_transform<A, false>(
        n, [f](auto v) { return f.forward(v); }, [fd](auto v) { return fd.forward(v); }, 1.0f, y, x);
}

template <class A, class F, class H>
inline void half_derivative(F const& f, const H* x, H* d, std::size_t n) noexcept
{
    const auto fd = to_double_functor(f);
    half_transform<A, derivative_has_root<F>::value>(
        n, [f](auto v) { return f.derivative(v); }, [fd](auto v) { return fd.derivative(v); }, root_scale(f), d, x);
}

template <class A, class F, class H>
inline void half_backward(F const& f, const H* x, const H* dy, H* dx, std::size_t n) noexcept
{
    const auto fd = to_double_functor(f);
    half_transform<A, derivative_has_root<F>::value>(
        n, [f](auto v, auto g) { return g * f.derivative(v); }, [fd](auto v, auto g) { return g * fd.derivative(v); },
        root_scale(f), dx, x, dy);
}

template <class A, class F, class H>
inline void half_backward_from_output(F const& f, const H* y, const H* dy, H* dx, std::size_t n) noexcept
{
    const auto fd = to_double_functor(f);
    half_transform<A, false>(
        n, [f](auto v, auto g) { return g * f.derivative_from_output(v); },
        [fd](auto v, auto g) { return g * fd.derivative_from_output(v); }, 1.0f, dx, y, dy);
}

/// The gated units over 16-bit arrays (<xact/gated.hpp>): y = f(a) b, and da = dy b f'(a),
/// db = dy f(a), each rounded once through the elementwise machinery (they are elementwise
/// formulas of two and three inputs). Not always correctly rounded: where f saturates
/// exponentially (silu at a > 36, gelu at a > 8) the leading term a b or dy b can be a midpoint
/// with a correction below double's resolution, which the tie rule (tiny and huge arguments only)
/// does not see: a few dozen of the 65536 inputs per b (docs/ACCURACY.md). The backward goes
/// through chunks copied to the stack, so that da may equal a or dy and db may equal b.
template <class A, class F, class H>
inline void half_gated_forward(F const& f, const H* a, const H* b, H* y, std::size_t n) noexcept
{
    const auto fd = to_double_functor(f);
    half_transform<A, false>(
        n, [f](auto va, auto vb) { return f.forward(va) * vb; }, [fd](auto va, auto vb) { return fd.forward(va) * vb; },
        1.0f, y, a, b);
}

template <class A, class F, class H>
inline void half_gated_backward(F const& f, const H* a, const H* b, const H* dy, H* da, H* db, std::size_t n) noexcept
{
    const auto fd = to_double_functor(f);
    H ca[half_block], cb[half_block], cg[half_block];
    for (std::size_t i = 0; i < n; i += half_block) {
        const std::size_t m = n - i < half_block ? n - i : half_block;
        for (std::size_t j = 0; j < m; ++j) {
            ca[j] = a[i + j];
            cb[j] = b[i + j];
            cg[j] = dy[i + j];
        }
        half_transform<A, derivative_has_root<F>::value>(
            m, [f](auto va, auto vb, auto g) { return (g * vb) * f.derivative(va); },
            [fd](auto va, auto vb, auto g) { return (g * vb) * fd.derivative(va); }, root_scale(f), da + i,
            static_cast<const H*>(ca), static_cast<const H*>(cb), static_cast<const H*>(cg));
        half_transform<A, false>(
            m, [f](auto va, auto g) { return g * f.forward(va); }, [fd](auto va, auto g) { return g * fd.forward(va); },
            1.0f, db + i, static_cast<const H*>(ca), static_cast<const H*>(cg));
    }
}

/// sum over i < n of dy[i] p.slope_derivative(x[i]) in float: per block the float kernels' sum,
/// the blocks' sums added with their rounding errors kept (Neumaier).
template <class A, class P, class H>
inline float half_slope_gradient(P const& p, const H* x, const H* dy, std::size_t n) noexcept
{
    ieee_scope<A> env;
    alignas(64) float xb[half_block], gb[half_block];
    float s = 0, c = 0;
    for (std::size_t i = 0; i < n; i += half_block) {
        const std::size_t m = n - i < half_block ? n - i : half_block;
        widen_block<A>(x + i, xb, m);
        widen_block<A>(dy + i, gb, m);
        const float b = reduce_sum<float, A>(m, [p](auto v, auto g) { return g * p.slope_derivative(v); },
                                             static_cast<const float*>(xb), static_cast<const float*>(gb));
        const float t = s + b;
        c += std::fabs(s) >= std::fabs(b) ? (s - t) + b : (b - t) + s;
        s = t;
    }
    return std::fabs(s) <= 3.4028234663852886e38f ? s + c : s;
}

}  // namespace detail
}  // namespace xact

#endif
