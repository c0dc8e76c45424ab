// xact::hardshrink: hard thresholding (Donoho and Johnstone, "Ideal spatial adaptation by wavelet
// shrinkage", Biometrika 81(3), 1994).
//
//   f(x) = x for |x| > lambda, else 0
//   f'(x) = 1 for |x| > lambda, else 0 (0 at x = +-lambda, as PyTorch)
//   f'(y) = 1 for |y| > lambda, else 0
// Default lambda = 0.5 (PyTorch); lambda >= 0. hardshrink(+-inf) = +-inf, NaN gives NaN. The dead
// zone gives x times 0, as PyTorch: -0 for x in [-lambda, -0] (the function is odd).
// Exact. Cost: an abs, a compare and a blend (memory bound).
#ifndef XACT_HARDSHRINK_HPP
#define XACT_HARDSHRINK_HPP

#include "detail/functor.hpp"

namespace xact {

/// f(x) = x [|x| > lambda].
template <class T = float>
struct hardshrink {
    T lambda = T(0.5);

    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "hardshrink";

    template <class V>
    value<V> forward(V x) const noexcept
    {
        using W = value<V>;
        W v(x);
        // NaN fails the compare and gives NaN * 0
        return detail::select(detail::abs(v) > W(lambda), v, v * W(0));
    }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        using W = value<V>;
        W v(x);
        return detail::propagate_nan(v, detail::select(detail::abs(v) > W(lambda), W(1), W(0)));
    }

    /// y = f(x) is x where |x| > lambda and 0 (not above lambda >= 0) elsewhere.
    template <class V>
    value<V> derivative_from_output(V y) const noexcept { return derivative(y); }
};

}  // namespace xact

#endif
