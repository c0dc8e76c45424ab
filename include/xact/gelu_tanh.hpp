// xact::gelu_tanh: the tanh approximation of GELU (Hendrycks and Gimpel, 2016), as used by GPT-2
// and BERT and by PyTorch's gelu(approximate="tanh").
//
//   f(x) = x (1 + tanh(u)) / 2 = x s(2u),  u = sqrt(2/pi) (x + 0.044715 x^3),  s the logistic
//   f'(x) = s(2u) + x (2u)' s(2u) (1 - s(2u)),  (2u)' = 2 sqrt(2/pi) (1 + 3 * 0.044715 x^2)
// Written as x s(2u), so 1 + tanh(u) never cancels; 2u is formed as an exact sum of two floats so
// the tail (gelu_tanh(-9) = -1.2e-28) keeps full accuracy. gelu_tanh(-inf) = 0, f'(+inf) = 1,
// gelu_tanh(1e20) = 1e20, NaN gives NaN.
// Measured max error (docs/ACCURACY.md; float: every input, double: 10^8 samples):
//   float forward 3.20 ULP, derivative 3.48 ULP away from its root at x = -0.75 (2^-24 absolute
//   near it); double 3.09 ULP, derivative 3.49 ULP.
// Cost: one exponential, one division, and eleven instructions forming 2u exactly (with a fused
// multiply-add; about sixteen without).
#ifndef XACT_GELU_TANH_HPP
#define XACT_GELU_TANH_HPP

#include "detail/functor.hpp"

namespace xact {
namespace detail {

template <class T>
struct gelu_tanh_constants;

// 2u = x (c1 + c3 x^2), c1 = 2 sqrt(2/pi), c3 = 0.044715 c1, each as hi + lo
template <>
struct gelu_tanh_constants<float> {
    static constexpr float c1_hi = 0x1.988454p+0f, c1_lo = -0x1.857936p-25f;
    static constexpr float c3_hi = 0x1.2444f2p-4f, c3_lo = 0x1.49b16ap-29f;
    // c1 = c1_short + c1_short_lo with c1_short a multiple of 2^-20 (gelu_tanh_argument)
    static constexpr float c1_short = 0x1.98845p+0f, c1_short_lo = 0x1.9ea1b2p-23f;
};

template <>
struct gelu_tanh_constants<double> {
    static constexpr double c1_hi = 0x1.9884533d43651p+0, c1_lo = -0x1.cbc0d30ebfd15p-54;
    static constexpr double c3_hi = 0x1.2444f2a4d8b4bp-4, c3_lo = -0x1.6c843a29d1c70p-61;
    // c1 = c1_short + c1_short_lo with c1_short a multiple of 2^-47 (gelu_tanh_argument)
    static constexpr double c1_short = 0x1.9884533d4366p+0, c1_short_lo = -0x1.ee5e069875fe9p-49;
};

// Past |x| = 1e4, 2u is far beyond the logistic's saturation; clamping keeps x^2 finite.
constexpr double gelu_tanh_clamp = 1e4;

/// 2u as hi + lo, from x clamped to +-1e4.
template <class V>
inline two<V> gelu_tanh_argument(V x) noexcept
{
    using C = gelu_tanh_constants<scalar_t<V>>;
    V xc = min_keep_nan(V(gelu_tanh_clamp), max_keep_nan(V(-gelu_tanh_clamp), x));
    two<V> x2 = two_prod(xc, xc);
    if constexpr (has_fused_fma<V>::value) {
        // a = c1 + c3 x^2 as a_hi + a_lo, with a_hi = c1_short + c3_hi x2.hi rounded once. Its
        // rounding error is c1_short - a_hi (exact) + c3_hi x2.hi, one fused multiply-add: a_hi is
        // at least c1_short, so the difference is exact by Sterbenz's lemma up to a_hi = 2 c1_short
        // and, above, because c1_short is a multiple of ulp(a_hi): 2^-20 for a_hi < 16 in float
        // (|x| < 14.2), 2^-47 for a_hi < 64 in double (|x| < 29.6). Beyond, 2u is far past the
        // logistic's saturation (gelu_tanh(-10.9) is below the smallest float, and (-22) double).
        V a_hi = detail::fma(V(C::c3_hi), x2.hi, V(C::c1_short));
        V a_err = detail::fma(V(C::c3_hi), x2.hi, V(C::c1_short) - a_hi);
        V a_lo = a_err + detail::fma(V(C::c3_hi), x2.lo, detail::fma(V(C::c3_lo), x2.hi, V(C::c1_short_lo)));
        two<V> z = two_prod(xc, a_hi);
        return {z.hi, detail::fma(xc, a_lo, z.lo)};
    } else {
        two<V> p = two_prod(V(C::c3_hi), x2.hi);
        two<V> a = two_sum(V(C::c1_hi), p.hi);
        V a_lo = a.lo + (p.lo + detail::fma(V(C::c3_hi), x2.lo, detail::fma(V(C::c3_lo), x2.hi, V(C::c1_lo))));
        two<V> z = two_prod(xc, a.hi);
        return {z.hi, detail::fma(xc, a_lo, z.lo)};
    }
}

}  // namespace detail

/// f(x) = x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) / 2.
template <class T = float>
struct gelu_tanh {
    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "gelu_tanh";
    /// f' has an interior root (x = -0.7525), near which the float kernel is accurate to 2^-24
    /// absolute where |x| < 4: the 16-bit kernels recompute results there.
    static constexpr bool derivative_has_root = true;

    template <class V>
    value<V> forward(V x) const noexcept
    {
        using W = value<V>;
        W v(x);
        detail::two<W> z = detail::gelu_tanh_argument(v);
        return detail::x_logistic(v, z.hi, z.lo);
    }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        using W = value<V>;
        using C = detail::gelu_tanh_constants<T>;
        W v(x);
        detail::two<W> z = detail::gelu_tanh_argument(v);
        // x (2u)' = x c1 + 3 c3 x^3 = 3 (2u) - 2 c1 x, from the accurate 2u: w = w.hi + w.lo, w.hi
        // rounded once
        W xc = detail::min_keep_nan(W(detail::gelu_tanh_clamp), detail::max_keep_nan(W(-detail::gelu_tanh_clamp), v));
        detail::two<W> t = detail::two_prod(xc, W(2 * C::c1_hi));
        detail::two<W> w{detail::fma(W(3), z.hi, -t.hi), detail::fma(W(3), z.lo, -detail::fma(xc, W(2 * C::c1_lo), t.lo))};
        detail::logistic_exp<W> e = detail::logistic_exp_reduce(z.hi, z.lo);
        return detail::x_logistic_derivative(e, detail::x_logistic_c(e, w));
    }
};

}  // namespace xact

#endif
