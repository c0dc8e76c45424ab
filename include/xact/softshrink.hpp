// xact::softshrink: soft thresholding, the proximal operator of lambda |x| (Donoho, "De-noising
// by soft-thresholding", IEEE Trans. Inf. Theory 41(3), 1995).
//
//   f(x) = x - lambda for x > lambda, x + lambda for x < -lambda, else 0
//   f'(x) = 1 for |x| > lambda, else 0 (0 at x = +-lambda, as PyTorch)
//   f'(y) = 1 for y != 0, else 0
// Default lambda = 0.5 (PyTorch); lambda >= 0. softshrink(+-inf) = +-inf, NaN gives NaN. The dead
// zone gives x times 0, as PyTorch: +0 for x in [0, lambda], -0 for x in [-lambda, -0] (the
// function is odd, and so is the sign of its zeros).
// Correctly rounded (0.5 ULP, docs/ACCURACY.md): x -+ lambda is one rounding, exact for |x| <= 2
// lambda; the derivatives exact.
// Cost: a max, a min, a subtract and the sign copy (three bitwise operations; memory bound).
#ifndef XACT_SOFTSHRINK_HPP
#define XACT_SOFTSHRINK_HPP

#include "detail/functor.hpp"

namespace xact {

/// f(x) = sign(x) max(|x| - lambda, 0).
template <class T = float>
struct softshrink {
    T lambda = T(0.5);

    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "softshrink";

    template <class V>
    value<V> forward(V x) const noexcept
    {
        using W = value<V>;
        const W v(x), l(lambda);
        // x minus x clamped to [-lambda, lambda]: x - lambda, x + lambda or x - x = +0, with x's sign
        // put on the result (the zeros of the dead zone; the other results have it already). NaN
        // passes the clamp and stays NaN.
        return detail::copysign(v - detail::min_keep_nan(l, detail::max_keep_nan(-l, v)), v);
    }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        using W = value<V>;
        W v(x);
        return detail::propagate_nan(v, detail::select(detail::abs(v) > W(lambda), W(1), W(0)));
    }

    /// f(x) is nonzero exactly when |x| > lambda (x - lambda > 0 for every float x > lambda).
    template <class V>
    value<V> derivative_from_output(V y) const noexcept
    {
        using W = value<V>;
        W v(y);
        return detail::propagate_nan(v, detail::select(detail::abs(v) > W(0), W(1), W(0)));
    }
};

}  // namespace xact

#endif
