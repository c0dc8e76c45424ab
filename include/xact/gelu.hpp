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
// float: one piece over the whole range, no per-lane branches. |x| is clamped to 15, beyond which
// the Gaussian factor makes f(-a) and f'(-a) round to 0. Qh(a) = y S(y) with y = 4 / (4 + a) and S
// a degree-10 polynomial in y - y_mid (tools/fit/fit_gelu.py; y is the variable of Numerical
// Recipes' erfc, Press et al. 6.2, scaled). The division's rounding matters (Qh is about as
// sensitive to y as y itself), so instead of carrying y as hi + lo the error is moved to a: the
// residual rho = 4 - y (4 + a) (exact, with 4 + a's own rounding error, Dekker/Knuth) says the
// rounded y stands for a + rho (4 + a) / 4, and Qh is corrected along Qh'(a) = a Qh - 1/sqrt(2 pi)
// (the differential equation of Mills' ratio). -a^2/2 is exact as hi + lo (Dekker's product), the
// exponential is Cody and Waite's reduction with the lean degree-4 polynomial (math.hpp), and the product
// a Qh (1 + r e1) is rounded once before the single scaling by 2^n (so the tail stays accurate
// into the subnormals). double, and the float derivative on targets without a fused multiply-add
// (SSE2), keep the compensated two-piece erfc of detail/erfc.hpp.
// Measured max error (docs/ACCURACY.md; float: every input, double: 10^8 samples):
//   float forward 3.56 ULP, derivative 2.90 ULP away from its root at x = -0.75 (2^-24 absolute
//   near it); double 3.98, 2.37 ULP.
// Cost (float): one division, one exponential (the lean degree-4 polynomial) and a degree-10
//   polynomial, about 44 AVX-512 instructions per batch forward (GCC 12).
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

// ---------------------------------------------------------------- float: one piece, no branches
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

/// What the float forward and derivative share, for a = min(|x|, limit):
///   e^(-a^2/2) = (1 + r e1) 2^n,  and Qh(a) ~ y S(y) at the rounded y = k / (k + a).
template <class V>
struct gelu_float_parts {
    V a;
    V r, n, e1;  // e1 = (e^r - 1) / r
    V d, y, s;   // d = k + a and y = k / d rounded; s = S(y)
};

/// KeepNan: a is NaN for NaN x (the derivative needs it); otherwise a NaN x may give a = limit
/// (one VRANGEPS on AVX-512DQ), and the forward carries NaN through x.
template <bool KeepNan, class V>
inline gelu_float_parts<V> gelu_float_reduce(V x) noexcept
{
    using C = gelu_float_constants;
    using E = exp_constants<float>;
    V a = KeepNan ? min_keep_nan(V(C::limit), detail::abs(x)) : abs_min(x, V(C::limit));
    // -a^2/2 = h.hi + h.lo exactly (a / 2 is exact); the kernels' reduction of h.hi, then h.lo
    two<V> h = two_prod(a * V(-0.5f), a);
    exp_split<V> x2 = exp_argument(h.hi);
    V n = x2.n;
    V r = x2.h + h.lo;
    V e1 = detail::fma(horner(r, E::q_lean), r, V(1.0f));
    // y in [k / (k + limit), 1]; y - y_mid is exact (y_mid a multiple of 2^-24 below 1/4 + k / (k + limit))
    V d = a + V(C::k);
    V y = V(C::k) / d;
    V t = y - V(C::y_mid);
    V s = horner(t, C::s);
    return {a, r, n, e1, d, y, s};
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

    template <class V>
    value<V> forward(V x) const noexcept
    {
        using W = value<V>;
        W v(x);
        if constexpr (std::is_same<T, float>::value) {
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
            W h = detail::scalef(detail::fma(detail::fma(m, p.r, p.a * q_lo), p.e1, m), p.n);
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
        if constexpr (std::is_same<T, float>::value && detail::has_fused_fma<W>::value) {
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
            W g = detail::scalef(detail::fma(w * p.r, p.e1, w), p.n);
            // x < 0: Phi(x) + x phi(x) = g; x >= 0: 1 - g
            return detail::gelu_join_derivative(v, g);
        } else {
            return derivative_accurate(v);
        }
    }

private:
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
        W y = detail::select(v < W(0), neg, pos);
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
