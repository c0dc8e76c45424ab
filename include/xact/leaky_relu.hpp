// xact::leaky_relu: ReLU with a small slope for negative inputs (Maas, Hannun and Ng, 2013).
//
//   f(x) = x for x > 0, else negative_slope * x
//   f'(x) = 1 for x > 0, else negative_slope (f'(0) = negative_slope, as PyTorch)
//   f'(y) = 1 for y > 0, else negative_slope (negative_slope >= 0)
// Default negative_slope = 0.01 (PyTorch). NaN in gives NaN out. Max error (docs/ACCURACY.md):
// forward 0.5 ULP (one product), derivative exact.
// Cost: a multiply and a blend (memory bound).
#ifndef XACT_LEAKY_RELU_HPP
#define XACT_LEAKY_RELU_HPP

#include "detail/functor.hpp"

namespace xact {
namespace detail {

/// The piecewise-linear family: x for x > 0, else slope * x; derivative 1 or slope.
template <class V>
inline V linear_unit(V x, V slope) noexcept { return detail::select(x > V(0), x, slope * x); }

template <class V>
inline V linear_unit_derivative(V x, V slope) noexcept
{
    return propagate_nan(x, detail::select(x > V(0), V(1), slope));
}

}  // namespace detail

/// f(x) = x for x > 0, else negative_slope * x.
template <class T = float>
struct leaky_relu {
    T negative_slope = T(0.01);

    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "leaky_relu";

    template <class V>
    value<V> forward(V x) const noexcept
    {
        return detail::linear_unit(value<V>(x), value<V>(negative_slope));
    }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        return detail::linear_unit_derivative(value<V>(x), value<V>(negative_slope));
    }

    /// Valid for negative_slope >= 0 (then y > 0 exactly when x > 0).
    template <class V>
    value<V> derivative_from_output(V y) const noexcept { return derivative(y); }
};

}  // namespace xact

#endif
