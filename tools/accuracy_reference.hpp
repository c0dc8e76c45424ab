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

// ---------------------------------------------------------------- softplus, mish and the rest
/// log(1 + e^x) = max(x, 0) + log1p(e^-|x|): no overflow, accurate in both tails.
template <class R> R softplus(R x) { return (x > 0 ? x : R(0)) + std::log1p(ref::exp(-std::fabs(x))); }
template <class R> R softplus_d(R x) { return logistic(x); }
template <class R> R softplus_o(R y) { return -std::expm1(-y); }

template <class R> R logsigmoid(R x) { return (x < 0 ? x : R(0)) - std::log1p(ref::exp(-std::fabs(x))); }
template <class R> R logsigmoid_d(R x) { return logistic(-x); }
template <class R> R logsigmoid_o(R y) { return -std::expm1(y); }

/// x tanh(softplus(x)); sech^2 as 1 / cosh^2 (1 - tanh^2 cancels where softplus is large).
template <class R> R mish(R x) { return x * std::tanh(softplus(x)); }
template <class R> R mish_d(R x)
{
    R sp = softplus(x), c = std::cosh(sp);
    return std::tanh(sp) + x * logistic(x) / (c * c);
}

template <class R> R celu(R x) { return elu(x); }
template <class R> R celu_d(R x) { return elu_d(x); }
template <class R> R celu_o(R y) { return elu_o(y); }

/// x - tanh x: below |x| = 1/4 its Taylor series (x - tanh x loses 3 / x^2 to cancellation), 14
/// terms: the next is below 2^-64 relative there.
template <class R> R tanhshrink(R x)
{
    if (std::fabs(x) >= 0.25L) return x - std::tanh(x);
    static constexpr long double c[] = {
        0.3333333333333333333333333L,      -0.1333333333333333333333333L,    0.05396825396825396825396825L,
        -0.02186948853615520282186949L,    0.008863235529902196568863236L,   -0.003592128036572481016925461L,
        0.001455834387051318268249485L,    -0.000590027440945585981378076L,  0.0002391291142435524814857315L,
        -0.00009691537956929450325595875L, 0.00003927832388331683405337081L, -0.00001591890506932896474074428L,
        0.000006451689215655430763190842L, -0.000002614771151290754554263594L};
    R y = x * x, p = 0;
    for (int i = 13; i >= 0; --i) p = p * y + R(c[i]);
    return x * y * p;
}
template <class R> R tanhshrink_d(R x)
{
    R t = std::tanh(x);
    return t * t;
}

/// s(hi + lo) with hi and lo held exactly (c x as an exact pair: R may not hold the product).
template <class R> R logistic_pair(R hi, R lo)
{
    // far out e^-hi is 0 or inf and |lo| may be large too (half an ULP of hi): e^(-hi) e^(-lo)
    // would be 0 times inf. There the sum hi + lo is as good (the result is 1, 0 or e^(hi + lo))
    if (std::fabs(hi) > 512) return logistic(hi + lo);
    if (hi + lo >= 0) return 1 / (1 + ref::exp(-hi) * ref::exp(-lo));
    R e = ref::exp(hi) * ref::exp(lo);
    return e / (1 + e);
}

/// x s(c x) for c = 1.702 rounded to T, the product c x formed exactly in T.
template <class T, class R> R quick_gelu(T x)
{
    const T c = T(1.702L), hi = c * x, lo = std::isinf(hi) ? T(0) : std::fma(c, x, -hi);
    return R(x) * logistic_pair(R(hi), R(lo));
}
template <class T, class R> R quick_gelu_d(T x)
{
    const T c = T(1.702L), hi = c * x, lo = std::isinf(hi) ? T(0) : std::fma(c, x, -hi);
    R s = logistic_pair(R(hi), R(lo)), sm = logistic_pair(-R(hi), -R(lo));
    return s == 0 || sm == 0 ? s : s + (R(hi) + R(lo)) * s * sm;  // 0 and 1 where c x is -inf, +inf
}

}  // namespace ref
}  // namespace xact_accuracy

#endif
