// xact::softsign: a rational sigmoid-shaped function with polynomial tails (Elliott, "A better
// activation function for artificial neural networks", 1993; Glorot and Bengio, AISTATS 2010).
//
//   f(x) = x / (1 + |x|)
//   f'(x) = 1 / (1 + |x|)^2, formed as s s with s = 1 / (1 + |x|): (1 + |x|)^2 would overflow
//           from |x| = 1.8e19 in float, and softsign'(1e20) = 1e-40 is a subnormal, kept
//   f'(y) = (1 - |y|)^2
// No parameters. softsign(+-inf) = +-1, softsign'(+-inf) = 0, NaN gives NaN, softsign(-0) = -0.
// Measured max error (docs/ACCURACY.md; float: every input, double: 10^8 samples): forward
// 1.00 ULP, derivative 1.91 ULP, f'(y) 1.91 ULP (float; double 1.00, 1.91, 1.90).
// 1 + |x| is carried exactly as a two-sum, so that neither direction rounds it.
// Cost: one division each way and about 12 more instructions (bound by the divider).
#ifndef XACT_SOFTSIGN_HPP
#define XACT_SOFTSIGN_HPP

#include "detail/functor.hpp"

namespace xact {

/// f(x) = x / (1 + |x|).
template <class T = float>
struct softsign {
    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "softsign";

    template <class V>
    value<V> forward(V x) const noexcept
    {
        using W = value<V>;
        W v = clamped(W(x));
        detail::two<W> a = detail::two_sum(W(1), detail::abs(v));
        W q = detail::div(v, a.hi);
        // x / (hi + lo) = q (1 - lo / hi), and 1 / hi is 1 - |q| to a relative 2^-24; the sign of x
        // put back for -0 (-0 + 0 is +0)
        W k = a.lo * (W(1) - detail::abs(q));
        return detail::copysign(detail::fnma(q, k, q), v);
    }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        using W = value<V>;
        detail::two<W> a = detail::two_sum(W(1), detail::abs(clamped(W(x))));
        W r = detail::div(W(1), a.hi);
        // 1 / (hi + lo) = r (1 + t) with t = (1 - r hi) - lo r, the first term exact: r (1 + t) is
        // 1 / (1 + |x|) rounded once (up to 2^-24 ULP), then squared
        W t = detail::fnma(a.lo, r, detail::fnma(r, a.hi, W(1)));
        W s = detail::fma(r, t, r);
        return s * s;
    }

    template <class V>
    value<V> derivative_from_output(V y) const noexcept
    {
        using W = value<V>;
        W t = W(1) - detail::abs(W(y));
        return t * t;
    }

private:
    /// x clamped to +-2^80 in float, +-2^600 in double, where the results no longer change (f = +-1,
    /// f' = 0): 1 + |x| is then finite and its two-sum has no inf - inf; NaN kept.
    template <class W>
    static W clamped(W x) noexcept
    {
        return detail::clamp_symmetric(x, T(sizeof(T) == 4 ? 0x1p80 : 0x1p600));
    }
};

}  // namespace xact

#endif
