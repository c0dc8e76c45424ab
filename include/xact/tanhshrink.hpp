// xact::tanhshrink: x - tanh(x) (PyTorch's Tanhshrink).
//
//   f(x) = x - tanh x, odd; for |x| < 1: x^3 g(x^2), g(y) = (x - tanh x) / x^3 = 1/3 - 2/15 y + ...
//          a polynomial (a Chebyshev fit on [0, 1], tools/fit/fit_tanhshrink.py), so that nothing
//          cancels near 0; for |x| >= 1: (|x| - 1) + 2 e / (1 + e), e = e^-2|x|, two terms >= 0
//   f'(x) = tanh^2 x: for |x| < 1, x^2 (1 - q (2 - q)) with q = x^2 g(x^2) (tanh x = x (1 - q));
//           for |x| >= 1, 1 - sech^2 x (sech^2 as tanh's derivative)
// tanhshrink(+-inf) = +-inf, tanhshrink(-0) = -0, f'(+-inf) = 1, NaN gives NaN. No
// derivative_from_output (x is not a cheap function of y).
// Measured max error (docs/ACCURACY.md; float: every input on AVX2, double: 10^8 samples):
//   float forward 3.26 ULP, derivative 2.32 ULP; double 3.10, 2.14 ULP.
// Cost: forward a degree-8 (double: 15) polynomial in x^2 and one exponential with one division,
// blended; derivative the same polynomial, and one exponential with one division.
#ifndef XACT_TANHSHRINK_HPP
#define XACT_TANHSHRINK_HPP

#include "detail/functor.hpp"

namespace xact {
namespace detail {

template <class T>
struct tanhshrink_constants;

// g(y) = (x - tanh x) / x^3 at x = sqrt(y), y in [0, 1]: Chebyshev fits at 60 digits, rounded to
// T, within 0.54 x 2^-24 (float) and 0.5 x 2^-53 (double) relative, the rounding of 1/3 included.
// Highest degree first.
template <>
struct tanhshrink_constants<float> {
    static constexpr float g[] = {0x1.969254p-15f,  -0x1.6217ecp-12f, 0x1.459fc8p-10f,
                                  -0x1.c7eb48p-9f,  0x1.2137f4p-7f,   -0x1.66324ap-6f,
                                  0x1.ba1a40p-5f,   -0x1.11110ep-3f,  0x1.555556p-2f};
};

template <>
struct tanhshrink_constants<double> {
    static constexpr double g[] = {
        -0x1.b028f6cb72ebfp-26, 0x1.1ab979c0ab58cp-22,  -0x1.7238a0a7e22b6p-20, 0x1.4eb911dcd9788p-18,
        -0x1.ea19b73b128d8p-17, 0x1.42090e21d3d28p-15,  -0x1.94981e5bdbe6fp-14, 0x1.f5211730ee038p-13,
        -0x1.3551ae34bdfffp-11, 0x1.7da2bdc3daa27p-10,  -0x1.d6d3c538d0bbep-9,  0x1.226e3519865dfp-7,
        -0x1.664f4880d2a47p-6,  0x1.ba1ba1ba1453ep-5,   -0x1.11111111110b9p-3,  0x1.5555555555555p-2};
};

}  // namespace detail

/// f(x) = x - tanh(x).
template <class T = float>
struct tanhshrink {
    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "tanhshrink";

    template <class V>
    value<V> forward(V x) const noexcept
    {
        using W = value<V>;
        constexpr T limit = detail::exp_constants<T>::arg_limit / 2;
        W v(x);
        W a = detail::abs(v);
        W y = a * a;
        W small = (a * y) * detail::horner(y, detail::tanhshrink_constants<T>::g);
        detail::exp_split<W> s = detail::exp_argument<-2>(detail::min_keep_nan(W(limit), a));
        W m = detail::exp_reduced<2>(s.h);
        W t = detail::div(detail::scalef(m, s.n + W(1)), W(1) + detail::scalef(m, s.n));
        W large = (a - W(1)) + t;
        return detail::copysign(detail::select(a < W(1), small, large), v);
    }

    /// tanh^2 x: for |x| < 1, tanh x = x (1 - q) with q = x^2 g(x^2) (the forward polynomial), so
    /// tanh^2 x = y (1 - q (2 - q)), y = x^2, rounded once from y; for |x| >= 1, 1 - sech^2 x
    /// (sech^2 x <= 0.42 there, as tanh's derivative: 4 e / (1 + e)^2, e = e^-2|x|).
    template <class V>
    value<V> derivative(V x) const noexcept
    {
        using W = value<V>;
        W a = detail::abs(W(x));
        W y = a * a;
        W q = y * detail::horner(y, detail::tanhshrink_constants<T>::g);
        W small = detail::fnma(y, q * (W(2) - q), y);
        W large = W(1) - detail::logistic_derivative<2, 2>(a);
        return detail::select(a < W(1), small, large);
    }
};

}  // namespace xact

#endif
