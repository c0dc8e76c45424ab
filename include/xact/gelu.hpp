// xact::gelu: the Gaussian error linear unit, exact form (Hendrycks and Gimpel, "Gaussian Error
// Linear Units (GELUs)", 2016).
//
//   f(x) = x Phi(x) = x erfc(-x / sqrt 2) / 2
//   f'(x) = Phi(x) + x phi(x),  phi(x) = e^(-x^2/2) / sqrt(2 pi)
// With a = |x| and Mills' ratio Qh(a) = Phi(-a) / (sqrt(2 pi) phi(a)) = erfc(a / sqrt 2) e^(a^2/2) / 2
// (Abramowitz and Stegun 26.2.12-26.2.14 for its behaviour, 1/(a sqrt(2 pi)) at large a):
//   x < 0:  f = -a Qh e^(-a^2/2),        f' = e^(-a^2/2) (Qh - a / sqrt(2 pi))
//   x >= 0: f = x - a Qh e^(-a^2/2),     f' = 1 - e^(-a^2/2) (Qh - a / sqrt(2 pi))
// so the negative tail is a product, never a difference (gelu(-12) = -2.1e-32 to full accuracy),
// and both directions share one exponential. gelu(-inf) = 0, gelu'(+inf) = 1, NaN gives NaN.
//
// float: no per-lane branches. |x| is clamped to 15, beyond which the Gaussian factor makes f(-a)
// and f'(-a) round to 0. -a^2/2 is exact as hi + lo (Dekker's product), the exponential is Cody and
// Waite's reduction with the lean degree-4 polynomial (math.hpp), and the product a Qh (1 + r e1)
// is rounded once before the single scaling by 2^n (so the tail stays accurate into the
// subnormals). Qh comes from one of two formulas:
//   * a scalar, or an AVX-512 batch (a lane picks one of 16 floats in one VPERMPS): a table of
//     16 pieces |a - j| <= 1/2, each a degree-7 polynomial in t = a - j (tools/fit/
//     fit_gelu_table.py). j = round(a) and t come out of one rounding of a, both exact, and the
//     eight coefficients are picked per lane by j: no division.
//   * other batches (AVX2, SSE2): one piece over the whole range, Qh(a) = y S(y) with
//     y = 4 / (4 + a) and S a degree-10 polynomial in y - y_mid (tools/fit/fit_gelu.py; y is the
//     variable of Numerical Recipes' erfc, Press et al. 6.2, scaled). The division's rounding
//     matters (Qh is about as sensitive to y as y itself), so instead of carrying y as hi + lo the
//     error is moved to a: the residual rho = 4 - y (4 + a) (exact, with 4 + a's own rounding
//     error, Dekker/Knuth) says the rounded y stands for a + rho (4 + a) / 4, and Qh is corrected
//     along Qh'(a) = a Qh - 1/sqrt(2 pi) (the differential equation of Mills' ratio).
// double, and the float derivative on targets without a fused multiply-add (SSE2), keep the
// compensated two-piece erfc of detail/erfc.hpp.
// Measured max error (docs/ACCURACY.md; float: every input through the AVX-512 kernels, double:
// 10^8 samples):
//   float forward 3.17 ULP, derivative 2.03 ULP away from its root at x = -0.75 (2^-24 absolute
//   near it); double 3.98, 2.37 ULP. The division formula measured 3.56 and 2.90 ULP.
// Cost (float, AVX-512): one exponential, eight VPERMPS and a degree-7 polynomial, no division:
//   about 37 instructions per batch forward (GCC 12). The division formula takes about 44.
#ifndef XACT_GELU_HPP
#define XACT_GELU_HPP

#include "detail/erfc.hpp"
#include "detail/functor.hpp"

namespace xact {
namespace detail {

template <class T>
struct gelu_constants {
    static constexpr T rsqrt2_hi = T(0.70710678118654752440084436210484904L);
    static constexpr T rsqrt2_lo = T(0.70710678118654752440084436210484904L - (long double)rsqrt2_hi);
    static constexpr T rsqrt2pi = T(0.39894228040143267793994605993438187L);  // 1 / sqrt(2 pi)
    // beyond |x| = sqrt(2) t_max the Gaussian factors are 0 in T: f is 0 or x, f' is 0 or 1
    static constexpr T limit = T(1.4142135623730950488L) * erfc_constants<T>::t_max;
};

/// t = |x| / sqrt 2 as hi + lo, and the erfc parts at t.
template <class V>
inline erfc_parts<V> gelu_reduce(V x) noexcept
{
    using C = gelu_constants<scalar_t<V>>;
    V ax = detail::abs(x);
    two<V> t = two_prod(ax, V(C::rsqrt2_hi));
    return erfc_reduce(t.hi, detail::fma(ax, V(C::rsqrt2_lo), t.lo));
}

// ---------------------------------------------------------------- float: the division's piece
// Coefficients from tools/fit/fit_gelu.py.
struct gelu_float_constants {
    static constexpr float limit = 15.0f;  // beyond it f(-|x|) and f'(-|x|) round to 0: |x| is clamped
    static constexpr float k = 4.0f;       // y = k / (k + a)
    static constexpr float y_mid = 0x1.d701bcp-2f;
    static constexpr float rsqrt2pi = 0x1.988454p-2f;  // 1 / sqrt(2 pi)
    // S(y) = Qh(a) / y in s = y - y_mid, a in [0, 15]: degree 10, fit error 1.42e-8 relative
    static constexpr float s[] = {
        -0x1.8312dcp-7f,  // -0.01181255095
        0x1.0ea1a8p-5f,   // 0.03303606808
        -0x1.3b4fc2p-15f, // -3.758806633e-5
        -0x1.bbea6cp-5f,  // -0.0541889295
        -0x1.4eb2f8p-5f,  // -0.04085682333
        0x1.26cbd2p-4f,   // 0.07197172195
        0x1.d389fep-3f,   // 0.228290543
        0x1.5770aep-2f,   // 0.3353907764
        0x1.60e394p-2f,   // 0.3446181417
        0x1.1946e8p-2f,   // 0.2746845484
        0x1.6b025cp-3f,   // 0.1772505939
    };
};

/// e^(-a^2/2) = (1 + r e1) 2^n for a in [0, 15], e1 = (e^r - 1) / r: -a^2/2 is exact as hi + lo
/// (a / 2 is exact; Dekker's product), the kernels' reduction of hi, then lo added to r.
template <class V>
struct gelu_gauss {
    V r, n, e1;
};

template <class V>
inline gelu_gauss<V> gelu_gauss_reduce(V a) noexcept
{
    using E = exp_constants<float>;
    two<V> h = two_prod(a * V(-0.5f), a);
    exp_split<V> x2 = exp_argument(h.hi);
    V r = x2.h + h.lo;
    return {r, x2.n, detail::fma(horner(r, E::q_lean), r, V(1.0f))};
}

/// a = min(|x|, limit). KeepNan: a is NaN for NaN x (the derivative needs it); otherwise a NaN x
/// may give a = limit (one VRANGEPS on AVX-512DQ), and the forward carries NaN through x.
template <bool KeepNan, class V>
inline V gelu_float_abs(V x) noexcept
{
    using C = gelu_float_constants;
    return KeepNan ? min_keep_nan(V(C::limit), detail::abs(x)) : abs_min(x, V(C::limit));
}

// ---------------------------------------------------------------- float, where a lane picks from a table
/// Qh on the 16 pieces |a - j| <= 1/2, j = 0 .. 15 (tools/fit/fit_gelu_table.py): row k holds the
/// coefficient of t^k, t = a - j, for every j. Each piece's polynomial is within 0.89 x 2^-24 of
/// Qh, relative (the rounding of its constant term included).
struct gelu_table_constants {
    // 1 / sqrt(2 pi) as hi + lo: the derivative subtracts a / sqrt(2 pi) from Qh near its root
    static constexpr float rsqrt2pi_hi = 0x1.988454p-2f;
    static constexpr float rsqrt2pi_lo = float(0.39894228040143267793994605993438187L - (long double)rsqrt2pi_hi);
    static constexpr float q[8][16] = {
        {0x1p-1f, 0x1.0bdb2ep-2f, 0x1.5845dcp-3f, 0x1.f1b89cp-4f,
         0x1.82b4bcp-4f, 0x1.3b0fbcp-4f, 0x1.095608p-4f, 0x1.c9e12p-5f,
         0x1.926972p-5f, 0x1.66ccb8p-5f, 0x1.43a38ap-5f, 0x1.26b4dp-5f,
         0x1.0e7dcep-5f, 0x1.f3ddc2p-6f, 0x1.d087aep-6f, 0x1.b1d706p-6f},
        {-0x1.988452p-2f, -0x1.19524cp-3f, -0x1.00f9dap-4f, -0x1.19cef2p-5f,
         -0x1.5cf97cp-6f, -0x1.d614ecp-7f, -0x1.5068c2p-7f, -0x1.f7d59ep-8f,
         -0x1.86b844p-8f, -0x1.378124p-8f, -0x1.fbf2dp-9f, -0x1.a5dac2p-9f,
         -0x1.63cfc8p-9f, -0x1.3012a8p-9f, -0x1.06cdbep-9f, -0x1.cabcdap-10f},
        {0x1.ffff7ep-3f, 0x1.fcc8dep-5f, 0x1.5d303p-6f, 0x1.2c08d4p-7f,
         0x1.2dda08p-8f, 0x1.542a9ap-9f, 0x1.a0eee4p-10f, 0x1.106374p-10f,
         0x1.7625d6p-11f, 0x1.0b6e08p-11f, 0x1.8af23ep-12f, 0x1.2b9aa2p-12f,
         0x1.d0fb64p-13f, 0x1.6fdc4p-13f, 0x1.27e806p-13f, 0x1.e2fd9p-14f},
        {-0x1.10501ap-3f, -0x1.9b0014p-6f, -0x1.b75efcp-8f, -0x1.2ed72ep-9f,
         -0x1.f6a4f4p-11f, -0x1.dea72ap-12f, -0x1.f9cc9ep-13f, -0x1.21a61ep-13f,
         -0x1.618918p-14f, -0x1.c63992p-15f, -0x1.305576p-15f, -0x1.a65b0cp-16f,
         -0x1.2ddfa2p-16f, -0x1.ba914cp-17f, -0x1.4b935p-17f, -0x1.fa60e2p-18f},
        {0x1.feff9ap-5f, 0x1.2f0cacp-7f, 0x1.02e8fap-9f, 0x1.23900ap-11f,
         0x1.94325cp-13f, 0x1.480c7p-14f, 0x1.2ca8f8p-15f, 0x1.2f2014p-16f,
         0x1.49cac6p-17f, 0x1.7db408p-18f, 0x1.d0ecb2p-19f, 0x1.278102p-19f,
         0x1.857da8p-20f, 0x1.08c616p-20f, 0x1.71c7d8p-21f, 0x1.085774p-21f},
        {-0x1.ab032cp-6f, -0x1.9efac2p-9f, -0x1.20917cp-11f, -0x1.0d328cp-13f,
         -0x1.3ae56cp-15f, -0x1.b6d684p-17f, -0x1.5eae5ap-18f, -0x1.386e82p-19f,
         -0x1.2fdc18p-20f, -0x1.3d809ap-21f, -0x1.601b64p-22f, -0x1.9a8522p-23f,
         -0x1.f36e4ep-24f, -0x1.3b1d5ep-24f, -0x1.9a758cp-25f, -0x1.12e818p-25f},
        {0x1.29cf8ep-7f, 0x1.15debep-10f, 0x1.3b785ep-13f, 0x1.e93834p-16f,
         0x1.e458d2p-18f, 0x1.227a3ap-19f, 0x1.959546p-21f, 0x1.3fce5ep-22f,
         0x1.165fp-23f, 0x1.06d71ep-24f, 0x1.0996ecp-25f, 0x1.1c2b04p-26f,
         0x1.3f3fb6p-27f, 0x1.760e46p-28f, 0x1.c693e6p-29f, 0x1.1a7e78p-29f},
        {-0x1.007d74p-9f, -0x1.4a9314p-12f, -0x1.3c88ep-15f, -0x1.a13b5ep-18f,
         -0x1.631782p-20f, -0x1.72a192p-22f, -0x1.c7ae5ap-24f, -0x1.3fd79cp-25f,
         -0x1.f47b96p-27f, -0x1.ac6b36p-28f, -0x1.8b6f3p-29f, -0x1.850c52p-30f,
         -0x1.94417ap-31f, -0x1.b85a48p-32f, -0x1.f3ccb2p-33f, -0x1.4e3dfap-33f},
    };
};

/// What the table's forward and derivative share, for a = min(|x|, limit): e^(-a^2/2), and
/// Qh(a) = c0 + t p on piece j = round(a) (t = a - j exact: |t| <= 1/2 and Sterbenz's lemma).
template <class V>
struct gelu_table_parts {
    V a;
    gelu_gauss<V> g;
    V t, c0, p;
};

template <bool KeepNan, class V>
inline gelu_table_parts<V> gelu_table_reduce(V x) noexcept
{
    using C = gelu_table_constants;
    using E = exp_constants<float>;
    V a = gelu_float_abs<KeepNan>(x);
    // k = a + 1.5 * 2^23 holds j = round(a) in its low bits (the table's column)
    V k = a + V(E::round_magic);
    V t = a - (k - V(E::round_magic));
    V p = lookup(C::q[7], k);
    p = detail::fma(p, t, lookup(C::q[6], k));
    p = detail::fma(p, t, lookup(C::q[5], k));
    p = detail::fma(p, t, lookup(C::q[4], k));
    p = detail::fma(p, t, lookup(C::q[3], k));
    p = detail::fma(p, t, lookup(C::q[2], k));
    p = detail::fma(p, t, lookup(C::q[1], k));
    return {a, gelu_gauss_reduce(a), t, lookup(C::q[0], k), p};
}

// ---------------------------------------------------------------- float, elsewhere: one division
/// What the float forward and derivative share, for a = min(|x|, limit):
///   e^(-a^2/2) = (1 + r e1) 2^n,  and Qh(a) ~ y S(y) at the rounded y = k / (k + a).
template <class V>
struct gelu_float_parts {
    V a;
    gelu_gauss<V> g;
    V d, y, s;   // d = k + a and y = k / d rounded; s = S(y)
};

template <bool KeepNan, class V>
inline gelu_float_parts<V> gelu_float_reduce(V x) noexcept
{
    using C = gelu_float_constants;
    V a = gelu_float_abs<KeepNan>(x);
    // y in [k / (k + limit), 1]; y - y_mid is exact (y_mid a multiple of 2^-24 below 1/4 + k / (k + limit))
    V d = a + V(C::k);
    V y = detail::div(V(C::k), d);
    V t = y - V(C::y_mid);
    V s = horner(t, C::s);
    return {a, gelu_gauss_reduce(a), d, y, s};
}

/// x < 0: g; x >= 0: 1 - g (one masked subtraction on AVX-512).
template <class V>
inline V gelu_join_derivative(V x, V g) noexcept
{
#if defined(__AVX512F__)
    if constexpr (is_avx512<V>::value && std::is_same<scalar_t<V>, float>::value) {
        __mmask16 nonneg = _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_NLT_UQ);  // also NaN
        return _mm512_mask_sub_ps(g, nonneg, _mm512_set1_ps(1.0f), g);
    }
#endif
    return detail::select(x < V(0), g, V(1) - g);
}

XACT_PACK_OVERLOAD(gelu_join_derivative, 2)

}  // namespace detail

/// f(x) = x Phi(x), Phi the standard normal distribution function.
template <class T = float>
struct gelu {
    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "gelu";
    /// f' has an interior root (x = -0.7518), near which the float kernel is accurate to 2^-24
    /// absolute where |x| < 4: the 16-bit kernels recompute results there.
    static constexpr bool derivative_has_root = true;

    template <class V>
    value<V> forward(V x) const noexcept
    {
        using W = value<V>;
        W v(x);
        if constexpr (table_path<W>) {
            detail::gelu_table_parts<W> p = detail::gelu_table_reduce<false>(v);
            // a Phi(-a) = a Qh e^(-a^2/2) = m (1 + r e1) 2^n: one rounding, then the scaling
            W m = detail::opaque(p.a * detail::fma(p.p, p.t, p.c0));
            W h = detail::scalef(detail::fma(m * p.g.r, p.g.e1, m), p.g.n);
            // x < 0: x Phi(x) = -a Phi(-a); x >= 0: x - x Phi(-x) (NaN stays NaN through max)
            return detail::max_keep_nan(W(0), v) - h;
        } else if constexpr (std::is_same<T, float>::value) {
            using F = detail::gelu_float_constants;
            detail::gelu_float_parts<W> p = detail::gelu_float_reduce<false>(v);
            // y is k / (k + a) rounded: k + a = d + d_lo exactly, and rho = k - y (k + a) is the
            // division's residual. The true y stands for a, the rounded one for a + rho d / k, so
            // Qh(a) = y S(y) + (rho d / k) (1/sqrt(2 pi) - a Qh) to first order.
            W d_lo = (W(F::k) - p.d) + p.a;
            W rho = detail::fnma(p.y, d_lo, detail::residual(p.y, p.d, W(F::k)));
            W q = p.y * p.s;
            W m = detail::opaque(p.a * q);
            W q_lo = rho * p.d * detail::fma(m, W(-1.0f / F::k), W(F::rsqrt2pi / F::k));
            // a Phi(-a) = a Qh e^(-a^2/2) = (m + a q_lo) (1 + r e1) 2^n: one rounding, then the scaling.
            // The rounding errors of y S and a q are not carried: the sweep over every float input
            // stays within 3.5 ULP without them.
            W h = detail::scalef(detail::fma(detail::fma(m, p.g.r, p.a * q_lo), p.g.e1, m), p.g.n);
            // x < 0: x Phi(x) = -a Phi(-a); x >= 0: x - x Phi(-x) (NaN stays NaN through max)
            return detail::max_keep_nan(W(0), v) - h;
        } else {
            return forward_accurate(v);
        }
    }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        using W = value<V>;
        W v(x);
        if constexpr (table_path<W>) {
            using C = detail::gelu_table_constants;
            detail::gelu_table_parts<W> p = detail::gelu_table_reduce<true>(v);
            // Phi(-a) - a phi(a) = e^(-a^2/2) w, w = Qh - a / sqrt(2 pi) = (c0 - ac_err + t p) - ac,
            // ac = a / sqrt(2 pi) rounded and ac_err its rounding error (with the low part of
            // 1 / sqrt(2 pi)): the small terms first, so that w is rounded once where ac dominates
            // (the tail), and the last subtraction is exact near the root at a = 0.75
            W ac = p.a * W(C::rsqrt2pi_hi);
            W ac_err = detail::fma(p.a, W(C::rsqrt2pi_lo), detail::fms(p.a, W(C::rsqrt2pi_hi), ac));
            W w = detail::fma(p.p, p.t, p.c0 - ac_err) - ac;
            W g = detail::scalef(detail::fma(w * p.g.r, p.g.e1, w), p.g.n);
            // x < 0: Phi(x) + x phi(x) = g; x >= 0: 1 - g
            return detail::gelu_join_derivative(v, g);
        } else if constexpr (std::is_same<T, float>::value && detail::has_fused_fma<W>::value) {
            using F = detail::gelu_float_constants;
            detail::gelu_float_parts<W> p = detail::gelu_float_reduce<true>(v);
            // Phi(-a) - a phi(a) = e^(-a^2/2) (Qh - a / sqrt(2 pi)) = e^(-a^2/2) w: Qh's error is
            // scaled down where w is large, but near the root at a = 0.75 and just below 0.5 and
            // 0.25 (x small and negative) w needs all its bits, so y's rounding is corrected as in
            // forward and a / sqrt(2 pi) is carried as ac + its rounding error.
            W ac = p.a * W(F::rsqrt2pi);
            W w = detail::fms(p.y, p.s, ac);
            W d_lo = (W(F::k) - p.d) + p.a;
            W rho = detail::fnma(p.y, d_lo, detail::residual(p.y, p.d, W(F::k)));
            W slope = detail::fma(p.a * W(-1.0f / F::k), p.y * p.s, W(F::rsqrt2pi / F::k));
            w = w + detail::fma(rho * p.d, slope, detail::residual(p.a, W(F::rsqrt2pi), ac));
            W g = detail::scalef(detail::fma(w * p.g.r, p.g.e1, w), p.g.n);
            // x < 0: Phi(x) + x phi(x) = g; x >= 0: 1 - g
            return detail::gelu_join_derivative(v, g);
        } else {
            return derivative_accurate(v);
        }
    }

private:
    // float where a lane picks one of 32 coefficients in one instruction (a scalar, or AVX-512),
    // with a fused multiply-add (the derivative's ac_err is exact only with one)
    template <class W>
    static constexpr bool table_path = detail::has_float_tables<W>::value;

    // The compensated two-piece algorithm (detail/erfc.hpp), kept for double, and for the float
    // derivative on targets without a fused multiply-add: near the derivative's root the float path
    // has no margin for the extra roundings of unfused a b + c (4.8 ULP on SSE2 at x = -0.33).
    template <class W>
    W forward_accurate(W v) const noexcept
    {
        using C = detail::gelu_constants<T>;
        detail::erfc_parts<W> r = detail::gelu_reduce(v);
        W half_q = W(0.5) * r.q;
        // x < 0: x H formed before the scaling by 2^n, so it stays accurate into the subnormals
        W xq = v * half_q;
        W neg = detail::ldexp_wide(detail::fma(xq, r.e.p, xq), r.e.n);
        W h = detail::ldexp_wide(half_q * r.e.mantissa(), r.e.n);
        W pos = detail::fma(-v, h, v);
        W y = detail::select(v <= W(0), neg, pos);  // -0 through neg keeps its sign
        return detail::select(v < W(-C::limit), W(0), detail::select(v > W(C::limit), v, y));
    }

    template <class W>
    W derivative_accurate(W v) const noexcept
    {
        using C = detail::gelu_constants<T>;
        detail::erfc_parts<W> r = detail::gelu_reduce(v);
        W half_q = W(0.5) * r.q;
        W w = detail::fma(v, W(C::rsqrt2pi), half_q);
        W neg = detail::ldexp_wide(detail::fma(w, r.e.p, w), r.e.n);
        W e = detail::ldexp_wide(r.e.mantissa(), r.e.n);
        W pos = detail::fma(e, detail::fma(v, W(C::rsqrt2pi), -half_q), W(1));
        W y = detail::select(v < W(0), neg, pos);
        return detail::select(v < W(-C::limit), W(0), detail::select(v > W(C::limit), W(1), y));
    }
};

}  // namespace xact

#endif
