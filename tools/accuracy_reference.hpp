// xact_accuracy: reference formulas, written once over a wide type R (double or long double).
//
// Each is the exact mathematical function evaluated at R precision in a form without
// cancellation or overflow for finite x; infinities are not passed in (the sweep checks the
// limits at +-inf apart). The sweep picks R per input range: long double where double would not
// be far more accurate than the result it judges.
#ifndef XACT_TOOLS_ACCURACY_REFERENCE_HPP
#define XACT_TOOLS_ACCURACY_REFERENCE_HPP

#include <cmath>
#include <limits>

namespace xact_accuracy {
namespace ref {

constexpr long double selu_lambda = 1.0507009873554804934193349852946L;
constexpr long double selu_alpha = 1.6732632423543772848170429916717L;
constexpr long double sqrt1_2 = 0.70710678118654752440084436210484903928L;   // 1 / sqrt(2)
constexpr long double rsqrt2pi = 0.39894228040143267793994605993438186848L;  // 1 / sqrt(2 pi)
constexpr long double sqrt2_pi = 0.79788456080286535587989211986876373695L;  // sqrt(2 / pi)
constexpr long double gelu_tanh_c = 0.044715L;

/// e^x; 0 below the point where e^x rounds to 0 in R anyway, so libm's underflow path is skipped.
template <class R>
R exp(R x)
{
    using L = std::numeric_limits<R>;
    constexpr R zero_below = R(L::min_exponent - L::digits - 1) * 0.69314718055994530941723212145818L;
    return x < zero_below ? R(0) : std::exp(x);
}

/// 1 / (1 + e^-x), with the exponential's argument never positive.
template <class R>
R logistic(R x)
{
    if (x >= 0) return 1 / (1 + ref::exp(-x));
    R e = ref::exp(x);
    return e / (1 + e);
}

/// s(x) s(-x) = e / (1 + e)^2 with e = e^-|x|.
template <class R>
R logistic_derivative(R x)
{
    R e = ref::exp(-std::fabs(x));
    return e / ((1 + e) * (1 + e));
}

template <class R> R sigmoid(R x) { return logistic(x); }
template <class R> R sigmoid_d(R x) { return logistic_derivative(x); }

template <class R> R tanh(R x) { return std::tanh(x); }
/// sech^2 x = 4 e / (1 + e)^2 with e = e^-2|x|.
template <class R> R tanh_d(R x) { return 4 * logistic_derivative(2 * x); }

/// x for x > 0, else slope x (leaky_relu, prelu); its derivative 1 or slope.
template <class R> R linear_unit(R x, R slope) { return x > 0 ? x : slope * x; }
template <class R> R linear_unit_d(R x, R slope) { return x > 0 ? R(1) : slope; }

template <class R> R elu(R x) { return x > 0 ? x : std::expm1(x); }
template <class R> R elu_d(R x) { return x > 0 ? R(1) : ref::exp(x); }

// selu over parameters of type T: the functor's members are the constants rounded to T, and those
// are the function it computes (their product is formed exactly in R).
template <class T, class R> R selu_l() { return R(T(selu_lambda)); }
template <class T, class R> R selu_la() { return R(T(selu_lambda)) * R(T(selu_alpha)); }
template <class T, class R> R selu(R x) { return x > 0 ? selu_l<T, R>() * x : selu_la<T, R>() * std::expm1(x); }
template <class T, class R> R selu_d(R x) { return x > 0 ? selu_l<T, R>() : selu_la<T, R>() * ref::exp(x); }

template <class R> R swish(R x) { return x * logistic(x); }
template <class R> R swish_d(R x) { return logistic(x) + x * logistic_derivative(x); }

template <class R> R gelu(R x) { return x * std::erfc(-x * R(sqrt1_2)) / 2; }
template <class R> R gelu_d(R x)
{
    return std::erfc(-x * R(sqrt1_2)) / 2 + x * ref::exp(-x * x / 2) * R(rsqrt2pi);
}

/// 2u = 2 sqrt(2/pi) (x + 0.044715 x^3).
template <class R> R gelu_tanh_z(R x) { return 2 * R(sqrt2_pi) * (x + R(gelu_tanh_c) * x * x * x); }
template <class R> R gelu_tanh(R x) { return x * logistic(gelu_tanh_z(x)); }
template <class R> R gelu_tanh_d(R x)
{
    R z = gelu_tanh_z(x);
    R dz = 2 * R(sqrt2_pi) * (1 + 3 * R(gelu_tanh_c) * x * x);
    return logistic(z) + x * dz * logistic_derivative(z);
}

// The piecewise functions: rational, so R holds them to its own precision; 1/6 exact in R's terms.
template <class R> R hardsigmoid(R x) { return x <= -3 ? R(0) : x >= 3 ? R(1) : (x + 3) / 6; }
template <class R> R hardsigmoid_d(R x) { return x > -3 && x < 3 ? R(1) / 6 : R(0); }
template <class R> R hardswish(R x) { return x <= -3 ? R(0) : x >= 3 ? x : x * (x + 3) / 6; }
template <class R> R hardswish_d(R x) { return x <= -3 ? R(0) : x >= 3 ? R(1) : (2 * x + 3) / 6; }
template <class R> R clamp(R x, R lo, R hi) { return x < lo ? lo : x > hi ? hi : x; }
template <class R> R clamp_d(R x, R lo, R hi) { return x > lo && x < hi ? R(1) : R(0); }
template <class R> R softshrink(R x, R l) { return x > l ? x - l : x < -l ? x + l : R(0); }
template <class R> R shrink_d(R x, R l) { return std::fabs(x) > l ? R(1) : R(0); }
template <class R> R hardshrink(R x, R l) { return std::fabs(x) > l ? x : R(0); }
template <class R> R softsign(R x) { return x / (1 + std::fabs(x)); }
template <class R> R softsign_d(R x) { R a = 1 + std::fabs(x); return 1 / (a * a); }

// f'(y) at an output y, exactly as the derivative of the function at the x with f(x) = y.
template <class R> R sigmoid_o(R y) { return y * (1 - y); }
template <class R> R tanh_o(R y) { return (1 - y) * (1 + y); }
template <class R> R elu_o(R y) { return y > 0 ? R(1) : y + 1; }
template <class R> R hardsigmoid_o(R y) { return y > 0 && y < 1 ? R(1) / 6 : R(0); }
template <class R> R softsign_o(R y) { R t = 1 - std::fabs(y); return t * t; }
// lambda alpha as an exact pair in T (R may not hold the product of two doubles exactly)
template <class T, class R> R selu_o(R y)
{
    if (y > 0) return selu_l<T, R>();
    T l = T(selu_lambda), a = T(selu_alpha), hi = l * a, lo = std::fma(l, a, -hi);
    return (y + R(hi)) + R(lo);
}

}  // namespace ref
}  // namespace xact_accuracy

#endif
