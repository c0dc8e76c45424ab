// xact::step: the Heaviside step of the perceptron.
//
//   f(x) = 1 for x >= 0, else 0      f'(x) = 0      f'(y) = 0
// The neuron fires at x >= 0, so step(0) = 1 and step(-0) = 1. NaN in gives NaN out, derivative
// too. Exact. Cost: a compare and a blend (memory bound).
#ifndef XACT_STEP_HPP
#define XACT_STEP_HPP

#include "detail/functor.hpp"

namespace xact {

/// f(x) = [x >= 0].
template <class T = float>
struct step {
    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "step";

    template <class V>
    value<V> forward(V x) const noexcept
    {
        value<V> v(x);
        return detail::propagate_nan(v, detail::select(v >= value<V>(0), value<V>(1), value<V>(0)));
    }

    template <class V>
    value<V> derivative(V x) const noexcept { return detail::propagate_nan(value<V>(x), value<V>(0)); }

    template <class V>
    value<V> derivative_from_output(V y) const noexcept { return derivative(y); }
};

}  // namespace xact

#endif
