// xact::relu: the rectified linear unit (Nair and Hinton, 2010).
//
//   f(x) = max(0, x)      f'(x) = 1 for x > 0, else 0 (f'(0) = 0, as PyTorch)
//   f'(y) = 1 for y > 0, else 0
// NaN in gives NaN out, forward and derivative (PyTorch passes the gradient through at NaN).
// Exact. Cost: one max (memory bound).
#ifndef XACT_RELU_HPP
#define XACT_RELU_HPP

#include "detail/functor.hpp"

namespace xact {

/// f(x) = max(0, x).
template <class T = float>
struct relu {
    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "relu";

    template <class V>
    value<V> forward(V x) const noexcept { return detail::max_keep_nan(value<V>(0), value<V>(x)); }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        value<V> v(x);
        return detail::propagate_nan(v, detail::select(v > value<V>(0), value<V>(1), value<V>(0)));
    }

    template <class V>
    value<V> derivative_from_output(V y) const noexcept { return derivative(y); }
};

}  // namespace xact

#endif
