// xact::softsign: a rational sigmoid-shaped function with polynomial tails (Elliott, "A better
// activation function for artificial neural networks", 1993; Glorot and Bengio, AISTATS 2010).
//
//   f(x) = x / (1 + |x|)
//   f'(x) = 1 / (1 + |x|)^2, formed as r r with r = 1 / (1 + |x|): (1 + |x|)^2 would overflow
//           from |x| = 1.8e19 in float, and softsign'(1e20) = 1e-40 is a subnormal, kept
//   f'(y) = (1 - |y|)^2
// No parameters. softsign(+-inf) = +-1, softsign'(+-inf) = 0, NaN gives NaN, softsign(-0) = -0.
// Measured max error (docs/ACCURACY.md; float: every input, double: 10^8 samples): float forward
// 1.0 ULP, derivative 1.5 ULP, f'(y) 1.5 ULP; double the same.
// Cost: one division each way, plus three instructions (compute bound by the divider).
#ifndef XACT_SOFTSIGN_HPP
#define XACT_SOFTSIGN_HPP

#include "detail/functor.hpp"

namespace xact {

/// f(x) = x / (1 + |x|).
template <class T = float>
struct softsign {
    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "softsign";

    template <class V>
    value<V> forward(V x) const noexcept
    {
        using W = value<V>;
        // past 2^60, x / (1 + |x|) rounds to +-1 in float and double alike; the clamp keeps inf / inf
        // out and NaN in
        W v = detail::clamp_symmetric(W(x), T(0x1p60));
        return detail::div(v, W(1) + detail::abs(v));
    }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        using W = value<V>;
        W r = detail::div(W(1), W(1) + detail::abs(W(x)));
        return r * r;
    }

    template <class V>
    value<V> derivative_from_output(V y) const noexcept
    {
        using W = value<V>;
        W t = W(1) - detail::abs(W(y));
        return t * t;
    }
};

}  // namespace xact

#endif
