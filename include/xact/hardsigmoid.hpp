// xact::hardsigmoid: the piecewise-linear logistic of MobileNetV3 (Howard et al., "Searching for
// MobileNetV3", ICCV 2019).
//
//   f(x) = relu6(x + 3) / 6 = clamp(x / 6 + 1/2, 0, 1)
//   f'(x) = 1/6 for -3 < x < 3, else 0 (0 at both kinks, as PyTorch)
//   f'(y) = 1/6 for 0 < y < 1, else 0
// hardsigmoid(-inf) = 0, hardsigmoid(+inf) = 1, NaN gives NaN. 1/6 is the constant rounded to T.
// Not relu6(x + 3) / 6, whose x + 3 rounds: x is clamped to [-3, 3], x + 3 is carried exactly as
// a sum of two values and multiplied by 1/6 held as two values, with one final rounding, so the
// result is correctly rounded but for near-ties, and below 1 for every x < 3 (the forward then
// gives back the right f'(y) just below the kink). That needs a fused multiply-add: without one
// (SSE2) the products round apart, within 1 ULP, and hardsigmoid(3 - ulp) may round to 1 (double).
// Measured max error (docs/ACCURACY.md; float: every input, double: 10^8 samples): forward
// 0.50 ULP, derivative and f'(y) 0.33 ULP (1/6 rounded), float and double; tests/test_hardsigmoid
// checks the correct rounding on every 7th float of [-3, 3] (within 1 ULP without FMA, SSE2).
// Cost: 8 instructions per batch (clamp, a two-sum, two fused multiply-adds); memory bound.
#ifndef XACT_HARDSIGMOID_HPP
#define XACT_HARDSIGMOID_HPP

#include "hardtanh.hpp"

namespace xact {
namespace detail {

/// 1/6 as hi + lo: hi = 1/6 rounded to T, lo = (1/6 - hi) rounded.
template <class T>
struct sixth;

template <>
struct sixth<float> {
    static constexpr float hi = 0x1.555556p-3f;   // 0.16666667
    static constexpr float lo = -0x1.555556p-28f;  // -4.9670539e-09
};

template <>
struct sixth<double> {
    static constexpr double hi = 0x1.5555555555555p-3;  // 0.16666666666666666
    static constexpr double lo = 0x1.5555555555555p-57; // 9.2518585385429707e-18
};

/// (u + 3) / 6 for |u| <= 6 (or NaN), rounded once but for a term of about 2^-20 ULP. u + 3 = s + e
/// exactly with e = u - (s - 3), the fast two-sum's error term, exact here for every |u| <= 6
/// (s - 3 is exact: for |u| <= 3 as 3 >= |u|, for u in (3, 6] as s is in [6, 9], for u < -3 as
/// s = u + 3 is itself exact); then (s + e)(hi + lo) = s hi + (s lo + e hi), the small term first.
template <class V>
inline V plus3_over6(V u) noexcept
{
    using T = scalar_t<V>;
    const V three(T(3)), hi(sixth<T>::hi), lo(sixth<T>::lo);
    V s = u + three;
    V e = u - (s - three);
    return detail::fma(s, hi, detail::fma(s, lo, e * hi));
}

}  // namespace detail

/// f(x) = clamp(x / 6 + 1/2, 0, 1).
template <class T = float>
struct hardsigmoid {
    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "hardsigmoid";

    template <class V>
    value<V> forward(V x) const noexcept
    {
        // (-3 + 3) / 6 = +0 and (3 + 3) / 6 = 1: the clamped x needs no clamp of the result
        return detail::plus3_over6(detail::clamp_keep_nan(value<V>(x), value<V>(-3), value<V>(3)));
    }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        value<V> v(x);
        return detail::propagate_nan(
            v, detail::select((v > value<V>(-3)) && (v < value<V>(3)), value<V>(detail::sixth<T>::hi), value<V>(0)));
    }

    /// y = f(x) is in (0, 1) exactly when x is in (-3, 3): the forward rounds to neither end inside.
    template <class V>
    value<V> derivative_from_output(V y) const noexcept
    {
        value<V> v(y);
        return detail::propagate_nan(
            v, detail::select((v > value<V>(0)) && (v < value<V>(1)), value<V>(detail::sixth<T>::hi), value<V>(0)));
    }
};

}  // namespace xact

#endif
