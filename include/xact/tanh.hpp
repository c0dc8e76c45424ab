// xact::tanh: the hyperbolic tangent.
//
//   f(x) = (e^2x - 1) / (e^2x + 1), formed as m / (m + 2) with m = expm1(2x), x clamped to
//          +-(0.35 (p + 2) + 1) at precision p (tanh rounds to +-1 from 9.01 in float, 19.06 in
//          double): neither m nor m + 2 cancels, and the sign needs no separate handling
//   f'(x) = sech^2(x) = 4 e / (1 + e)^2 with e = e^-2|x| (no 1 - tanh^2 cancellation)
//   f'(y) = (1 - y)(1 + y)
// tanh(+-inf) = +-1, tanh'(+-inf) = 0, NaN gives NaN.
// Measured max error (docs/ACCURACY.md; float: every input, double: 10^8 samples):
//   float forward 2.57 ULP, derivative 2.38 ULP, f'(y) 1.5 ULP; double 2.52, 2.45 ULP.
// In float with a fused multiply-add, the reduction subtracts n ln 2 in one step, with ln 2 rounded:
// e^2x is then off by |n| 1.9e-9 relative, which moves tanh = 1 - 2 / (e^2x + 1) by that over
// sinh(2x), at most 0.1 ULP (n = 1). Without one, n ln 2 would be rounded: two steps.
// Cost: one exponential (2x folded into its reduction) and one division: 16 instructions per batch
// on AVX-512 with the division (17 with n ln 2 in two steps), plus the store.
#ifndef XACT_TANH_HPP
#define XACT_TANH_HPP

#include "detail/functor.hpp"

namespace xact {

/// f(x) = tanh(x).
template <class T = float>
struct tanh {
    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "tanh";

    template <class V>
    value<V> forward(V x) const noexcept
    {
        using W = value<V>;
        constexpr T saturation = T(0.35) * (std::numeric_limits<T>::digits + 2) + 1;
        W v = detail::clamp_symmetric(W(x), saturation);
        // e^(2v) - 1; in float with a fused multiply-add, n ln 2 is subtracted in one step
        constexpr int steps = std::is_same<T, float>::value && detail::has_fused_fma<W>::value ? 1 : 2;
        W m = detail::expm1_scaled<2, steps>(v, W(1));
        return detail::copysign(detail::div(m, m + W(2)), v);  // odd: tanh(-0) = -0
    }

    /// sech^2(x) = 4 s'(2x) where s is the logistic function (2x folded into the reduction).
    template <class V>
    value<V> derivative(V x) const noexcept
    {
        using W = value<V>;
        return detail::logistic_derivative<2, 2>(W(x));
    }

    template <class V>
    value<V> derivative_from_output(V y) const noexcept
    {
        using W = value<V>;
        W v(y);
        return (W(1) - v) * (W(1) + v);
    }
};

}  // namespace xact

#endif
