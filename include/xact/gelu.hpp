// xact::gelu: the Gaussian error linear unit, exact form (Hendrycks and Gimpel, "Gaussian Error
// Linear Units (GELUs)", 2016).
//
//   f(x) = x Phi(x) = x erfc(-x / sqrt 2) / 2
//   f'(x) = Phi(x) + x phi(x),  phi(x) = e^(-x^2/2) / sqrt(2 pi)
// Through erfc, so the negative tail keeps its accuracy (gelu(-12) = -2.1e-32). Float is
// evaluated in double and rounded once. gelu(-inf) = 0, gelu'(+inf) = 1, NaN gives NaN.
// Max error (float, every input, docs/ACCURACY.md): forward 1 ULP, derivative 1 ULP or 2^-24
// absolute near its root at x = -0.75.
// Cost: an erfc and an exponential in double precision.
#ifndef XACT_GELU_HPP
#define XACT_GELU_HPP

#include "detail/functor.hpp"
#include "detail/widen.hpp"

namespace xact {
namespace detail {

// Beyond |x| = 40 the Gaussian factors are 0 in double: gelu is 0 or x, gelu' is 0 or 1.
constexpr double gelu_limit = 40.0;
constexpr double rsqrt2 = 0x1.6a09e667f3bcdp-1;     // 1 / sqrt(2)
constexpr double rsqrt2pi = 0x1.9884533d43651p-2;   // 1 / sqrt(2 pi)

template <class W>
inline W gelu_wide(W x) noexcept
{
    W xc = min_keep_nan(W(gelu_limit), max_keep_nan(W(-gelu_limit), x));
    W y = x * (W(0.5) * detail::erfc(-xc * W(rsqrt2)));
    return detail::select(x < W(-gelu_limit), W(0), y);
}

template <class W>
inline W gelu_derivative_wide(W x) noexcept
{
    W xc = min_keep_nan(W(gelu_limit), max_keep_nan(W(-gelu_limit), x));
    W phi = detail::exp(W(-0.5) * xc * xc) * W(rsqrt2pi);
    return detail::fma(xc, phi, W(0.5) * detail::erfc(-xc * W(rsqrt2)));
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
        return detail::in_double(value<V>(x), [](auto w) { return detail::gelu_wide(w); });
    }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        return detail::in_double(value<V>(x), [](auto w) { return detail::gelu_derivative_wide(w); });
    }
};

}  // namespace xact

#endif
