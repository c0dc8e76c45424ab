// xact: the transcendental building blocks, written once for scalars and xsimd batches.
//
// Everything here is built on one exponential kernel that
//   * takes its argument as an unevaluated sum hi + lo, so callers whose argument is itself the
//     rounded result of a product (beta * x, x^2 / 2, ...) can pass the rounding error along
//     instead of having it amplified by the exponential;
//   * returns the result as parts m * 2^n with m in [0.7, 1.42], so callers that multiply the
//     exponential by something large (x * e^x near the underflow threshold) can do so before the
//     final scaling and never go through a subnormal intermediate.
// Range reduction is Cody and Waite's (ln 2 split so that n * ln2_hi is exact), the reduced
// argument's rounding error is carried into the polynomial as a correction term, and the
// polynomial is a Chebyshev fit of (e^r - 1 - r) / r^2 on |r| <= ln(2)/2 (coefficients made with
// mpmath; error of the fit below 2e-10 relative for float, 2e-19 for double).
//
// The kernels use the lean path below (exp_argument, exp_reduced, expm1_reduced, scalef); the
// compensated exp_reduce further down serves gelu's erfc, whose tail needs the carried argument.
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
        return {p, detail::fma(a, b, -p)};
    } else {
        // Dekker's product: exact without an FMA unit, for |a|, |b| well inside the range
        two<V> as = split(a), bs = split(b);
        V err = ((as.hi * bs.hi - p) + as.hi * bs.lo + as.lo * bs.hi) + as.lo * bs.lo;
        return {p, err};
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

// ---------------------------------------------------------------- constants per precision
template <class T>
struct exp_constants;

template <>
struct exp_constants<float> {
    static constexpr float log2e = 0x1.715476p+0f;
    static constexpr float ln2_hi = 0x1.62e4p-1f;       // 15 significant bits: n * ln2_hi is exact
    static constexpr float ln2_lo = 0x1.7f7d1cp-20f;    // ln 2 - ln2_hi
    static constexpr float round_magic = 0x1.8p23f;     // x + magic - magic rounds x to an integer
    static constexpr float pow2_magic = 0x1.0p23f;      // k + bias + magic holds k + bias in its low bits
    static constexpr float bias = 127.0f;
    static constexpr float min_scale = -126.0f;         // the exponent range of normal numbers
    static constexpr float max_scale = 127.0f;
    static constexpr float arg_limit = 170.0f;          // e^x is 0 or inf beyond; keeps |n| <= 246
    // q(r) = (e^r - 1 - r) / r^2 on |r| <= ln(2)/2, degree 5 (tools/fit/fit_exp.py): e^r - 1 = r + r^2 q
    // within 0.05 x 2^-24 relative, e^r = 1 + r + r^2 q within 0.02 x 2^-24, in exact arithmetic
    template <class V>
    static V poly(V r) noexcept
    {
        V p = V(0x1.a125f6p-13f);                    // 1.98911803e-4
        p = detail::fma(p, r, V(0x1.6d11fep-10f));   // 1.39263261e-3
        p = detail::fma(p, r, V(0x1.1110dcp-7f));    // 8.33330862e-3
        p = detail::fma(p, r, V(0x1.55550cp-5f));    // 4.16665301e-2
        p = detail::fma(p, r, V(0x1.555556p-3f));    // 1.66666672e-1
        return detail::fma(p, r, V(0x1p-1f));        // 0.5
    }
};

template <>
struct exp_constants<double> {
    static constexpr double log2e = 0x1.71547652b82fep+0;
    static constexpr double ln2_hi = 0x1.62e42fefa3800p-1;  // 43 significant bits
    static constexpr double ln2_lo = 0x1.ef35793c76730p-45;
    static constexpr double round_magic = 0x1.8p52;
    static constexpr double pow2_magic = 0x1.0p52;
    static constexpr double bias = 1023.0;
    static constexpr double min_scale = -1022.0;
    static constexpr double max_scale = 1023.0;
    static constexpr double arg_limit = 1400.0;         // keeps |n| <= 2020
    template <class V>
    static V poly(V r) noexcept
    {
        V p = V(0x1.1f75aba0b1e2ep-29);     // 2.0915442297780116e-09
        p = detail::fma(p, r, V(0x1.af52906239de4p-26));   // 2.5106274733573296e-08
        p = detail::fma(p, r, V(0x1.27e4da1a3bf04p-22));   // 2.75572718102198e-07
        p = detail::fma(p, r, V(0x1.71ddffef9e7b1p-19));   // 2.755725283351691e-06
        p = detail::fma(p, r, V(0x1.a01a01a741b3cp-16));   // 2.4801587327007187e-05
        p = detail::fma(p, r, V(0x1.a01a01aca0134p-13));   // 1.9841269876864356e-04
        p = detail::fma(p, r, V(0x1.6c16c16c16212p-10));   // 1.3888888888883327e-03
        p = detail::fma(p, r, V(0x1.111111110ff87p-7));    // 8.333333333325544e-03
        p = detail::fma(p, r, V(0x1.5555555555556p-5));    // 4.166666666666667e-02
        p = detail::fma(p, r, V(0x1.5555555555557p-3));    // 1.666666666666667e-01
        return detail::fma(p, r, V(0x1.0p-1));             // 0.5
    }
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

/// y * 2^k for an integer-valued k in [2 min_scale, 2 max_scale], in two exact steps, so that the
/// result is rounded once even when it is subnormal or overflows.
template <class V>
inline V ldexp_wide(V y, V k) noexcept
{
    using C = exp_constants<scalar_t<V>>;
    V a = min_keep_nan(V(C::max_scale), max_keep_nan(V(C::min_scale), k));
    V b = k - a;
    return y * pow2i(a) * pow2i(b);
}

/// m 2^n for an integer-valued n in [2 min_scale, 2 max_scale], rounded once (to a subnormal, 0 or
/// inf where the result is one): AVX-512's VSCALEF, elsewhere the two exact steps of ldexp_wide.
template <class V>
inline V scalef(V m, V n) noexcept
{
#if defined(__AVX512F__)
    if constexpr (value_traits<V>::is_batch) {
        using T = scalar_t<V>;
        using A = typename V::arch_type;
        if constexpr (std::is_base_of<xsimd::avx512f, A>::value) {
            if constexpr (std::is_same<T, float>::value) {
                return _mm512_scalef_ps(m, n);
            } else {
                return _mm512_scalef_pd(m, n);
            }
        }
    }
#endif
    return ldexp_wide(m, n);
}

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

/// x = n ln 2 + r: n integer-valued, |r| <= ln(2)/2 plus a rounding; |x| <= arg_limit.
template <class V>
struct exp_split {
    V r, n;
};

/// With Negate, the split of -x (the negation folded into the first reduction step).
template <bool Negate = false, class V>
inline exp_split<V> exp_argument(V x) noexcept
{
    using C = exp_constants<scalar_t<V>>;
    constexpr scalar_t<V> log2e = Negate ? -C::log2e : C::log2e;
    V n = detail::fma(x, V(log2e), V(C::round_magic)) - V(C::round_magic);
    V r = Negate ? detail::fnms(n, V(C::ln2_hi), x) : detail::fma(n, V(-C::ln2_hi), x);
    return {detail::fma(n, V(-C::ln2_lo), r), n};
}

/// e^r - 1 for |r| <= ln(2)/2, accurate relative to itself (no cancellation near 0).
template <class V>
inline V expm1_reduced(V r) noexcept
{
    return detail::fma(r * r, exp_constants<scalar_t<V>>::poly(r), r);
}

/// e^r for |r| <= ln(2)/2.
template <class V>
inline V exp_reduced(V r) noexcept
{
    return detail::fma(detail::fma(exp_constants<scalar_t<V>>::poly(r), r, V(1)), r, V(1));
}

/// c (e^x - 1) for |x| <= arg_limit: c (2^n (1 + p) - 1) = p (c 2^n) + (c 2^n - c), where c 2^n is
/// exact and p = e^r - 1 is accurate relative to itself, so nothing cancels near 0 (n = 0).
template <class V>
inline V expm1_scaled(V x, V c) noexcept
{
    exp_split<V> s = exp_argument(x);
    V cs = scalef(c, s.n);
    return detail::fma(expm1_reduced(s.r), cs, cs - c);
}

/// e^x for |x| <= arg_limit.
template <class V>
inline V exp_fast(V x) noexcept
{
    exp_split<V> s = exp_argument(x);
    return scalef(exp_reduced(s.r), s.n);
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
    V p = r + detail::fma(r * r, C::poly(r), detail::fma(r, c, c));
    return {p, n};
}

/// e^x for any x: 0 below -arg_limit, inf above, NaN for NaN.
template <class V>
inline V exp(V x) noexcept
{
    return exp_fast(clamp_symmetric(x, exp_constants<scalar_t<V>>::arg_limit));
}

// ---------------------------------------------------------------- logistic family
/// s(z) = 1 / (1 + e^-z) for any z; NaN in gives NaN out. Where e^-z overflows (z < -88.7 in
/// float) s is below the smallest normal number and the result flushes to 0.
template <class V>
inline V logistic(V z) noexcept
{
    exp_split<V> s = exp_argument<true>(clamp_symmetric(z, exp_constants<scalar_t<V>>::arg_limit));
    return V(1) / (V(1) + scalef(exp_reduced(s.r), s.n));
}

/// 2^K s'(z) = 2^K s(z) s(-z) = 2^K e / (1 + e)^2 with e = e^-|z| <= 1: no cancellation at either
/// end; (1 + e)^2 = 1 + e (2 + e) is rounded once, 2^K e is scaled in the same single rounding as e.
template <int K = 0, class V>
inline V logistic_derivative(V z) noexcept
{
    exp_split<V> s = exp_argument<true>(min_keep_nan(V(exp_constants<scalar_t<V>>::arg_limit), detail::abs(z)));
    V m = exp_reduced(s.r);
    V e = scalef(m, s.n);
    V num = K == 0 ? e : scalef(m, s.n + V(scalar_t<V>(K)));
    return num / detail::fma(e, e + V(2), V(1));
}

/// e^-z for z = z_hi + z_lo as m 2^n with 2^-k scaled out, k = max(n, 0): e_k = m 2^(n - k) and
/// u = 2^-k, so that e^-z = e_k / u and 1 + e^-z = (u + e_k) / u never overflow. z_hi is clamped to
/// +-arg_limit; z_lo (a rounding error of z) is used only when HasLo, and only where z_hi is finite
/// (forming z may overflow).
template <class V>
struct logistic_scaled {
    V e_k, u, minus_k;
};

template <bool HasLo, class V>
inline logistic_scaled<V> logistic_scale(V z_hi, V z_lo) noexcept
{
    using C = exp_constants<scalar_t<V>>;
    exp_split<V> s = exp_argument<true>(clamp_symmetric(z_hi, C::arg_limit));
    if constexpr (HasLo) s.r = s.r - detail::select(detail::abs(z_hi) < V(C::arg_limit), z_lo, V(0));
    V minus_k = min_keep_nan(V(0), -s.n);
    return {scalef(exp_reduced(s.r), s.n + minus_k), scalef(V(1), minus_k), minus_k};
}

/// x s(z) = x / (1 + e^-z) where z = z_hi + z_lo is a function of x: swish (z = beta x) and
/// gelu_tanh (z = 2 sqrt(2/pi) (x + 0.044715 x^3)). Formed as 2^-k x / (u + e_k): in the far negative
/// tail x e^z is rounded once, down to the subnormal range; z below -arg_limit gives 0.
template <bool HasLo = true, class V>
inline V x_logistic(V x, V z_hi, V z_lo) noexcept
{
    logistic_scaled<V> l = logistic_scale<HasLo>(z_hi, z_lo);
    V y = scalef(x / (l.u + l.e_k), l.minus_k);
    return detail::select(z_hi < V(-exp_constants<scalar_t<V>>::arg_limit), V(0), y);
}

/// d/dx [x s(z(x))] = s + w s (1 - s) given w = x z'(x) (finite: the caller clamps it). With
/// e = e^-|z| = (1 + p) 2^n, n <= 0:
///   z >= 0: (1 + e (1 + w)) / (1 + e)^2,     z < 0: 2^n (1 + p) (1 + w + e) / (1 + e)^2,
/// where (1 + p) c is rounded once as c + c p and 2^n applied last (accurate into the tail), and
/// (1 + e)^2 = 1 + e (2 + e) is rounded once.
template <bool HasLo = true, class V>
inline V x_logistic_derivative(V z_hi, V z_lo, V w) noexcept
{
    using C = exp_constants<scalar_t<V>>;
    auto neg = z_hi < V(0);
    exp_split<V> s = exp_argument<true>(min_keep_nan(V(C::arg_limit), detail::abs(z_hi)));
    if constexpr (HasLo) {
        // e^-|z_hi + z_lo| = e^(-|z_hi| - sign(z_hi) z_lo)
        V lo = detail::select(detail::abs(z_hi) < V(C::arg_limit), z_lo, V(0));
        s.r = s.r + detail::select(neg, lo, -lo);
    }
    V p = expm1_reduced(s.r);
    V e = scalef(p + V(1), s.n);
    V c = detail::select(neg, (V(1) + w) + e, V(1) + w);
    V num = detail::select(neg, detail::fma(c, p, c), detail::fma(e, c, V(1)));
    V den = detail::fma(e, e + V(2), V(1));
    return scalef(num / den, detail::select(neg, s.n, V(0)));
}

}  // namespace detail
}  // namespace xact

#endif
