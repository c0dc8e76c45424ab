// xact::softplus: a smooth relu (Dugas, Bengio, Belisle, Nadeau and Garcia, "Incorporating
// Second-Order Functional Knowledge for Better Option Pricing", NIPS 2000; PyTorch's Softplus).
//
//   f(x) = log(1 + e^(beta x)) / beta = max(x, 0) + log(1 + e^-|beta x|) / beta
//   f'(x) = s(beta x),  s(z) = 1 / (1 + e^-z)
//   f'(y) = 1 - e^(-beta y)   (through expm1)
// Default beta = 1 (PyTorch's; its threshold, past which it returns x, is not needed: the formula is
// exact for every x). beta x is carried as an exact sum of two values into the exponential, so the
// tail e^(beta x) / beta keeps its accuracy into the subnormals (softplus(-100) = 3.7e-44 in float);
// the linear part is x itself, never (beta x) / beta. softplus(-inf) = 0, softplus(+inf) = +inf
// (beta > 0), NaN in x or beta gives NaN.
// Measured max error (docs/ACCURACY.md; float: every input on AVX2, double: 10^8 samples):
//   float forward 1.69 ULP, derivative 2.40 ULP, f'(y) 1.00 ULP; double 1.61, 2.45, 1.12 ULP;
//   worst subnormal result 0.84 subnormal steps.
// Cost: one exponential and one logarithm near 1 (two divisions): forward; one exponential and one
// division: derivative.
#ifndef XACT_SOFTPLUS_HPP
#define XACT_SOFTPLUS_HPP

#include "detail/functor.hpp"

namespace xact {

/// f(x) = log(1 + e^(beta x)) / beta.
template <class T = float>
struct softplus {
    T beta = T(1);

    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "softplus";

    template <class V>
    value<V> forward(V x) const noexcept
    {
        using W = value<V>;
        W v(x);
        if (beta == T(1)) {
            W l = detail::softplus_tail<false>(v, W(0));
            return detail::propagate_nan(v, detail::select(v > W(0), v + l, l));
        }
        if (beta != beta) return W(beta);
        detail::two<W> z = detail::two_prod(W(beta), v);
        detail::logistic_tail<W> t = detail::logistic_reduce<true>(z.hi, z.lo);
        W m = detail::exp_reduced(t.h);
        // log(1 + e) / beta, e = m 2^n; where e < 2^-40, log(1 + e) = e to far below a rounding and
        // the result is 2^n (m / beta), scaled last: for beta < 1 it may be normal where e is not
        W l = detail::div(detail::log1p_unit(detail::scalef(m, t.n)), W(beta));
        l = detail::scalef_where(t.n < W(-40), detail::div(m, W(beta)), t.n, l);
        return detail::propagate_nan(v, detail::select(z.hi > W(0), v + l, l));
    }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        using W = value<V>;
        W v(x);
        if (beta == T(1)) return detail::propagate_nan(v, detail::logistic_sum<false>(v, W(0)));
        if (beta != beta) return W(beta);
        detail::two<W> z = detail::two_prod(W(beta), v);
        return detail::propagate_nan(v, detail::logistic_sum<true>(z.hi, z.lo));
    }

    /// 1 - e^(-beta y), for beta > 0.
    template <class V>
    value<V> derivative_from_output(V y) const noexcept
    {
        using W = value<V>;
        return detail::one_minus_exp(beta == T(1) ? -W(y) : W(-beta) * W(y));
    }
};

}  // namespace xact

#endif
