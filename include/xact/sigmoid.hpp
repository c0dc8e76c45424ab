// xact::sigmoid: the logistic function.
//
//   f(x) = 1 / (1 + e^-x)
//   f'(x) = f(x) f(-x), formed as e / (1 + e)^2 with e = e^-|x| (not f (1 - f), which is 0 past
//           x = 17 in float)
//   f'(y) = y (1 - y)
// Stable for every x: e^-|x| never overflows; sigmoid(-inf) = 0, sigmoid(+inf) = 1, NaN gives NaN.
// Measured max error (docs/ACCURACY.md; float: every input, double: 10^8 samples):
//   float forward 3.07 ULP with the table-driven exponential (AVX-512), 2.48 ULP without it (AVX2,
//   SSE2); derivative 2.38 ULP, f'(y) 1.5 ULP; double 2.45, 2.42 ULP.
// Cost: one exponential and one division; float on AVX-512 with a 16-entry table of 2^(j/16) and a
// degree-3 polynomial, 14 instructions per batch plus the store (elsewhere degree 4, no table: 15).
#ifndef XACT_SIGMOID_HPP
#define XACT_SIGMOID_HPP

#include "detail/functor.hpp"

namespace xact {

/// f(x) = 1 / (1 + e^-x).
template <class T = float>
struct sigmoid {
    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "sigmoid";

    template <class V>
    value<V> forward(V x) const noexcept { return detail::logistic(value<V>(x)); }

    template <class V>
    value<V> derivative(V x) const noexcept { return detail::logistic_derivative(value<V>(x)); }

    template <class V>
    value<V> derivative_from_output(V y) const noexcept
    {
        value<V> v(y);
        return v * (value<V>(1) - v);
    }
};

}  // namespace xact

#endif
