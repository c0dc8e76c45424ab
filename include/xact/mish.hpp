// xact::mish: x tanh(softplus(x)) (Misra, "Mish: A Self Regularized Non-Monotonic Activation
// Function", 2019).
//
//   f(x) = x tanh(log(1 + e^x)) = x w (w + 2) / (w (w + 2) + 2),  w = e^x
//   f'(x) = tanh(sp) + x s(x) sech^2(sp) = w ((w + 2) D + 4 x (1 + w)) / D^2,  D = w (w + 2) + 2
// No logarithm and no tanh are formed: with e = e^-|x| = m 2^n (never overflows),
//   x < 0:  f = 2^n x m (e + 2) / D,             f' = 2^n m ((e + 2) D + 4 x (1 + e)) / D^2,  D = e (e + 2) + 2
//   x >= 0: f = x (1 + 2e) / P,                  f' = ((1 + 2e) P + 4 x e^2 (1 + e)) / P^2,    P = 1 + 2e + 2e^2
// 2^n applied last (the tail x e^x stays accurate into the subnormals). mish(-inf) = 0,
// mish(+inf) = +inf, f'(-inf) = 0, f'(+inf) = 1, mish(-0) = -0, NaN gives NaN. No
// derivative_from_output: x is not a function of y (f is not monotonic).
// Measured max error (docs/ACCURACY.md; float: every input on AVX2, double: 10^8 samples):
//   float forward 3.81 ULP, derivative 3.43 ULP away from its root at x = -1.19 (2^-24 absolute
//   near it); double 3.69, 3.13 ULP (2^-53 near the root).
// Cost: one exponential and two divisions (forward), three (derivative).
#ifndef XACT_MISH_HPP
#define XACT_MISH_HPP

#include "detail/functor.hpp"

namespace xact {

/// f(x) = x tanh(log(1 + e^x)).
template <class T = float>
struct mish {
    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "mish";
    /// f' has an interior root (at x = -1.1924): the 16-bit kernels recompute results near it.
    static constexpr bool derivative_has_root = true;

    template <class V>
    value<V> forward(V x) const noexcept
    {
        using W = value<V>;
        W v(x);
        detail::logistic_tail<W> l = detail::logistic_reduce<false>(v, W(0));
        W p = detail::expm1_reduced(l.h);  // m = 1 + p, kept unrounded
        W e = detail::scalef(p + W(1), l.n);
        // x < 0 (x = -a; -a m 2^n rounds to 0 beyond arg_limit, x = -inf included):
        //   -2^n (a + a p) (e + 2) / (e (e + 2) + 2)
        W e2 = e + W(2);
        W qn = detail::fnma(l.a, p, -l.a) * detail::div(e2, detail::fma(e, e2, W(2)));
        // x >= 0: x - x t, t = 2 e^2 / P (a = x where t != 0; x = +inf gives +inf)
        W ee = detail::opaque(e * e);  // rounded: not fused into ee + ee (scalar and vector alike)
        W t = detail::div(ee + ee, detail::fma(e + e, e + W(1), W(1)));
        W qp = detail::fnma(l.a, t, v);
        // |x| below 2^-40 (float) or 2^-60 (double): 0.6 x, whose relative error x / 3 is then below
        // half an ULP (x t would be subnormal, and flushed under FTZ, where there is no fused
        // multiply-add and 0.6 x is normal)
        constexpr T linear = std::numeric_limits<T>::digits <= 24 ? T(0x1p-40) : T(0x1p-60);
        qp = detail::select(l.a < W(linear), v * W(T(0.6)), qp);
        return detail::propagate_nan(v, detail::scalef_where(l.neg, qn, l.n, qp));
    }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        using W = value<V>;
        W v(x);
        detail::logistic_tail<W> l = detail::logistic_reduce<false>(v, W(0));
        W p = detail::expm1_reduced(l.h);
        W e = detail::scalef(p + W(1), l.n);
        W e1 = e + W(1);
        // x < 0 (x = -a), e = e^x = 2^n (1 + p): f' = e G / D^2 with D = e (e + 2) + 2 and
        // G = (e + 2) D - 4 a (1 + e), expanded in e: ((e + 4) e + 6 - 4a) e + 4 (1 - a), D^2 =
        // n (n + 4) + 4 with n = e^2 + 2e, each rounded once (n by one fused multiply-add: e (e + 2)
        // with e + 2 rounded first put 4.2 ULP into f' at x = -0.5967). On (-1/2, 0), where nothing
        // cancels and G and D^2 are large (rounded far from f'), f' = T (1 - K) instead, T =
        // tanh(sp) = e (e + 2) / D, K = -x s(x) sech^2(sp) / T = 4 a (1 + e) / ((e + 2) D): T - T K,
        // K <= 0.2.
        W e2 = e + W(2);
        W n = detail::fma(e, e, e + e);
        W g = detail::fma(detail::fma(e + W(4), e, detail::fnma(W(4), l.a, W(6))), e, W(4) * (W(1) - l.a));
        W qg = detail::div(detail::fma(p, g, g), detail::fma(n, n + W(4), W(4)));
        W d = detail::fma(e, e2, W(2));
        W t = detail::div(detail::fma(p, e2, e2), d);
        W k = detail::div(W(4) * l.a * e1, e2 * d);
        W qn = detail::select(l.a < W(T(0.5)), detail::fnma(t, k, t), qg);
        // x >= 0 (x = a): 1 + 2 e^2 (2 a (1 + e) - P) / P^2, P = 1 + 2e + 2e^2 (a e^2 is 0 at +inf)
        W pp = detail::fma(e + e, e1, W(1));
        W c = detail::div(detail::fma(l.a + l.a, e1, -pp), pp * pp);
        W ee = detail::opaque(e * e);
        W qp = detail::fma(ee + ee, c, W(1));
        return detail::propagate_nan(v, detail::scalef_where(l.neg, qn, l.n, qp));
    }
};

}  // namespace xact

#endif
