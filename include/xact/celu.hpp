// xact::celu: the continuously differentiable exponential linear unit (Barron, "Continuously
// Differentiable Exponential Linear Units", 2017).
//
//   f(x) = x for x > 0, else alpha (e^(x / alpha) - 1)   (through expm1: accurate near 0)
//   f'(x) = 1 for x > 0, else e^(x / alpha)              (f'(0) = 1 from both sides, as PyTorch)
//   f'(y) = 1 for y > 0, else (y + alpha) / alpha
// Default alpha = 1 (then it is elu, and computed as elu). For alpha != 1, x / alpha is carried as
// an exact sum of two values (the quotient and its residual) into the exponential, so e^(x / alpha)
// keeps its accuracy far into the tail. celu(-inf) = -alpha, celu(-0) = -0, f'(-inf) = 0, NaN
// gives NaN. alpha > 0.
// Measured max error (docs/ACCURACY.md; float: every input on AVX2, double: 10^8 samples):
//   (alpha = 1) float forward 0.95 ULP, derivative 0.91 ULP, f'(y) 0.5 ULP; double 1.12, 0.86 ULP.
// Cost: one exponential and a blend, plus a division (x / alpha) for alpha != 1.
#ifndef XACT_CELU_HPP
#define XACT_CELU_HPP

#include "elu.hpp"

namespace xact {

/// f(x) = x for x > 0, else alpha (e^(x / alpha) - 1).
template <class T = float>
struct celu {
    T alpha = T(1);

    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "celu";

    template <class V>
    value<V> forward(V x) const noexcept
    {
        using W = value<V>;
        W v(x);
        if (alpha == T(1)) return detail::exponential_unit(v, W(1), W(1));
        detail::two<W> z = quotient(v);
        W neg = detail::expm1_scaled_sum(z.hi, z.lo, W(alpha));
        // |x / alpha| < 2^-p: alpha (e^(x / alpha) - 1) = x (1 + x / (2 alpha)) rounds to x (x / alpha
        // may be subnormal, and flushed under FTZ, where x is not)
        constexpr T tiny = T(1) / T(1ULL << std::numeric_limits<T>::digits);
        neg = detail::select(detail::abs(z.hi) < W(tiny), v, neg);
        return detail::select(v >= W(0), v, neg);  // >=: celu(-0) = -0
    }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        using W = value<V>;
        W v(x);
        if (alpha == T(1)) return detail::exponential_unit_derivative(v, W(1), W(1));
        detail::two<W> z = quotient(v);
        return detail::select(v > W(0), detail::propagate_nan(v, W(1)), detail::exp_sum(z.hi, z.lo));
    }

    /// Valid for alpha > 0.
    template <class V>
    value<V> derivative_from_output(V y) const noexcept
    {
        using W = value<V>;
        W v(y);
        if (alpha == T(1)) return detail::exponential_unit_derivative_from_output(v, W(1), W(1));
        return detail::select(v > W(0), detail::propagate_nan(v, W(1)), detail::div(v + W(alpha), W(alpha)));
    }

private:
    /// x / alpha = hi + lo, hi clamped below at -arg_limit (lo = 0 there); NaN stays NaN in hi.
    template <class W>
    detail::two<W> quotient(W x) const noexcept
    {
        constexpr T limit = detail::exp_constants<T>::arg_limit;
        W a(alpha);
        W q = detail::div(x, a);
        W lo = detail::div(detail::residual(q, a, x), a);
        W hi = detail::max_keep_nan(W(-limit), q);
        return {hi, detail::select(q > W(-limit), lo, W(0))};
    }
};

}  // namespace xact

#endif
