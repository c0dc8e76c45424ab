// xact: the transcendental building blocks, written once for scalars and xsimd batches.
//
// Two exponentials live here, both with Cody and Waite's range reduction (ln 2 split so that
// n * ln2_hi is exact) and e^r - 1 = r + r^2 q(r) on |r| <= ln(2)/2 (tools/fit/fit_exp.py):
//   * the lean one the kernels use (exp_argument, exp_reduced, expm1_reduced, scalef): two fused
//     reduction steps, a degree-4 q for float (a minimax fit of e^r - 1's relative error) and one
//     scalef; a power-of-two factor of the argument (-x, 2x, -2x) is folded into the reduction and
//     the polynomial's coefficients instead of being formed;
//   * the compensated one (exp_reduce), which takes its argument as an unevaluated sum hi + lo and
//     carries the reduced argument's rounding, with a degree-5 q: it serves gelu's double erfc,
//     whose tail needs the carried argument.
// Both return their result as parts m * 2^n (m in [0.7, 1.42]), so callers that multiply the
// exponential by something large (x * e^x near the underflow threshold) do so before the final
// scaling and never go through a subnormal intermediate.
#ifndef XACT_DETAIL_MATH_HPP
#define XACT_DETAIL_MATH_HPP

#include <limits>

#include "simd.hpp"

namespace xact {
namespace detail {

// ---------------------------------------------------------------- error-free transformations
/// A value as an unevaluated sum hi + lo.
template <class V>
struct two {
    V hi, lo;
};

/// Veltkamp's split of a into hi + lo, each with half the significand's bits.
template <class V>
inline two<V> split(V a) noexcept
{
    constexpr int half = (std::numeric_limits<scalar_t<V>>::digits + 1) / 2;
    V c = opaque(a * V(scalar_t<V>((1ULL << half) + 1)));
    V hi = c - (c - a);
    return {hi, a - hi};
}

template <class V>
inline two<V> two_prod(V a, V b) noexcept
{
    V p = opaque(a * b);
    if constexpr (has_fused_fma<V>::value) {
        return {p, detail::fms(a, b, p)};
    } else {
        // Dekker's product: exact without an FMA unit, for |a|, |b| well inside the range
        two<V> as = split(a), bs = split(b);
        V err = ((as.hi * bs.hi - p) + as.hi * bs.lo + as.lo * bs.hi) + as.lo * bs.lo;
        return {p, err};
    }
}

/// c - a b, exact when the result is representable (a division's or a product's residual): one
/// fused multiply-add, or Dekker's product where there is no FMA unit.
template <class V>
inline V residual(V a, V b, V c) noexcept
{
    if constexpr (has_fused_fma<V>::value) {
        return detail::fnma(a, b, c);
    } else {
        two<V> p = two_prod(a, b);
        return (c - p.hi) - p.lo;
    }
}

/// a + b = hi + lo exactly (Knuth's two-sum: no condition on the magnitudes).
template <class V>
inline two<V> two_sum(V a, V b) noexcept
{
    V s = a + b;
    V bb = s - a;
    return {s, (a - (s - bb)) + (b - bb)};
}

/// s^k for an integer k >= 0, as T.
template <class T>
constexpr T int_pow(int s, int k) noexcept
{
    return k == 0 ? T(1) : T(s) * int_pow<T>(s, k - 1);
}

/// s^P p(s x), p with coefficients c (highest degree first), by Horner's rule in x: the powers of s
/// (a small power of two, so every product is exact) are folded into the coefficients, and s x is
/// never formed.
template <int S = 1, int P = 0, class V, class T, std::size_t N>
inline V horner(V x, const T (&c)[N]) noexcept
{
    V p = V(T(c[0] * int_pow<T>(S, int(N) - 1 + P)));
    for (std::size_t i = 1; i < N; ++i) p = detail::fma(p, x, V(T(c[i] * int_pow<T>(S, int(N - 1 - i) + P))));
    return p;
}

// ---------------------------------------------------------------- constants per precision
template <class T>
struct exp_constants;

template <>
struct exp_constants<float> {
    static constexpr float log2e = 0x1.715476p+0f;
    static constexpr float ln2_hi = 0x1.62e4p-1f;       // 15 significant bits: n * ln2_hi is exact
    static constexpr float ln2_lo = 0x1.7f7d1cp-20f;    // ln 2 - ln2_hi
    static constexpr float ln2 = 0x1.62e430p-1f;        // ln 2 rounded, for the one-step reduction
    static constexpr float round_magic = 0x1.8p23f;     // x + magic - magic rounds x to an integer
    static constexpr float pow2_magic = 0x1.0p23f;      // k + bias + magic holds k + bias in its low bits
    static constexpr float bias = 127.0f;
    static constexpr float min_scale = -126.0f;         // the exponent range of normal numbers
    static constexpr float max_scale = 127.0f;
    static constexpr float arg_limit = 170.0f;          // e^x is 0 or inf beyond; keeps |n| <= 246
    // q(r) = (e^r - 1 - r) / r^2 on |r| <= ln(2)/2, so that e^r - 1 = r + r^2 q (tools/fit/fit_exp.py).
    // Degree 5 for the compensated exponential (exp_reduce): e^r - 1 within 0.05 x 2^-24 relative,
    // e^r within 0.02 x 2^-24. Degree 4, one fused multiply-add less, for the kernels' lean one: a
    // minimax fit of e^r - 1's relative error, within 0.29 x 2^-24 (e^r within 0.10 x 2^-24). Both
    // in exact arithmetic, highest degree first.
    static constexpr float q5[] = {0x1.a125f6p-13f, 0x1.6d11fep-10f, 0x1.1110dcp-7f,
                                   0x1.55550cp-5f,  0x1.555556p-3f,  0x1p-1f};
    static constexpr float q4[] = {0x1.6bebd8p-10f, 0x1.122886p-7f, 0x1.555676p-5f, 0x1.5554aep-3f,
                                   0x1.fffffep-2f};
    static constexpr auto& q_accurate = q5;
    static constexpr auto& q_lean = q4;
};

template <>
struct exp_constants<double> {
    static constexpr double log2e = 0x1.71547652b82fep+0;
    static constexpr double ln2_hi = 0x1.62e42fefa3800p-1;  // 43 significant bits
    static constexpr double ln2_lo = 0x1.ef35793c76730p-45;
    static constexpr double ln2 = 0x1.62e42fefa39efp-1;
    static constexpr double round_magic = 0x1.8p52;
    static constexpr double pow2_magic = 0x1.0p52;
    static constexpr double bias = 1023.0;
    static constexpr double min_scale = -1022.0;
    static constexpr double max_scale = 1023.0;
    static constexpr double arg_limit = 1400.0;         // keeps |n| <= 2020
    // q(r) = (e^r - 1 - r) / r^2, degree 10, for both exponentials: an earlier Chebyshev fit, within
    // 0.06 x 2^-53 relative for e^r - 1 like the one tools/fit/fit_exp.py makes now
    static constexpr double q10[] = {
        0x1.1f75aba0b1e2ep-29,  // 2.0915442297780116e-09
        0x1.af52906239de4p-26,  // 2.5106274733573296e-08
        0x1.27e4da1a3bf04p-22,  // 2.75572718102198e-07
        0x1.71ddffef9e7b1p-19,  // 2.755725283351691e-06
        0x1.a01a01a741b3cp-16,  // 2.4801587327007187e-05
        0x1.a01a01aca0134p-13,  // 1.9841269876864356e-04
        0x1.6c16c16c16212p-10,  // 1.3888888888883327e-03
        0x1.111111110ff87p-7,   // 8.333333333325544e-03
        0x1.5555555555556p-5,   // 4.166666666666667e-02
        0x1.5555555555557p-3,   // 1.666666666666667e-01
        0x1.0p-1,               // 0.5
    };
    static constexpr auto& q_accurate = q10;
    static constexpr auto& q_lean = q10;
};

// ---------------------------------------------------------------- powers of two
/// 2^k for an integer-valued k with min_scale <= k <= max_scale + 1 (max_scale + 1 gives +inf).
template <class V>
inline V pow2i(V k) noexcept
{
    using C = exp_constants<scalar_t<V>>;
    constexpr int mantissa_bits = std::numeric_limits<scalar_t<V>>::digits - 1;
    return from_bits<V>(shift_left(to_bits(k + V(C::bias + C::pow2_magic)), mantissa_bits));
}

/// y * 2^k for an integer-valued k in [2 min_scale, 2 max_scale], as y 2^a 2^b with a = round(k / 2)
/// and b = k - a, so that the result is rounded once even when it is subnormal or overflows: y 2^a
/// is exact (normal) whenever the result is not far below the smallest subnormal. Splitting at
/// min_scale instead would make y 2^a subnormal, and round it, for every subnormal result. The
/// result is opaque: fused into the caller's next addition, the last product would not be rounded
/// (a subnormal or zero result would change with the inlining, and its sign with it).
template <class V>
inline V ldexp_wide(V y, V k) noexcept
{
    using C = exp_constants<scalar_t<V>>;
    V a = detail::fma(k, V(scalar_t<V>(0.5)), V(C::round_magic)) - V(C::round_magic);
    V b = k - a;
    return opaque(y * pow2i(a) * pow2i(b));
}

#if defined(__AVX512F__)
/// VSCALEF on an AVX-512 batch: m 2^n in the lanes of mask (a batch_bool, or -1 for all), src in
/// the others.
template <class V, class M>
inline V scalef_avx512(V src, M const& mask, V m, V n) noexcept
{
    if constexpr (std::is_same<scalar_t<V>, float>::value) {
        return _mm512_mask_scalef_ps(src, static_cast<__mmask16>(mask), m, n);
    } else {
        return _mm512_mask_scalef_pd(src, static_cast<__mmask8>(mask), m, n);
    }
}
#endif

/// m 2^n for an integer-valued n in [2 min_scale, 2 max_scale], rounded once (to a subnormal, 0 or
/// inf where the result is one): AVX-512's VSCALEF, elsewhere the two exact steps of ldexp_wide.
template <class V>
inline V scalef(V m, V n) noexcept
{
#if defined(__AVX512F__)
    // the scalar form too (VSCALEFSS/SD), so that a scalar call rounds a subnormal result as the
    // batches of its translation unit do
    if constexpr (is_avx512<V>::value) return scalef_avx512(m, -1, m, n);
    else if constexpr (std::is_same<V, float>::value) return _mm_cvtss_f32(_mm_scalef_ss(_mm_set_ss(m), _mm_set_ss(n)));
    else if constexpr (std::is_same<V, double>::value) return _mm_cvtsd_f64(_mm_scalef_sd(_mm_set_sd(m), _mm_set_sd(n)));
#endif
    return ldexp_wide(m, n);
}

XACT_PACK_OVERLOAD(scalef, 2)

/// scalef(m, n) where mask is set, other elsewhere (one masked instruction on AVX-512).
template <class V, class M>
inline V scalef_where(M const& mask, V m, V n, V other) noexcept
{
#if defined(__AVX512F__)
    if constexpr (is_avx512<V>::value) return scalef_avx512(other, mask, m, n);
#endif
    return detail::select(mask, scalef(m, n), other);
}

XACT_PACK_OVERLOAD_MASKED(scalef_where, 3)

/// x clamped to [-c, c]; NaN stays NaN.
template <class V>
inline V clamp_symmetric(V x, scalar_t<V> c) noexcept
{
    return min_keep_nan(V(c), max_keep_nan(V(-c), x));
}

// ---------------------------------------------------------------- exponential, lean
// The kernels' exponential: Cody and Waite's reduction in two fused steps and one polynomial, with
// the result scaled by one scalef. The rounding of the reduced argument (at most 2^-26 relative to
// e^r for float) is not carried; callers clamp the argument to +-arg_limit themselves.

/// K x = n ln 2 + r: n integer-valued, |r| <= ln(2)/2 plus a rounding, held as h = r / |K|.
template <class V>
struct exp_split {
    V h, n;
};

/// The split of K x for K in {-2, -1, 1, 2}, |K x| <= arg_limit: K is folded into the reduction's
/// constants (the negation into one FNMSUB), so K x is never formed; h = x K/|K| - n ln2 / |K|.
/// Steps = 2 subtracts n ln 2 in two fused steps (ln2_hi, then ln2_lo); Steps = 1 in one, with ln 2
/// rounded, which leaves h off by |n| (ln2 - ln 2) / |K| (|n| 1.9e-9 in float): e^(K x) is then
/// off by that much relative, harmless only where e^(K x) is added to something much larger than
/// e^(K x) 2^-24 / |n| (e^x - 1 for x <= 0).
template <int K = 1, int Steps = 2, class V>
inline exp_split<V> exp_argument(V x) noexcept
{
    static_assert(K == -2 || K == -1 || K == 1 || K == 2, "exp_argument: K in {-2, -1, 1, 2}");
    static_assert(Steps == 1 || Steps == 2, "exp_argument: one or two reduction steps");
    using T = scalar_t<V>;
    using C = exp_constants<T>;
    constexpr T s = T(K < 0 ? -K : K);
    constexpr T ln2_first = Steps == 1 ? C::ln2 : C::ln2_hi;
    V n = detail::fma(x, V(T(K) * C::log2e), V(C::round_magic)) - V(C::round_magic);
    V h = K < 0 ? detail::fnms(n, V(ln2_first / s), x) : detail::fma(n, V(-ln2_first / s), x);
    if constexpr (Steps == 1) return {h, n};
    else return {detail::fma(n, V(-C::ln2_lo / s), h), n};
}

/// (e^r - 1) / S for r = S h, |r| <= ln(2)/2: h + S h^2 q(S h), accurate relative to itself (no
/// cancellation near 0).
template <int S = 1, class V>
inline V expm1_reduced(V h) noexcept
{
    return detail::fma(h * h, horner<S, 1>(h, exp_constants<scalar_t<V>>::q_lean), h);
}

/// e^r for r = S h, |r| <= ln(2)/2: 1 + h (S + h S^2 q(S h)).
template <int S = 1, class V>
inline V exp_reduced(V h) noexcept
{
    using T = scalar_t<V>;
    return detail::fma(detail::fma(horner<S, 2>(h, exp_constants<T>::q_lean), h, V(T(S))), h, V(1));
}

/// c (e^(K x) - 1) for K in {1, 2}, |K x| <= arg_limit: c (2^n (1 + p) - 1) = (p / K) (K c 2^n) +
/// (c 2^n - c), where K c 2^n is exact and p = e^r - 1 is accurate relative to itself, so nothing
/// cancels near 0 (n = 0). Steps as in exp_argument: 1 suits x <= 0, where the error it leaves in
/// e^(K x) is at most 2^-24 |n| 2^n 0.03 against |e^(K x) - 1| >= 1 - 2^n.
template <int K = 1, int Steps = 2, class V>
inline V expm1_scaled(V x, V c) noexcept
{
    using T = scalar_t<V>;
    exp_split<V> s = exp_argument<K, Steps>(x);
    V cs = scalef(K == 1 ? c : V(T(K)) * c, s.n);
    return detail::fma(expm1_reduced<K>(s.h), cs, K == 1 ? cs - c : detail::fma(cs, V(T(1) / T(K)), -c));
}

/// 1 - e^z for every z (f'(y) of softplus and logsigmoid, whose y may lie outside their range):
/// expm1_scaled with c = -1/2, doubled, so that c 2^n stays finite up to where e^z overflows; z is
/// clamped there (the result is -inf beyond either way) and at -arg_limit (1 below). NaN gives NaN.
template <class V>
inline V one_minus_exp(V z) noexcept
{
    using T = scalar_t<V>;
    constexpr T overflow = std::numeric_limits<T>::digits <= 24 ? T(89) : T(710);  // ln(max) < overflow
    V a = min_keep_nan(V(overflow), max_keep_nan(V(-exp_constants<T>::arg_limit), z));
    return V(T(2)) * expm1_scaled(a, V(T(-0.5)));
}

/// e^x for |x| <= arg_limit.
template <class V>
inline V exp_fast(V x) noexcept
{
    exp_split<V> s = exp_argument(x);
    return scalef(exp_reduced(s.h), s.n);
}

// ---------------------------------------------------------------- exponential, table-driven (float)
// Tang's method (P. T. P. Tang, "Table-driven implementation of the exponential function in IEEE
// floating-point arithmetic", ACM TOMS 15(2), 1989) with 16 entries: K x = n ln 2 + r with n a
// multiple of 1/16 and |r| <= ln(2)/32, e^(K x) = 2^floor(n) 2^(n - floor(n)) e^r, the second
// factor one of 16 table values (one VPERMPS per batch: lookup) and e^r = 1 + r + r^2 q(r) with
// q of degree 1. Against the lean exponential it trades two fused multiply-adds for the lookup;
// the table's rounding (up to 0.79 x 2^-24 relative) is its main error. 16 entries fit one
// register: a 32-entry table (VPERMT2PS) measured slower here, and no more accurate. For float on
// the targets of has_float_tables only: its first reduction step is exact only with a fused
// multiply-add.

struct exp_table_constants {
    static constexpr float magic = 0x1.8p19f;  // x + magic rounds x to a multiple of 1/16 and holds
                                               // 16 (x - floor(x)) in its four low bits
    // 2^(j/16) rounded to float, j = 0 .. 15 (tools/fit/fit_exp.py)
    static constexpr float pow2[16] = {
        0x1p+0f,       0x1.0b5586p+0f, 0x1.172b84p+0f, 0x1.2387a6p+0f, 0x1.306fep+0f,  0x1.3dea64p+0f,
        0x1.4bfdaep+0f, 0x1.5ab07ep+0f, 0x1.6a09e6p+0f, 0x1.7a1148p+0f, 0x1.8ace54p+0f, 0x1.9c4918p+0f,
        0x1.ae89fap+0f, 0x1.c199bep+0f, 0x1.d5818ep+0f, 0x1.ea4afap+0f,
    };
    // q(r) = (e^r - 1 - r) / r^2 on |r| <= ln(2)/32, a minimax fit of e^r - 1's relative error
    // (tools/fit/fit_exp.py): e^r within 0.04 x 2^-24, highest degree first
    static constexpr float q1[] = {0x1.55565ap-3f, 0x1.0001eep-1f};
};

/// K x = n ln 2 + r (n a multiple of 1/16) and l = 2^(n - floor(n)) from the table.
template <class V>
struct exp_table_split {
    V r, n, l;
};

/// The split of K x for K in {-1, 1}, |x| <= arg_limit (K folded into the constants as in
/// exp_argument). The first step, K x - n ln2_hi, is exact: n ln2_hi is a multiple of 2^-19, and
/// where n != 0, x is a multiple of 2^-29 and the difference below 2^-5 in magnitude.
template <int K = 1, class V>
inline exp_table_split<V> exp_table_argument(V x) noexcept
{
    static_assert(K == -1 || K == 1, "exp_table_argument: K in {-1, 1}");
    using C = exp_constants<float>;
    using E = exp_table_constants;
    V b = detail::fma(x, V(float(K) * C::log2e), V(E::magic));
    V n = b - V(E::magic);
    V r = K < 0 ? detail::fnms(n, V(C::ln2_hi), x) : detail::fma(n, V(-C::ln2_hi), x);
    return {detail::fma(n, V(-C::ln2_lo), r), n, lookup(E::pow2, b)};
}

/// e^(K x) / 2^floor(n) = l e^r = l + (l r) (1 + r q(r)), rounded once, in [1, 2) up to a rounding.
template <class V>
inline V exp_table_mantissa(exp_table_split<V> const& s) noexcept
{
    using E = exp_table_constants;
    V p = detail::fma(detail::fma(V(E::q1[0]), s.r, V(E::q1[1])), s.r, V(1.0f));
    return detail::fma(s.r * s.l, p, s.l);
}

/// m 2^floor(n) for n in [2 min_scale, 2 max_scale]: VSCALEF floors n itself.
template <class V>
inline V scalef_floor(V m, V n) noexcept
{
#if defined(__AVX512F__)
    if constexpr (is_avx512<V>::value) return scalef_avx512(m, -1, m, n);
#endif
    return ldexp_wide(m, detail::floor(n));
}

XACT_PACK_OVERLOAD(scalef_floor, 2)

/// e^x for |x| <= arg_limit where the caller's error budget has room for the table's rounding:
/// Tang's 16-entry table where has_float_tables (one instruction fewer than exp_fast; e^x within
/// 0.83 x 2^-24 before its rounding, against 0.10), elsewhere exp_fast.
template <class V>
inline V exp_table_fast(V x) noexcept
{
    if constexpr (has_float_tables<V>::value) {
        exp_table_split<V> s = exp_table_argument<1>(x);
        return scalef_floor(exp_table_mantissa(s), s.n);
    } else {
        return exp_fast(x);
    }
}

// ---------------------------------------------------------------- exponential
/// e^(hi + lo) = (1 + p) * 2^n: p and the integer-valued n. |lo| must be tiny against 1 (a
/// rounding error). NaN gives NaN in p; arguments beyond +-arg_limit are clamped (the caller's
/// scaling then gives 0 or inf).
template <class V>
struct exp_parts {
    V p;  // e^r - 1, |r| <= ln(2)/2
    V n;
    V mantissa() const noexcept { return V(1) + p; }
};

template <class V>
inline exp_parts<V> exp_reduce(V hi, V lo = V(0)) noexcept
{
    using C = exp_constants<scalar_t<V>>;
    V x = min_keep_nan(V(C::arg_limit), max_keep_nan(V(-C::arg_limit), hi));
    V n = detail::fma(x, V(C::log2e), V(C::round_magic)) - V(C::round_magic);
    V r_hi = detail::fma(-n, V(C::ln2_hi), x);     // exact
    V r_lo = detail::fma(-n, V(C::ln2_lo), lo);    // the rest of the reduction, up to 2^-12
    V r = r_hi + r_lo;
    V c = (r_hi - r) + r_lo;                       // r + c = r_hi + r_lo; |c| <= ulp(r) / 2
    // e^(r + c) - 1 = r + r^2 P(r) + c (1 + r) to first order in c, which is all c needs
    V p = r + detail::fma(r * r, horner(r, C::q_accurate), detail::fma(r, c, c));
    return {p, n};
}

/// e^x for any x: 0 below -arg_limit, inf above, NaN for NaN.
template <class V>
inline V exp(V x) noexcept
{
    return exp_fast(clamp_symmetric(x, exp_constants<scalar_t<V>>::arg_limit));
}

// ---------------------------------------------------------------- logistic family
/// Below -logistic_tail_start<T>, s(z) = e^z / (1 + e^z) is e^z to within a rounding (e^z < 2^-125
/// in float, 2^-1021 in double), while e^-z is near overflow: the far tail, where s is subnormal.
template <class T>
constexpr T logistic_tail_start = std::is_same<T, float>::value ? T(87) : T(708);

/// s(z) = 1 / (1 + e^-z) for any z; NaN in gives NaN out. Below -logistic_tail_start (where e^-z
/// overflows and 1 / (1 + e^-z) would flush to 0) s is e^z, scaled once into the subnormals;
/// that path runs only for the batches that have such a lane.
template <class V>
inline V logistic(V z) noexcept
{
    using T = scalar_t<V>;
    V c = clamp_symmetric(z, exp_constants<T>::arg_limit);
    V s;
    if constexpr (has_float_tables<V>::value) {
        exp_table_split<V> t = exp_table_argument<-1>(c);
        s = detail::div(V(1), V(1) + scalef_floor(exp_table_mantissa(t), t.n));
    } else {
        // Clamped to +-logistic_tail_start, e^-c = e^r 2^n has 2^n normal (n >= min_scale) or, for
        // the tail's lanes replaced below, at most 2^(max_scale + 1) = inf: one product by pow2i(n)
        // scales it, exactly where the result is normal, in place of scalef's two steps. Lanes
        // with c > logistic_tail_start give 1 either way (e^-c < 2^-125 vanishes next to 1).
        exp_split<V> t = exp_argument<-1>(clamp_symmetric(z, logistic_tail_start<T>));
        s = detail::div(V(1), V(1) + exp_reduced(t.h) * pow2i(t.n));
    }
    auto tail = c < V(-logistic_tail_start<T>);
    if (any_lane(tail)) s = detail::select(tail, exp_fast(c), s);
    return s;
}

/// 2^K s'(z) = 2^K s(z) s(-z) = 2^K e / (1 + e)^2 for z = S x (S in {1, 2}, not formed), with
/// e = e^-|z| <= 1: no cancellation at either end; (1 + e)^2 = 1 + e (2 + e) is rounded once, 2^K e
/// is scaled in the same single rounding as e.
template <int K = 0, int S = 1, class V>
inline V logistic_derivative(V x) noexcept
{
    using T = scalar_t<V>;
    exp_split<V> s = exp_argument<-S>(min_keep_nan(V(exp_constants<T>::arg_limit / T(S)), detail::abs(x)));
    V m = exp_reduced<S>(s.h);
    V e = scalef(m, s.n);
    V num = K == 0 ? e : scalef(m, s.n + V(T(K)));
    return detail::div(num, detail::fma(e, e + V(2), V(1)));
}

/// The split of -|z| for z = z_hi + z_lo (e^-|z| = e^h 2^n, n <= 0), with neg = (z_hi < 0) and
/// a = min(|z_hi|, arg_limit). z_lo (a rounding error of z) is used only when HasLo, and only where
/// z_hi is finite (forming z may overflow). NaN z_hi gives NaN or a finite split (abs_min): the
/// callers carry NaN through x.
template <class V>
struct logistic_tail {
    V h, n;  // -a = n ln 2 + h
    decltype(V(0) < V(0)) neg;
    V a;
};

template <bool HasLo, class V>
inline logistic_tail<V> logistic_reduce(V z_hi, V z_lo) noexcept
{
    using C = exp_constants<scalar_t<V>>;
    auto neg = z_hi < V(0);
    V a = abs_min(z_hi, V(C::arg_limit));
    exp_split<V> s = exp_argument<-1>(a);
    if constexpr (HasLo) {
        // e^-|z_hi + z_lo| = e^(-|z_hi| - sign(z_hi) z_lo)
        V lo = detail::select(a < V(C::arg_limit), z_lo, V(0));
        s.h = s.h + detail::select(neg, lo, -lo);
    }
    return {s.h, s.n, neg, a};
}

/// x s(z) = x / (1 + e^-z) where z = z_hi + z_lo is a function of x with the sign of x: swish
/// (z = beta x; z = x exactly when not HasLo) and gelu_tanh (z = 2 sqrt(2/pi) (x + 0.044715 x^3)).
/// With e = e^-|z| = m 2^n:
///   z >= 0: x / (1 + e),     z < 0: x m 2^n / (1 + e),
/// the 2^n applied to the product, not to e, so the far negative tail stays accurate into the
/// subnormals. z below -arg_limit gives 0.
template <bool HasLo = true, class V>
inline V x_logistic(V x, V z_hi, V z_lo) noexcept
{
    using C = exp_constants<scalar_t<V>>;
    logistic_tail<V> l = logistic_reduce<HasLo>(z_hi, z_lo);
    V m = exp_reduced(l.h);
    V den = V(1) + scalef(m, l.n);
    if constexpr (HasLo) {
        // 2^n applied last, so that a result near the smallest normal is not formed from a
        // subnormal (flushed under FTZ); only where |x| > 2^64 (z may be far smaller than x), and
        // x m could overflow, is x scaled first
        using T = scalar_t<V>;
        V n1 = detail::select(detail::abs(x) > V(T(0x1p64)), l.n, V(0));
        V y = detail::div(detail::select(l.neg, scalef(x, n1) * m, x), den);
        y = scalef_where(l.neg, y, l.n - n1, y);
        return detail::select(z_hi < V(-C::arg_limit), V(0), y);
    } else {
        // z = x: where x < 0, -a is x clamped to -arg_limit, and -arg_limit e^-arg_limit rounds
        // to 0 (x = -inf included), so -(a m) needs no selection of 0
        return detail::div(scalef_where(l.neg, detail::fnma(l.a, m, V(0)), l.n, x), den);
    }
}

/// e^-|z| for d/dx [x s(z(x))]: the split of -|z| (logistic_reduce) with p = e^h - 1 and
/// e = (1 + p) 2^n, n <= 0.
template <class V>
struct logistic_exp : logistic_tail<V> {
    V p, e;
};

template <bool HasLo = true, class V>
inline logistic_exp<V> logistic_exp_reduce(V z_hi, V z_lo) noexcept
{
    logistic_exp<V> t{logistic_reduce<HasLo>(z_hi, z_lo), V(0), V(0)};
    t.p = expm1_reduced(t.h);
    t.e = scalef(t.p + V(1), t.n);
    return t;
}

/// c = 1 + w, plus e where z < 0, for w = x z'(x) (finite: the caller clamps it).
template <class V>
inline V x_logistic_c(logistic_exp<V> const& t, V w) noexcept
{
    return detail::select(t.neg, (V(1) + w) + t.e, V(1) + w);
}

/// The same for w = w.hi + w.lo: 1 + w.hi is exact where z < 0 and |w| >= 1 (the far tail, where c
/// is large), so c = (1 + w.hi) + (w.lo + e) rounds once there.
template <class V>
inline V x_logistic_c(logistic_exp<V> const& t, two<V> w) noexcept
{
    return (V(1) + w.hi) + detail::select(t.neg, w.lo + t.e, w.lo);
}

/// d/dx [x s(z(x))] = s + w s (1 - s) given t = logistic_exp_reduce(z) and c from x_logistic_c.
/// With e = e^-|z| = (1 + p) 2^n:
///   z >= 0: (1 + e c) / (1 + e)^2,     z < 0: 2^n (1 + p) c / (1 + e)^2,  c = 1 + w (+ e),
/// where (1 + p) c is rounded once as c + c p and 2^n applied last (accurate into the tail), and
/// (1 + e)^2 = 1 + e (2 + e) is rounded once.
template <class V>
inline V x_logistic_derivative(logistic_exp<V> const& t, V c) noexcept
{
    V num = detail::select(t.neg, detail::fma(c, t.p, c), detail::fma(t.e, c, V(1)));
    V den = detail::fma(t.e, t.e + V(2), V(1));
    V q = detail::div(num, den);
    return scalef_where(t.neg, q, t.n, q);
}

// ---------------------------------------------------------------- exponential of a sum, logarithm
/// c (e^(hi + lo) - 1) for |hi| <= arg_limit and lo a rounding error of hi (a quotient's or a
/// product's): expm1_scaled with lo added to the reduced argument, where it is carried into p.
template <class V>
inline V expm1_scaled_sum(V hi, V lo, V c) noexcept
{
    exp_split<V> s = exp_argument(hi);
    V cs = scalef(c, s.n);
    return detail::fma(expm1_reduced(s.h + lo), cs, cs - c);
}

/// e^(hi + lo) for |hi| <= arg_limit, lo as above: rounded once, into the subnormals included.
template <class V>
inline V exp_sum(V hi, V lo) noexcept
{
    exp_split<V> s = exp_argument(hi);
    return scalef(exp_reduced(s.h + lo), s.n);
}

template <class T>
struct log_constants;

// log(1 + f) = f - f^2/2 + s (f^2/2 + R(s^2)) with s = f / (2 + f) and R(z) = z (2/3 + 2/5 z + ...),
// |s| <= 0.1716 (f in [sqrt(1/2) - 1, sqrt(2) - 1]): the series of 2 atanh(s) - 2 s, truncated where
// the next term is below 0.03 x 2^-p relative to the logarithm (z^(K+1) / (2K + 3)). Highest degree
// first; R(z) = z r(z).
template <>
struct log_constants<float> {
    static constexpr float sqrt2 = 0x1.6a09e6p+0f;
    static constexpr float r[] = {2.0f / 9, 2.0f / 7, 2.0f / 5, 2.0f / 3};
};

template <>
struct log_constants<double> {
    static constexpr double sqrt2 = 0x1.6a09e667f3bcdp+0;
    static constexpr double r[] = {2.0 / 21, 2.0 / 19, 2.0 / 17, 2.0 / 15, 2.0 / 13, 2.0 / 11,
                                   2.0 / 9,  2.0 / 7,  2.0 / 5,  2.0 / 3};
};

/// log(1 + t) for t in [0, 1] (NaN gives NaN), accurate relative to itself down to the subnormals:
/// u = 1 + t is rounded, with c = 1 + t - u exact (Fast2Sum); u = 2^k (1 + f), k in {0, 1}, f exact;
/// log(1 + t) = k ln 2 + log(1 + f) + c / u, the last term to first order (|c / u| <= 2^-p). For t
/// below 2^-p, u = 1 and the result is t itself (c / 1).
template <class V>
inline V log1p_unit(V t) noexcept
{
    using T = scalar_t<V>;
    using C = log_constants<T>;
    using E = exp_constants<T>;
    V u = V(1) + t;
    V c = t - (u - V(1));
    auto big = u > V(C::sqrt2);
    V k = detail::select(big, V(1), V(0));
    V f = detail::select(big, detail::fma(u, V(T(0.5)), V(-1)), u - V(1));  // exact (Sterbenz)
    V s = detail::div(f, V(2) + f);
    V z = s * s;
    // rounded products (opaque): left to the compiler, they would be fused into the sums below
    // differently in scalar and vector code
    V r = opaque(z * horner(z, C::r));
    V hfsq = opaque(V(T(0.5)) * f * f);
    V lo = detail::fma(k, V(E::ln2_lo), detail::div(c, u));
    return detail::fma(k, V(E::ln2_hi), f - (hfsq - detail::fma(s, hfsq + r, lo)));
}

// ---------------------------------------------------------------- softplus family
/// log(1 + e^-|z|) for z = z_hi + z_lo (logistic_reduce: z_lo only when HasLo, and only where z_hi is
/// finite): in [0, ln 2], accurate relative to itself into the subnormals (softplus(-100) = e^-100
/// in float). For NaN z_hi the result is NaN or finite (abs_min): callers carry NaN themselves.
template <bool HasLo, class V>
inline V softplus_tail(V z_hi, V z_lo) noexcept
{
    logistic_tail<V> l = logistic_reduce<HasLo>(z_hi, z_lo);
    return log1p_unit(scalef(exp_reduced(l.h), l.n));
}

/// s(z) = 1 / (1 + e^-z) for z = z_hi + z_lo (as softplus_tail): with e = e^-|z| = m 2^n,
///   z >= 0: 1 / (1 + e),     z < 0: 2^n (m / (1 + e)),
/// 2^n applied last, so that a subnormal result is rounded once. NaN as in softplus_tail.
template <bool HasLo, class V>
inline V logistic_sum(V z_hi, V z_lo) noexcept
{
    logistic_tail<V> l = logistic_reduce<HasLo>(z_hi, z_lo);
    V m = exp_reduced(l.h);
    V q = detail::div(detail::select(l.neg, m, V(1)), V(1) + scalef(m, l.n));
    return scalef_where(l.neg, q, l.n, q);
}

}  // namespace detail
}  // namespace xact

#endif
