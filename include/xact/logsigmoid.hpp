// xact::logsigmoid: the logarithm of the logistic function (PyTorch's LogSigmoid).
//
//   f(x) = log s(x) = -softplus(-x) = min(x, 0) - log(1 + e^-|x|)
//   f'(x) = s(-x) = 1 / (1 + e^x)
//   f'(y) = 1 - e^y   (through expm1)
// No cancellation for any x: min(x, 0) and -log(1 + e^-|x|) have the same sign, and the tail
// -e^-x keeps its accuracy into the subnormals. logsigmoid(-inf) = -inf, logsigmoid(+inf) = 0,
// f'(-inf) = 1, f'(+inf) = 0, NaN gives NaN.
// Measured max error (docs/ACCURACY.md; float: every input on AVX2, double: 10^8 samples):
//   float forward 1.69 ULP, derivative 2.40 ULP, f'(y) 1.00 ULP; double 1.61, 2.45, 1.12 ULP.
// Cost: one exponential and one logarithm near 1 (two divisions): forward; one exponential and one
// division: derivative.
#ifndef XACT_LOGSIGMOID_HPP
#define XACT_LOGSIGMOID_HPP

#include "detail/functor.hpp"

namespace xact {

/// f(x) = log(1 / (1 + e^-x)).
template <class T = float>
struct logsigmoid {
    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "logsigmoid";

    template <class V>
    value<V> forward(V x) const noexcept
    {
        using W = value<V>;
        W v(x);
        W l = detail::softplus_tail<false>(v, W(0));
        return detail::propagate_nan(v, detail::select(v < W(0), v - l, detail::neg(l)));
    }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        using W = value<V>;
        W v(x);
        return detail::propagate_nan(v, detail::logistic_sum<false>(-v, W(0)));
    }

    template <class V>
    value<V> derivative_from_output(V y) const noexcept
    {
        using W = value<V>;
        return detail::one_minus_exp(W(y));
    }
};

}  // namespace xact

#endif
