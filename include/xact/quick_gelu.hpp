// xact::quick_gelu: x s(1.702 x), the logistic approximation of the GELU (Hendrycks and Gimpel,
// "Gaussian Error Linear Units (GELUs)", 2016, section 2; used by CLIP as QuickGELU).
//
//   f(x) = x s(c x),  s(z) = 1 / (1 + e^-z),  c = 1.702 rounded to T
//   f'(x) = s(c x) + c x s(c x) s(-c x)
// It is swish with beta = c (<xact/swish.hpp>): c x is carried as an exact sum of two values into
// the exponential, the tail x e^(c x) is accurate into the subnormals. quick_gelu(-inf) = 0,
// quick_gelu(+inf) = +inf, f'(+inf) = 1, quick_gelu(-0) = -0, NaN gives NaN. No
// derivative_from_output (f is not monotonic).
// Measured max error (docs/ACCURACY.md; float: every input on AVX2, double: 10^8 samples):
//   float forward 3.42 ULP, derivative 3.68 ULP away from its root at x = -0.75 (2^-24 absolute
//   near it); double 3.47, 3.64 ULP.
// Cost: that of swish with beta != 1: one exponential and one division.
#ifndef XACT_QUICK_GELU_HPP
#define XACT_QUICK_GELU_HPP

#include "swish.hpp"

namespace xact {

/// f(x) = x / (1 + e^(-1.702 x)).
template <class T = float>
struct quick_gelu {
    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "quick_gelu";
    static constexpr T coefficient = T(1.702);
    /// f' has an interior root (at 1.702 x = -1.2785): the 16-bit kernels recompute results near it.
    static constexpr bool derivative_has_root = true;
    T derivative_root_scale() const noexcept { return coefficient; }
    /// The same function over U, with this functor's constant (1.702 rounded to T, not to U): the
    /// 16-bit kernels recompute near-midpoint results with it.
    template <class U>
    swish<U> rebind() const noexcept { return swish<U>{U(coefficient)}; }

    template <class V>
    value<V> forward(V x) const noexcept { return swish<T>{coefficient}.forward(x); }

    template <class V>
    value<V> derivative(V x) const noexcept { return swish<T>{coefficient}.derivative(x); }
};

}  // namespace xact

#endif
