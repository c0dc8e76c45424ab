// xact::selu: the scaled exponential linear unit (Klambauer, Unterthiner, Mayr and Hochreiter,
// "Self-Normalizing Neural Networks", 2017).
//
//   f(x) = lambda x for x > 0, else lambda alpha (e^x - 1)
//   f'(x) = lambda for x > 0, else lambda alpha e^x   (f'(0) = lambda alpha, as PyTorch)
//   f'(y) = lambda for y > 0, else y + lambda alpha
// lambda = 1.0507009873554804934193349852946, alpha = 1.6732632423543772848170429916717 (the
// paper's fixed point, rounded to T). selu(-inf) = -lambda alpha, NaN gives NaN.
// Measured max error (docs/ACCURACY.md; float: every input, double: 10^8 samples):
//   float forward 1.89 ULP, derivative 1.87 ULP, f'(y) 0.74 ULP; double 1.78, 1.83, 0.76 ULP
//   (against lambda and alpha as stored: lambda alpha is carried as an exact sum of two values).
// Cost: one exponential.
#ifndef XACT_SELU_HPP
#define XACT_SELU_HPP

#include "elu.hpp"

namespace xact {

/// f(x) = lambda * elu_alpha(x).
template <class T = float>
struct selu {
    T lambda = T(1.0507009873554804934193349852946L);
    T alpha = T(1.6732632423543772848170429916717L);

    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "selu";

    template <class V>
    value<V> forward(V x) const noexcept
    {
        return detail::exponential_unit(value<V>(x), value<V>(lambda), value<V>(alpha));
    }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        return detail::exponential_unit_derivative(value<V>(x), value<V>(lambda), value<V>(alpha));
    }

    template <class V>
    value<V> derivative_from_output(V y) const noexcept
    {
        return detail::exponential_unit_derivative_from_output(value<V>(y), value<V>(lambda), value<V>(alpha));
    }
};

}  // namespace xact

#endif
