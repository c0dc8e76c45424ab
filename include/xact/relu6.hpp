// xact::relu6: ReLU capped at 6 (Krizhevsky, "Convolutional Deep Belief Networks on CIFAR-10",
// 2010; MobileNet's activation).
//
//   f(x) = min(max(x, 0), 6)
//   f'(x) = 1 for 0 < x < 6, else 0 (0 at both kinks, as PyTorch)
//   f'(y) = 1 for 0 < y < 6, else 0
// relu6(-inf) = 0, relu6(+inf) = 6, NaN gives NaN. relu6(-0) = -0, as xact::relu and PyTorch's
// clamp (x passes through where it is inside [0, 6]). Exact. Cost: a max and a min (memory bound).
#ifndef XACT_RELU6_HPP
#define XACT_RELU6_HPP

#include "hardtanh.hpp"

namespace xact {

/// f(x) = clamp(x, 0, 6).
template <class T = float>
struct relu6 {
    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "relu6";

    template <class V>
    value<V> forward(V x) const noexcept
    {
        return detail::clamp_keep_nan(value<V>(x), value<V>(0), value<V>(6));
    }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        return detail::clamp_derivative(value<V>(x), value<V>(0), value<V>(6));
    }

    template <class V>
    value<V> derivative_from_output(V y) const noexcept { return derivative(y); }
};

}  // namespace xact

#endif
