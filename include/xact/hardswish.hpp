// xact::hardswish: x times hardsigmoid(x), the piecewise-polynomial swish of MobileNetV3 (Howard
// et al., "Searching for MobileNetV3", ICCV 2019).
//
//   f(x) = x relu6(x + 3) / 6: 0 for x <= -3, x (x + 3) / 6 for -3 < x < 3, x for x >= 3
//   f'(x) = 0 for x <= -3, (2x + 3) / 6 for -3 < x < 3, 1 for x >= 3
// No parameters. hardswish(+inf) = +inf, hardswish(-inf) = -0, NaN gives NaN. Signs of zero:
// hardswish(-0) = -0 (x times 1/2), and -0 for every x <= -3 (x times 0, as PyTorch gives them).
// Nothing overflows: x (x + 3) and 6 x are never formed; above 3 the result is x itself
// (hardswish(3e38) = 3e38). The derivative's root x = -1.5 is exact: 2x + 3 is carried exactly.
// Measured max error (docs/ACCURACY.md; float: every input, double: 10^8 samples): forward
// 2.48 ULP float, 2.45 ULP double (four roundings: c + 3, 1/6, the two products), derivative
// 0.50 ULP both.
// Cost: the forward is a max, a min, an add and two products per batch (no compare, no blend);
// the derivative 13.
// No f'(y): the function is not monotonic, so y does not determine x.
#ifndef XACT_HARDSWISH_HPP
#define XACT_HARDSWISH_HPP

#include "hardsigmoid.hpp"

namespace xact {

/// f(x) = x clamp(x / 6 + 1/2, 0, 1).
template <class T = float>
struct hardswish {
    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "hardswish";

    template <class V>
    value<V> forward(V x) const noexcept
    {
        using W = value<V>;
        // m = max(x, -3) times h = (min(m, 3) + 3) / 6: from 3 up h is 6 times 1/6 rounded to T,
        // which rounds to 1 exactly in float and double, so the result is x itself (inf included);
        // at -3 and below -3 x 0 = -0, also at -inf. c + 3 is exact near -3 (Sterbenz), so the
        // small results keep their relative accuracy.
        const W m = detail::max_keep_nan(W(-3), W(x));
        const W h = (detail::min_keep_nan(W(3), m) + W(3)) * W(detail::sixth<T>::hi);
        return m * h;
    }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        using W = value<V>;
        W v(x), c = detail::clamp_keep_nan(v, W(-3), W(3));
        W inner = detail::plus3_over6(c + c);  // (2x + 3) / 6, 2x exact
        return detail::select(v <= W(-3), W(0), detail::select(v >= W(3), W(1), inner));
    }
};

}  // namespace xact

#endif
