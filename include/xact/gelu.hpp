// xact::gelu: the Gaussian error linear unit, exact form (Hendrycks and Gimpel, "Gaussian Error
// Linear Units (GELUs)", 2016).
//
//   f(x) = x Phi(x) = x erfc(-x / sqrt 2) / 2
//   f'(x) = Phi(x) + x phi(x),  phi(x) = e^(-x^2/2) / sqrt(2 pi)
// With t = |x| / sqrt 2 and H = erfc(t) / 2 = Q(t) e^(-t^2) / 2 (detail/erfc.hpp):
//   x < 0:  f = x H,        f' = e^(-t^2) (Q / 2 + x / sqrt(2 pi))
//   x >= 0: f = x - x H,    f' = 1 + e^(-t^2) (x / sqrt(2 pi) - Q / 2)
// so the negative tail is a product, never a difference (gelu(-12) = -2.1e-32 to full accuracy),
// and both directions share one exponential. gelu(-inf) = 0, gelu'(+inf) = 1, NaN gives NaN.
// Measured max error (docs/ACCURACY.md; float: every input, double: 10^8 samples):
//   float forward 3.64 ULP, derivative 2.28 ULP away from its root at x = -0.75 (2^-24 absolute
//   near it); double 3.98, 2.37 ULP.
// Cost: one exponential, one division and two short polynomials.
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
        using C = detail::gelu_constants<T>;
        W v(x);
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

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        using W = value<V>;
        using C = detail::gelu_constants<T>;
        W v(x);
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
