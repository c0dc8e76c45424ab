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
// 1.49 ULP float, 1.48 ULP double (the product with the correctly rounded hardsigmoid), derivative
// 0.50 ULP both.
// Cost: hardsigmoid's 8 instructions, a product, a compare and a blend (memory bound); the
// derivative 13.
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
        W v(x), c = detail::clamp_keep_nan(v, W(-3), W(3));
        // c (c + 3) / 6 as c times the correctly rounded hardsigmoid: -3 gives -3 x 0 = -0, also at
        // -inf; from 3 up x itself (inf included)
        return detail::select(v >= W(3), v, c * detail::plus3_over6(c));
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
