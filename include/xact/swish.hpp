// xact::swish and xact::silu: x times the logistic of beta x (Ramachandran, Zoph and Le,
// "Searching for Activation Functions", 2017; SiLU: Elfwing, Uchibe and Doya, 2018, beta = 1).
//
//   f(x) = x s(beta x),  s(z) = 1 / (1 + e^-z)
//   f'(x) = s(z) + z s(z) (1 - s(z)),  z = beta x
// beta x is carried as an exact sum of two floats into the exponential (for beta = 1 it is x), so the tail
// (swish(-90) = -7.4e-38) keeps full accuracy. swish(-inf) = 0, f'(+inf) = 1 (beta > 0; beta = 0 is
// x / 2 everywhere, infinities included), NaN in x or beta gives NaN.
// Measured max error (docs/ACCURACY.md; float: every input, double: 10^8 samples):
//   float forward 3.34 ULP, derivative 3.22 ULP away from its root at x = -1.28 (2^-24 absolute
//   near it); double 3.00, 3.16 ULP.
// Cost: one exponential and one division; SiLU on AVX-512: 17 instructions per batch forward,
//   24 backward.
#ifndef XACT_SWISH_HPP
#define XACT_SWISH_HPP

#include "detail/functor.hpp"

namespace xact {

/// f(x) = x / (1 + e^(-beta x)).
template <class T = float>
struct swish {
    T beta = T(1);

    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "swish";
    /// f' has an interior root (at beta x = -1.2785), near which the float kernel is accurate to
    /// 2^-24 absolute where |beta x| < 4: the 16-bit kernels recompute results there.
    static constexpr bool derivative_has_root = true;
    T derivative_root_scale() const noexcept { return beta; }

    template <class V>
    value<V> forward(V x) const noexcept
    {
        using W = value<V>;
        W v(x);
        if (beta == T(1)) return detail::x_logistic<false>(v, v, W(0));  // SiLU: z = x exactly
        if (beta != beta) return W(beta);  // NaN in every lane (the clamp of z would drop it)
        if (beta == T(0)) return W(T(0.5)) * v;  // x / 2, also at x = +-inf (where beta x is NaN)
        detail::two<W> z = detail::two_prod(W(beta), v);
        return detail::x_logistic(v, z.hi, z.lo);
    }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        using W = value<V>;
        W v(x);
        if (beta == T(1)) return derivative_at<false>(v, W(0));  // SiLU: z = x exactly
        if (beta != beta) return W(beta);
        if (beta == T(0)) return detail::propagate_nan(v, W(T(0.5)));
        detail::two<W> z = detail::two_prod(W(beta), v);
        return derivative_at<true>(z.hi, z.lo);
    }

private:
    /// f' = s(z) + z s(z) (1 - s(z)) at z = z_hi + z_lo (w = z, clamped).
    template <bool HasLo, class W>
    static W derivative_at(W z_hi, W z_lo) noexcept
    {
        detail::logistic_exp<W> e = detail::logistic_exp_reduce<HasLo>(z_hi, z_lo);
        W w = detail::clamp_symmetric(z_hi, detail::exp_constants<T>::arg_limit);
        return detail::x_logistic_derivative(e, detail::x_logistic_c(e, w));
    }
};

/// SiLU is swish with beta = 1.
template <class T = float>
using silu = swish<T>;

}  // namespace xact

#endif
