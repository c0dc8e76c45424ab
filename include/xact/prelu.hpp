// xact::prelu: leaky ReLU with a learnable slope (He, Zhang, Ren and Sun, "Delving Deep into
// Rectifiers", 2015). One slope here; the per-channel form is xact::prelu_forward/prelu_backward.
//
//   f(x) = x for x > 0, else slope * x
//   f'(x) = 1 for x > 0, else slope (f'(0) = slope, as PyTorch)
//   df/dslope = x for x <= 0, else 0
//   f'(y) = 1 for y > 0, else slope (slope >= 0)
// Default slope = 0.25 (PyTorch). NaN in gives NaN out. Max error: 0.5 ULP
// (one product; 0 for the default slope, a power of two), derivative exact. Cost: memory bound.
#ifndef XACT_PRELU_HPP
#define XACT_PRELU_HPP

#include "leaky_relu.hpp"

namespace xact {

/// f(x) = x for x > 0, else slope * x, with a learnable slope.
template <class T = float>
struct prelu {
    T slope = T(0.25);

    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "prelu";

    template <class V>
    value<V> forward(V x) const noexcept { return detail::linear_unit(value<V>(x), value<V>(slope)); }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        return detail::linear_unit_derivative(value<V>(x), value<V>(slope));
    }

    /// Valid for slope >= 0.
    template <class V>
    value<V> derivative_from_output(V y) const noexcept { return derivative(y); }

    /// d f / d slope = x for x <= 0, else 0.
    template <class V>
    value<V> slope_derivative(V x) const noexcept
    {
        value<V> v(x);
        return detail::select(v > value<V>(0), value<V>(0), v);
    }
};

}  // namespace xact

#endif
