// xact::elu: the exponential linear unit (Clevert, Unterthiner and Hochreiter, 2016).
//
//   f(x) = x for x > 0, else alpha (e^x - 1)   (through expm1: accurate near 0)
//   f'(x) = 1 for x > 0, else alpha e^x        (f'(0) = alpha, as PyTorch)
//   f'(y) = 1 for y > 0, else y + alpha        (alpha >= 0)
// Default alpha = 1. elu(-inf) = -alpha, NaN gives NaN.
// Measured max error (docs/ACCURACY.md; float: every input, double: 10^8 samples):
//   float forward 0.95 ULP, derivative 0.91 ULP, f'(y) 0.5 ULP; double 1.12, 0.86 ULP.
// Cost: one exponential (alpha folded into its power of two, n ln 2 subtracted in one step: e^x is
// only added to -1 here) and a blend: 14 instructions per batch on AVX-512, plus the store.
#ifndef XACT_ELU_HPP
#define XACT_ELU_HPP

#include "detail/functor.hpp"

namespace xact {
namespace detail {

/// scale * (x for x > 0, else alpha (e^x - 1)); shared by elu and selu. scale * alpha is carried
/// as an exact sum of two values, so that f'(y) = y + scale alpha keeps its accuracy near its zero.
template <class V>
inline V exponential_unit(V x, V scale, V alpha) noexcept
{
    V neg = detail::expm1_scaled<1, 1>(max_keep_nan(V(-exp_constants<scalar_t<V>>::arg_limit), x), scale * alpha);
    return detail::select(x >= V(0), scale * x, neg);  // >=: -0 gives scale * -0 = -0
}

template <class V>
inline V exponential_unit_derivative(V x, V scale, V alpha) noexcept
{
    // scale alpha e^x with the factor applied before the power of two: where e^x alone is
    // subnormal (x < -87.3 in float) and the product is not, nothing is rounded or flushed early
    exp_split<V> s = exp_argument(max_keep_nan(V(-exp_constants<scalar_t<V>>::arg_limit), x));
    V e = scalef(exp_reduced(s.h) * (scale * alpha), s.n);
    return detail::select(x > V(0), propagate_nan(x, scale), e);
}

template <class V>
inline V exponential_unit_derivative_from_output(V y, V scale, V alpha) noexcept
{
    two<V> sa = two_prod(scale, alpha);
    return detail::select(y > V(0), propagate_nan(y, scale), (y + sa.hi) + sa.lo);
}

}  // namespace detail

/// f(x) = x for x > 0, else alpha (e^x - 1).
template <class T = float>
struct elu {
    T alpha = T(1);

    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "elu";

    template <class V>
    value<V> forward(V x) const noexcept
    {
        return detail::exponential_unit(value<V>(x), value<V>(1), value<V>(alpha));
    }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        return detail::exponential_unit_derivative(value<V>(x), value<V>(1), value<V>(alpha));
    }

    /// Valid for alpha >= 0.
    template <class V>
    value<V> derivative_from_output(V y) const noexcept
    {
        return detail::exponential_unit_derivative_from_output(value<V>(y), value<V>(1), value<V>(alpha));
    }
};

}  // namespace xact

#endif
