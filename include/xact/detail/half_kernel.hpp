// xact: the elementwise kernels over bfloat16 and float16 arrays, correctly rounded.
//
// Included by <xact/kernels.hpp> (after its loops): xact::forward(f, x, y) with x and y arrays of
// xact::bfloat16 or xact::float16 and a float functor f comes here. Each block of up to 512
// elements is
//   1. widened exactly to float (SIMD: integer shifts for bfloat16, F16C VCVTPH2PS for float16 on
//      AVX2 and AVX-512);
//   2. run through the float formula (the same functor and the same packs of four batches as the
//      float kernels);
//   3. rounded once to the 16-bit type (SIMD: integer round-to-nearest-even for bfloat16,
//      VCVTPS2PH for float16) while the same pass flags the lanes whose float result lies within
//      half_margin float bit patterns of a 16-bit rounding midpoint: only there can the float
//      kernel's error (at most 4 ULP relative, i.e. 8 patterns at the bottom of a binade, plus the
//      rounding of dy f') put the float result on the other side of the midpoint from the exact
//      value. A derivative with an interior root (functors that declare derivative_has_root:
//      swish, gelu, gelu_tanh) is accurate only to 2^-24 absolute where |x scale| < 4, so there
//      the margin grows by that error counted in float steps of the result.
//      On AVX2 (with F16C) and AVX-512, steps 1 to 3 run in registers, four registers a step
//      (half_fused_blocks): the widened inputs never go to memory, and the flagged lanes' inputs
//      are kept aside. Elsewhere (SSE2, NEON, scalar, and xact::runtime's type-erased kernels) a
//      block goes through float buffers on the stack (half_transform_blocks);
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

// ---------------------------------------------------------------- one vector register
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

// widen_reg: the lanes at p widened exactly to float. narrow_reg: r rounded to H and stored at p;
// returns the lanes (bit k: lane k) where r is finite and within margin1 - 1 float patterns of a
// 16-bit rounding midpoint, or +-inf (an overflow inside the float kernel). margin1 holds the
// margin plus one per lane (root_margin1 widens it where a derivative's error is absolute).
// The same test as near_midpoint, lane by lane: the distance |rem - half| from the midpoint
// against the margin.
#if defined(__AVX512F__)
template <class H>
inline __m512 widen_reg16(H const* p) noexcept
{
    const __m256i h = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    if constexpr (std::is_same<H, bfloat16>::value) return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(h), 16));
    else return _mm512_cvtph_ps(h);
}

template <bool Stream, class H>
inline unsigned narrow_reg16(__m512 r, H* p, __m512i margin1) noexcept
{
    std::uint16_t* d = reinterpret_cast<std::uint16_t*>(p);
    const __m512i u = _mm512_castps_si512(r), a = _mm512_and_si512(u, _mm512_set1_epi32(0x7fffffff));
    const __m512i inf = _mm512_set1_epi32(0x7f800000);
    __m512i rem, half;
    if constexpr (std::is_same<H, bfloat16>::value) {
        const __m512i hi = _mm512_srli_epi32(u, 16);
        const __m512i lsb = _mm512_and_si512(hi, _mm512_set1_epi32(1));
        __m512i h = _mm512_srli_epi32(_mm512_add_epi32(_mm512_add_epi32(u, _mm512_set1_epi32(0x7fff)), lsb), 16);
        h = _mm512_mask_or_epi32(h, _mm512_cmpgt_epu32_mask(a, inf), hi, _mm512_set1_epi32(0x40));  // NaN: quiet
        store256<Stream>(d, _mm512_cvtepi32_epi16(h));
        rem = _mm512_and_si512(a, _mm512_set1_epi32(0xffff));
        half = _mm512_set1_epi32(0x8000);
    } else {
        store256<Stream>(d, _mm512_cvtps_ph(r, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
        // the dropped bits: 13 in float16's normal range, 126 - e below it (up to 31), where the
        // kept part is the significand with its leading bit
        const __m512i e = _mm512_srli_epi32(a, 23);
        const __m512i shift = _mm512_min_epu32(
            _mm512_max_epi32(_mm512_sub_epi32(_mm512_set1_epi32(126), e), _mm512_set1_epi32(13)), _mm512_set1_epi32(31));
        const __m512i sig = _mm512_mask_or_epi32(a, _mm512_cmplt_epu32_mask(e, _mm512_set1_epi32(113)),
                                                 _mm512_and_si512(a, _mm512_set1_epi32(0x7fffff)),
                                                 _mm512_set1_epi32(0x800000));
        const __m512i one = _mm512_set1_epi32(1);
        rem = _mm512_and_si512(sig, _mm512_sub_epi32(_mm512_sllv_epi32(one, shift), one));
        half = _mm512_sllv_epi32(one, _mm512_sub_epi32(shift, one));
    }
    const __m512i dist = _mm512_abs_epi32(_mm512_sub_epi32(rem, half));
    return _mm512_mask_cmplt_epi32_mask(_mm512_cmplt_epu32_mask(a, inf), dist, margin1) | _mm512_cmpeq_epi32_mask(a, inf);
}

/// margin1 where a derivative's error is 2^-24 absolute (see half_transform_blocks): lanes with
/// |x scale| < 4 get the error g 2^-24 counted in float steps of r, g 2^(126 - e), on top; lanes
/// where that is 2^20 or more (or NaN) are always recomputed.
inline __m512i root_margin1_16(__m512 x, __m512 g, __m512 r, float scale) noexcept
{
    const __m512i base = _mm512_set1_epi32(int(half_margin) + 1);
    const __mmask16 root = _mm512_cmp_ps_mask(_mm512_abs_ps(_mm512_mul_ps(x, _mm512_set1_ps(scale))), _mm512_set1_ps(4.0f), _CMP_LT_OQ);
    if (root == 0) return base;
    const __m512i a = _mm512_and_si512(_mm512_castps_si512(r), _mm512_set1_epi32(0x7fffffff));
    const __m512i e = _mm512_max_epi32(_mm512_srli_epi32(a, 23), _mm512_set1_epi32(1));
    const __m512i p2 = _mm512_slli_epi32(_mm512_max_epi32(_mm512_sub_epi32(_mm512_set1_epi32(253), e), _mm512_setzero_si512()), 23);
    const __m512 extra = _mm512_mul_ps(g, _mm512_castsi512_ps(p2));
    const __mmask16 big = _mm512_cmp_ps_mask(extra, _mm512_set1_ps(0x1p20f), _CMP_NLT_UQ);
    const __m512i m = _mm512_add_epi32(_mm512_cvttps_epi32(_mm512_min_ps(extra, _mm512_set1_ps(0x1p20f))),
                                       _mm512_set1_epi32(int(half_margin) + 2));
    return _mm512_mask_mov_epi32(_mm512_mask_mov_epi32(base, root, m), root & big, _mm512_set1_epi32(0x7fffffff));
}
#endif

#if defined(__AVX2__) && defined(__F16C__)
template <class H>
inline __m256 widen_reg8(H const* p) noexcept
{
    const __m128i h = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    if constexpr (std::is_same<H, bfloat16>::value) return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(h), 16));
    else return _mm256_cvtph_ps(h);
}

/// The AVX2 form flags the NaN lanes as well (the stored value of a NaN lane is then not
/// meaningful: the caller rounds the kept float result again, see round_flagged). With Fixed,
/// the margin is half_margin and margin1 is not read.
template <bool Stream, bool Fixed, class H>
inline __m256i narrow_reg8(__m256 r, H* p, __m256i margin1) noexcept
{
    std::uint16_t* d = reinterpret_cast<std::uint16_t*>(p);
    const __m256i u = _mm256_castps_si256(r), a = _mm256_and_si256(u, _mm256_set1_epi32(0x7fffffff));
    // +-inf may be an overflow of a factor (f'(y) before dy), NaN rounds as in the other lanes
    const __m256i nonfinite = _mm256_cmpgt_epi32(a, _mm256_set1_epi32(0x7f7fffff));
    constexpr int drop = std::is_same<H, bfloat16>::value ? 16 : 13;  // the bits a normal result drops
    __m256i near;
    if constexpr (std::is_same<H, bfloat16>::value) {
        // round to nearest even in the high half, then the high halves of the eight lanes
        const __m256i lsb = _mm256_and_si256(_mm256_srli_epi32(u, 16), _mm256_set1_epi32(1));
        const __m256i h = _mm256_add_epi32(_mm256_add_epi32(u, _mm256_set1_epi32(0x7fff)), lsb);
        const __m256i hi = _mm256_shuffle_epi8(
            h, _mm256_setr_epi8(2, 3, 6, 7, 10, 11, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, 2, 3, 6, 7, 10, 11, 14, 15,
                                -1, -1, -1, -1, -1, -1, -1, -1));
        store128<Stream>(d, _mm256_castsi256_si128(_mm256_permute4x64_epi64(hi, 0x08)));
    } else {
        store128<Stream>(d, _mm256_cvtps_ph(r, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    }
    if constexpr (Fixed) {
        // the dropped bits rem within half_margin of half = 2^(drop - 1): (u + margin) shifted left
        // by 32 - drop lies in [INT_MIN, INT_MIN + (2 margin + 1) 2^(32 - drop))
        const __m256i t = _mm256_slli_epi32(_mm256_add_epi32(u, _mm256_set1_epi32(int(half_margin))), 32 - drop);
        near = _mm256_cmpgt_epi32(_mm256_set1_epi32(int(0x80000000u + ((2 * half_margin + 1) << (32 - drop)))), t);
    } else {
        const __m256i rem = _mm256_and_si256(a, _mm256_set1_epi32((1 << drop) - 1));
        near = _mm256_cmpgt_epi32(margin1, _mm256_abs_epi32(_mm256_sub_epi32(rem, _mm256_set1_epi32(1 << (drop - 1)))));
    }
    if constexpr (!std::is_same<H, bfloat16>::value) {
        // below 2^-14 (float16 subnormal results; not 0) the dropped bits are 126 - e (up to 31) of
        // the significand with its leading bit
        // 0 < a < 0x38800000: a + INT_MAX wraps below INT_MIN + 0x387fffff exactly there
        const __m256i tiny = _mm256_cmpgt_epi32(_mm256_set1_epi32(int(0x80000000u + 0x387fffffu)),
                                                _mm256_add_epi32(a, _mm256_set1_epi32(0x7fffffff)));
        if (!_mm256_testz_si256(tiny, tiny)) {
            const __m256i e = _mm256_srli_epi32(a, 23);
            const __m256i shift = _mm256_min_epi32(_mm256_sub_epi32(_mm256_set1_epi32(126), e), _mm256_set1_epi32(31));
            const __m256i sig = _mm256_or_si256(_mm256_and_si256(a, _mm256_set1_epi32(0x7fffff)), _mm256_set1_epi32(0x800000));
            const __m256i one = _mm256_set1_epi32(1);
            const __m256i rem = _mm256_and_si256(sig, _mm256_sub_epi32(_mm256_sllv_epi32(one, shift), one));
            const __m256i half = _mm256_sllv_epi32(one, _mm256_sub_epi32(shift, one));
            const __m256i m1 = Fixed ? _mm256_set1_epi32(int(half_margin) + 1) : margin1;
            const __m256i near_tiny = _mm256_cmpgt_epi32(m1, _mm256_abs_epi32(_mm256_sub_epi32(rem, half)));
            near = _mm256_blendv_epi8(near, near_tiny, tiny);
        }
    }
    return _mm256_or_si256(near, nonfinite);
}

inline __m256i root_margin1_8(__m256 x, __m256 g, __m256 r, float scale) noexcept
{
    const __m256i base = _mm256_set1_epi32(int(half_margin) + 1);
    const __m256 ax = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), _mm256_mul_ps(x, _mm256_set1_ps(scale)));
    const __m256 root = _mm256_cmp_ps(ax, _mm256_set1_ps(4.0f), _CMP_LT_OQ);
    if (_mm256_movemask_ps(root) == 0) return base;
    const __m256i a = _mm256_and_si256(_mm256_castps_si256(r), _mm256_set1_epi32(0x7fffffff));
    const __m256i e = _mm256_max_epi32(_mm256_srli_epi32(a, 23), _mm256_set1_epi32(1));
    const __m256i p2 = _mm256_slli_epi32(_mm256_max_epi32(_mm256_sub_epi32(_mm256_set1_epi32(253), e), _mm256_setzero_si256()), 23);
    const __m256 extra = _mm256_mul_ps(g, _mm256_castsi256_ps(p2));
    const __m256 big = _mm256_cmp_ps(extra, _mm256_set1_ps(0x1p20f), _CMP_NLT_UQ);
    __m256i m = _mm256_add_epi32(_mm256_cvttps_epi32(_mm256_min_ps(extra, _mm256_set1_ps(0x1p20f))),
                                 _mm256_set1_epi32(int(half_margin) + 2));
    m = _mm256_blendv_epi8(m, _mm256_set1_epi32(0x7fffffff), _mm256_castps_si256(big));
    return _mm256_blendv_epi8(base, m, _mm256_castps_si256(root));
}
#endif

/// The flagged lanes of narrow_reg as bits, and whether any is set.
inline unsigned lane_bits(unsigned m) noexcept { return m; }
inline bool any_lane_set(unsigned m) noexcept { return m != 0; }
#if defined(__AVX2__)
inline unsigned lane_bits(__m256i m) noexcept { return unsigned(_mm256_movemask_ps(_mm256_castsi256_ps(m))); }
inline bool any_lane_set(__m256i m) noexcept { return !_mm256_testz_si256(m, m); }
inline __m256i operator_or(__m256i a, __m256i b) noexcept { return _mm256_or_si256(a, b); }
#endif
inline unsigned operator_or(unsigned a, unsigned b) noexcept { return a | b; }

/// Lanes per register of the paths above for A in this translation unit (0: none).
template <class A>
constexpr std::size_t half_reg_lanes() noexcept
{
#if defined(__AVX512F__)
    if constexpr (std::is_base_of<xsimd::avx512f, A>::value) return 16;
#endif
#if defined(__AVX2__) && defined(__F16C__)
    if constexpr (std::is_base_of<xsimd::avx2, A>::value) return 8;
#endif
    return 0;
}

/// The result of a flagged lane: the float result f rounded as the unflagged lanes are where it is
/// NaN (narrow_reg8 flags it), else the double result d (round_recomputed).
template <class A, class H, class Op, class... G>
inline H round_flagged(float f, double d, Op const& op, double x, G... g) noexcept
{
    if (f != f) return half_from_float<A, H>(f);
    return round_recomputed<A, H>(d, op, x, g...);
}

// ---------------------------------------------------------------- widen and narrow a block
/// dst[j] = float(src[j]) for j < m, exactly.
template <class A, class H>
inline void widen_block(H const* src, float* dst, std::size_t m) noexcept
{
    std::size_t j = 0;
#if defined(__AVX512F__)
    for (; j + 16 <= m; j += 16) _mm512_storeu_ps(dst + j, widen_reg16(src + j));
#elif defined(__AVX2__) && defined(__F16C__)
    for (; j + 8 <= m; j += 8) _mm256_storeu_ps(dst + j, widen_reg8(src + j));
#elif defined(__SSE2__)
    if constexpr (std::is_same<H, bfloat16>::value) {
        const std::uint16_t* s = reinterpret_cast<const std::uint16_t*>(src);
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
    for (; j + 16 <= m; j += 16)
        if (const unsigned near = narrow_reg16<Stream>(_mm512_loadu_ps(src + j), dst + j, _mm512_set1_epi32(int(half_margin) + 1)))
            flags[j / 64] |= std::uint64_t(near) << (j % 64);
#elif defined(__AVX2__) && defined(__F16C__)
    for (; j + 8 <= m; j += 8)
        if (const unsigned near = lane_bits(narrow_reg8<Stream, true>(_mm256_loadu_ps(src + j), dst + j, _mm256_setzero_si256())))
            flags[j / 64] |= std::uint64_t(near) << (j % 64);
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
/// The recompute buffers are padded with zeros to a multiple of this (four of the widest double
/// batch), so the double formula runs on whole four-batch packs only.
constexpr std::size_t recompute_pad = 32;
static_assert(half_block % recompute_pad == 0, "the padding stays inside a block");

/// Zeros after the c inputs gathered for the recompute, up to the next multiple of recompute_pad.
template <std::size_t K>
inline void pad_recompute(double (&xd)[K][half_block], std::size_t c) noexcept
{
    for (std::size_t q = c; q % recompute_pad != 0; ++q)
        for (std::size_t k = 0; k < K; ++k) xd[k][q] = 0.0;
}

/// r[q] = op(x_0[q], ...) over double for q < c, on whole four-batch packs (the inputs are padded:
/// pad_recompute; scalars one at a time). One copy of the double formula, as a pack, serves the
/// flagged lanes, not the kernels' four-batch step, single batches and padded tail: that keeps the
/// double formula a small part of a 16-bit kernel's code and compile time, and the pack keeps four
/// chains in flight where a derivative with a root flags many lanes.
template <class A, class Op, class... In>
inline void recompute_double(std::size_t c, Op const& op, double* r, In const*... x) noexcept
{
    using B = batch_t<double, A>;
    constexpr std::size_t w = lane_count<B>;
    static_assert(recompute_pad % (4 * w) == 0, "whole packs inside the padding");
    if constexpr (takes_packs<B, Op const&, In...>()) {
        using P = pack<B, 4>;
        for (std::size_t q = 0; q < c; q += 4 * w) {
            P v = op(load_pack<P>(x + q)...);
            for (std::size_t k = 0; k < 4; ++k) store_unaligned(v.m[k], r + q + k * w);
        }
    } else {
        for (std::size_t q = 0; q < c; q += w) store_unaligned(op(load_unaligned<B>(x + q)...), r + q);
    }
}

/// The block loop over block operations: b32(m, r, x_0, ...) writes r[j] = op(x_0[j], ...) over
/// float for j < m, b64(c, r, x_0, ...) the same over double (its inputs padded with zeros and r
/// with room up to c rounded up to recompute_pad), and s64(x_0, ...) is op at one double
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
                const std::uint32_t e = (a >> 23) == 0 ? 1 : a >> 23;
                const float extra = g * bits_float<A>(e <= 252 ? (253 - e) << 23 : 0);  // g 2^(126 - e), 0 below 2^-126
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
        pad_recompute(xd, c);
        b64(c, static_cast<double*>(rd), static_cast<const double*>(xd[I])...);
        for (std::size_t q = 0; q < c; ++q) out[i + idx[q]] = round_flagged<A, H>(rb[idx[q]], rd[q], s64, xd[I][q]...);
    }
    if (stream) stream_fence();
}

/// half_transform_blocks without the float buffers, for the instruction sets with a register path
/// (half_reg_lanes): each step widens four registers of every input, runs the float formula on
/// them as a pack (as the float kernels do), rounds and stores the results and tests them for the
/// midpoints at once. The inputs of the flagged lanes are kept (in double) before the outputs are
/// stored, so outputs may alias inputs exactly; they are recomputed per block as there. With
/// Stream, the stores are non-temporal (out aligned to them).
template <class A, bool Root, bool Stream, class H, class Op32, class S64, class B64, std::size_t... I>
XACT_FLATTEN inline void half_fused_blocks(std::index_sequence<I...>, std::size_t n, Op32 const& op32, B64 const& b64,
                              S64 const& s64, [[maybe_unused]] float scale, H* out, const H* const* ins) noexcept
{
    constexpr std::size_t k_in = sizeof...(I), w = half_reg_lanes<A>();
    using B = batch_t<float, A>;
    using P = pack<B, 4>;
    alignas(64) double xd[k_in][half_block];
    alignas(64) double rd[half_block];
    alignas(64) float rf[half_block];
    alignas(64) H pin[k_in][w], pout[w];  // the last partial register (aligned: streamed stores too)
    std::uint16_t idx[half_block];
    std::size_t c = 0;
    // the lanes of one register rounded and stored at o; returns the flagged lanes (narrow_reg)
    // (the parameters are unused where this translation unit has no register path: w == 0)
    const auto narrow = [&]([[maybe_unused]] B const& r, [[maybe_unused]] H* o, B const* xs, [[maybe_unused]] auto store) {
        B g(1.0f);
        if constexpr (Root)
            for (std::size_t k = 1; k < k_in; ++k) g = g * xsimd::abs(xs[k]);
#if defined(__AVX512F__)
        if constexpr (w == 16)
            return store(r, o, Root ? root_margin1_16(xs[0], g, r, scale) : _mm512_set1_epi32(int(half_margin) + 1));
#endif
#if defined(__AVX2__) && defined(__F16C__)
        if constexpr (w == 8)
            return store(r, o, Root ? root_margin1_8(xs[0], g, r, scale) : _mm256_set1_epi32(int(half_margin) + 1));
#endif
    };
    // the inputs and float results of the flagged lanes (bits of near) of the register at j, kept
    const auto keep = [&](std::size_t j, unsigned near, B const& r, B const* xs) {
        alignas(64) float lanes[k_in][w], results[w];
        for (std::size_t k = 0; k < k_in; ++k) xs[k].store_aligned(lanes[k]);
        r.store_aligned(results);
        for (; near != 0; near &= near - 1) {
            const std::size_t q = std::size_t(__builtin_ctz(near));
            idx[c] = static_cast<std::uint16_t>(j + q);
            for (std::size_t k = 0; k < k_in; ++k) xd[k][c] = lanes[k][q];
            rf[c] = results[q];
            ++c;
        }
    };
    const auto store_out = []([[maybe_unused]] B const& r, [[maybe_unused]] H* o, [[maybe_unused]] auto m1) {
#if defined(__AVX512F__)
        if constexpr (w == 16) return narrow_reg16<Stream>(r, o, m1);
#endif
#if defined(__AVX2__) && defined(__F16C__)
        if constexpr (w == 8) return narrow_reg8<Stream, !Root>(r, o, m1);
#endif
    };
    const auto widen = []([[maybe_unused]] H const* p) {
#if defined(__AVX512F__)
        if constexpr (w == 16) return B(widen_reg16(p));
#endif
#if defined(__AVX2__) && defined(__F16C__)
        if constexpr (w == 8) return B(widen_reg8(p));
#endif
    };
    for (std::size_t i = 0; i < n; i += half_block) {
        const std::size_t m = n - i < half_block ? n - i : half_block;
        H* o = out + i;
        c = 0;
        std::size_t j = 0;
        for (; j + 4 * w <= m; j += 4 * w) {
            const P xs[k_in] = {P(pack_generate{}, [&](auto q) { return widen(ins[I] + i + j + decltype(q)::value * w); })...};
            P r;
            if constexpr (std::is_invocable<Op32 const&, decltype((void)I, std::declval<P>())...>::value) r = op32(xs[I]...);
            else r = P(pack_generate{}, [&](auto q) { return op32(xs[I].m[decltype(q)::value]...); });
            const B x0[k_in] = {xs[I].m[0]...}, x1[k_in] = {xs[I].m[1]...}, x2[k_in] = {xs[I].m[2]...},
                    x3[k_in] = {xs[I].m[3]...};
            const auto n0 = narrow(r.m[0], o + j, x0, store_out), n1 = narrow(r.m[1], o + j + w, x1, store_out),
                       n2 = narrow(r.m[2], o + j + 2 * w, x2, store_out), n3 = narrow(r.m[3], o + j + 3 * w, x3, store_out);
            if (any_lane_set(operator_or(operator_or(n0, n1), operator_or(n2, n3)))) {
                keep(j, lane_bits(n0), r.m[0], x0);
                keep(j + w, lane_bits(n1), r.m[1], x1);
                keep(j + 2 * w, lane_bits(n2), r.m[2], x2);
                keep(j + 3 * w, lane_bits(n3), r.m[3], x3);
            }
        }
        // then one register at a time (only in the last block: half_block is a multiple of 4 w),
        // the last m - j < w lanes through padded copies (zeros beyond m), all through one copy of
        // the formula
        for (; j < m; j += w) {
            const std::size_t t = m - j < w ? m - j : w;
            const H* src[k_in] = {(ins[I] + i + j)...};
            H* dst = o + j;
            if (t < w) {
                for (std::size_t k = 0; k < k_in; ++k) {
                    for (std::size_t q = 0; q < w; ++q) pin[k][q] = q < t ? ins[k][i + j + q] : H::from_bits(0);
                    src[k] = pin[k];
                }
                dst = pout;
            }
            const B xs[k_in] = {widen(src[I])...};
            const B r = op32(xs[I]...);
            if (const unsigned near = lane_bits(narrow(r, dst, xs, store_out)) & ((2u << (t - 1)) - 1)) keep(j, near, r, xs);
            if (t < w)
                for (std::size_t q = 0; q < t; ++q) o[j + q] = pout[q];
        }
        if (c == 0) continue;
        pad_recompute(xd, c);
        b64(c, static_cast<double*>(rd), static_cast<const double*>(xd[I])...);
        for (std::size_t q = 0; q < c; ++q) o[idx[q]] = round_flagged<A, H>(rf[q], rd[q], s64, xd[I][q]...);
    }
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
    const auto b64 = [&op64](std::size_t c, double* r, auto const*... x) { recompute_double<A>(c, op64, r, x...); };
    if constexpr (half_reg_lanes<A>() != 0) {
        ieee_scope<A> env;
        constexpr std::size_t align = half_stream_alignment();
        if (XACT_STREAM_BYTES != 0 && n * sizeof(H) >= XACT_STREAM_BYTES && reinterpret_cast<std::uintptr_t>(out) % (align == 0 ? 1 : align) == 0) {
            half_fused_blocks<A, Root, true>(std::index_sequence_for<In...>{}, n, op32, b64, op64, scale, out, ins);
            stream_fence();
        } else {
            half_fused_blocks<A, Root, false>(std::index_sequence_for<In...>{}, n, op32, b64, op64, scale, out, ins);
        }
    } else {
        half_transform_blocks<A, Root>(
            std::index_sequence_for<In...>{}, n,
            [&op32](std::size_t m, float* r, auto const*... x) { transform<float, A>(m, op32, r, x...); }, b64, op64,
            scale, out, ins);
    }
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
