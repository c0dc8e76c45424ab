// xact: the complementary error function, as the parts gelu needs, for scalars and batches.
// gelu<double> uses it; gelu<float> has a cheaper one-piece form of its own (gelu.hpp,
// tools/fit/fit_gelu.py). The float constants below still serve erfc_reduce on float values.
//
// For t >= 0, erfc(t) = e^(-t^2) Q(t) with Q(t) = erfc(t) e^(t^2), a smooth function that falls
// from 1 at t = 0 like 1 / (t sqrt(pi)). Q is a polynomial in t - 0.75 on [0, 1.5] (piece a) and
// y times a polynomial in y - y_mid on [1.5, t_max], y = 2 / (2 + t) (piece b); both pieces are
// evaluated and one is selected per lane. The reduced variables and the last Horner step are carried
// with their rounding errors (Q is about as sensitive to y as y is to itself). The coefficients are Chebyshev fits made with mpmath by
// tools/fit/fit_erfc.py, rounded one at a time with the lower ones refitted, and with the constant
// term kept as hi + lo. The exponential gets t^2 as an exact sum of two values, so the tail does
// not amplify the rounding of t (erfc(9) is near e^-81: an error of 2^-24 in t^2 would cost 5 ULP).
// The derivative of Q, 2tQ - 2/sqrt(pi), carries the rounding error of t into Q.
#ifndef XACT_DETAIL_ERFC_HPP
#define XACT_DETAIL_ERFC_HPP

#include "math.hpp"

namespace xact {
namespace detail {

template <class T>
struct erfc_constants;

template <>
struct erfc_constants<float> {
    static constexpr float split = 1.5f;    // piece a below, piece b above
    static constexpr float t_max = 10.5f;   // beyond it e^(-t^2) is 0 in float
    static constexpr float y_mid = 0x1.767dcep-2f;
    // piece a: Q(t) on [0, 1.5] in s = t - 0.75: degree 12, fit error 1.78e-8 relative
    static constexpr float a[] = {
        0x1.b13d54p-15f,  // 5.164618051e-5
        -0x1.3a4dap-13f,  // -0.0001498714555
        0x1.6466aap-12f,  // 0.0003398905101
        -0x1.e2c4d2p-11f,  // -0.0009208084666
        0x1.3fd3e8p-9f,  // 0.002440092154
        -0x1.8cf49cp-8f,  // -0.006057060324
        0x1.d436c2p-7f,  // 0.0142887542
        -0x1.054baep-5f,  // -0.03189643845
        0x1.1193p-4f,  // 0.06679058075
        -0x1.09e784p-3f,  // -0.1298361123
        0x1.d90094p-3f,  // 0.2309581339
        -0x1.78cdd6p-2f,  // -0.3679727018
        0x1.038d54p-1f,  // 0.506937623
    };
    static constexpr float a_lo = 0x1.d47b06p-26f;
    // piece b: Q(t) / y on [1.5, t_max] in s = y - y_mid, y = 2 / (2 + t): degree 10, fit error 2.71e-9 relative
    static constexpr float b[] = {
        0x1.ad609cp-6f,  // 0.0262071155
        -0x1.85b3f4p-4f,  // -0.0951423198
        -0x1.597ebap-7f,  // -0.01054367144
        0x1.d98398p-4f,  // 0.1156040132
        0x1.a640dp-7f,  // 0.01288614422
        -0x1.38e2cep-3f,  // -0.1527763456
        -0x1.501af2p-4f,  // -0.08205694705
        0x1.b9655p-3f,  // 0.2155252695
        0x1.f02904p-2f,  // 0.4845314622
        0x1.17c26ap-1f,  // 0.5464051366
        0x1.b677aap-2f,  // 0.4281908572
    };
    static constexpr float b_lo = -0x1.3da2ap-27f;
};

template <>
struct erfc_constants<double> {
    static constexpr double split = 1.5;    // piece a below, piece b above
    static constexpr double t_max = 27.5;   // beyond it e^(-t^2) is 0 in double
    static constexpr double y_mid = 0x1.474885e37c974p-2;
    // piece a: Q(t) on [0, 1.5] in s = t - 0.75: degree 24, fit error 4.64e-17 relative
    static constexpr double a[] = {
        0x1.3a0faaef9c21ep-36,  // 1.785231245e-11
        -0x1.31c4640dc8697p-34,  // -6.952340111e-11
        0x1.c96fc9ea3f49ap-33,  // 2.08018116e-10
        -0x1.ad88bcd33ca4ap-31,  // -7.813180332e-10
        0x1.9686f6ae83d58p-29,  // 2.957874688e-9
        -0x1.6e341e4a2c8abp-27,  // -1.065792711e-8
        0x1.4225e634820b3p-25,  // 3.750296821e-8
        -0x1.1571c354b40d1p-23,  // -1.291951103e-7
        0x1.d27f55c065e31p-22,  // 4.344595617e-7
        -0x1.7e46dff15c6c5p-20,  // -1.424092258e-6
        0x1.30ecbc790f55ap-18,  // 4.543732865e-6
        -0x1.d8baf9a72e7d2p-17,  // -1.408846295e-5
        0x1.63723564be4cp-15,  // 4.23724803e-5
        -0x1.02b1604588cep-13,  // -0.0001233543755
        0x1.6b982c1d2979bp-12,  // 0.0003467506629
        -0x1.ec0cf4e30f3adp-11,  // -0.0009385120615
        0x1.3f81897ce8b7fp-9,  // 0.002437637361
        -0x1.8c97dd4ea4df1p-8,  // -0.006051532297
        0x1.d43a7c7a661a4p-7,  // 0.01428919867
        -0x1.054d68295b23ep-5,  // -0.03189726204
        0x1.1192f5bd6877dp-4,  // 0.06679054253
        -0x1.09e77d40e0239p-3,  // -0.129836062
        0x1.d90093ae10927p-3,  // 0.2309581316
        -0x1.78cdd551ee51ap-2,  // -0.3679726917
        0x1.038d54ea3d834p-1,  // 0.5069376503
    };
    static constexpr double a_lo = -0x1.ec2134d851665p-55;
    // piece b: Q(t) / y on [1.5, t_max] in s = y - y_mid, y = 2 / (2 + t): degree 24, fit error 3.02e-17 relative
    static constexpr double b[] = {
        0x1.7af97764db0adp-4,  // 0.09252306593
        -0x1.301bdd41cf8c1p+0,  // -1.187925175
        0x1.0ee77eb18a72ep-1,  // 0.5291099159
        0x1.954b0c3f62953p-1,  // 0.7915881946
        -0x1.60b5fead2f905p-1,  // -0.6888885104
        -0x1.4f8e64e33d40ep-3,  // -0.1638458139
        0x1.ea53f7fe7e4dbp-2,  // 0.4788359403
        -0x1.0408f12a73f43p-3,  // -0.1269701806
        -0x1.e74736daecd66p-3,  // -0.2379287992
        0x1.7cc463e086112p-3,  // 0.1859214595
        0x1.55619fac04d5bp-4,  // 0.08334505436
        -0x1.4b8896789c76p-3,  // -0.1618816143
        -0x1.aa0dee418192cp-8,  // -0.006501074474
        0x1.055dd7aabdf55p-3,  // 0.1276203965
        -0x1.9e0d4e60f1a37p-6,  // -0.02527172712
        -0x1.b9fb363a4d3dp-4,  // -0.1079055899
        0x1.18f2917ab1dcap-5,  // 0.03429535307
        0x1.c986123e6c98cp-4,  // 0.1117001259
        -0x1.8e0d42432c2e4p-6,  // -0.02429515334
        -0x1.359a8e562d332p-3,  // -0.1511736984
        -0x1.7f9ab2b049606p-5,  // -0.04682669544
        0x1.d1b8b8850963fp-3,  // 0.2274031082
        0x1.d0b7fecfc9252p-2,  // 0.4538268866
        0x1.019a98ccda4adp-1,  // 0.5031326056
        0x1.9db488dc228fap-2,  // 0.4040089974
    };
    static constexpr double b_lo = -0x1.254a70506ad55p-59;
};

/// c[0] s^(N-1) + ... + c[N-1] + c_lo at s + s_lo, the last step compensated: the product and sum
/// of the last step are error-free and s_lo enters through the first two terms of the derivative.
template <class V, class T, std::size_t N>
inline V horner_compensated(V s, V s_lo, const T (&c)[N], T c_lo) noexcept
{
    V p = V(c[0]);
    for (std::size_t i = 1; i + 1 < N; ++i) p = detail::fma(p, s, V(c[i]));
    V slope = detail::fma(V(2 * c[N - 3]), s, V(c[N - 2]));  // P'(s), near enough for s_lo
    two<V> ps = two_prod(p, s);
    two<V> sum = two_sum(V(c[N - 1]), ps.hi);
    return sum.hi + (sum.lo + (ps.lo + detail::fma(slope, s_lo, V(c_lo))));
}

/// erfc(t) for t = t_hi + t_lo >= 0, as q e^(-t^2) with e^(-t^2) in parts: erfc = q (1 + p) 2^n.
/// Past t_max, t is clamped (erfc is 0 there in T, through e^(-t^2)).
template <class V>
struct erfc_parts {
    V q;
    exp_parts<V> e;
};

template <class V>
inline erfc_parts<V> erfc_reduce(V t_hi, V t_lo) noexcept
{
    using C = erfc_constants<scalar_t<V>>;
    V t = min_keep_nan(V(C::t_max), t_hi);
    V dt = detail::select(t_hi < V(C::t_max), t_lo, V(0));
    // piece a: a polynomial in t - split/2
    two<V> sa = two_sum(t, V(-C::split / 2));
    V qa = horner_compensated(sa.hi, sa.lo, C::a, C::a_lo);
    // piece b: y P(y - y_mid), y = 2 / (2 + t) carried as y + y_lo
    two<V> d = two_sum(V(2), t);
    V y = detail::div(V(2), d.hi);
    V y_lo = (detail::fma(-y, d.hi, V(2)) - y * d.lo) * (V(0.5) * y);
    two<V> sb = two_sum(y, V(-C::y_mid));
    V pb = horner_compensated(sb.hi, sb.lo + y_lo, C::b, C::b_lo);
    two<V> yp = two_prod(y, pb);
    V qb = yp.hi + detail::fma(y_lo, pb, yp.lo);
    V q = detail::select(t < V(C::split), qa, qb);
    // Q(t + dt) = Q(t) + dt (2 t Q(t) - 2 / sqrt(pi))
    constexpr scalar_t<V> two_rsqrt_pi = scalar_t<V>(1.1283791670955125738961589031215452L);
    q = detail::fma(dt, detail::fma(V(2) * t, q, V(-two_rsqrt_pi)), q);
    // t^2 = hi + lo
    two<V> sq = two_prod(t, t);
    V sq_lo = detail::fma(V(2) * t, dt, sq.lo);
    return {q, exp_reduce(-sq.hi, -sq_lo)};
}

}  // namespace detail
}  // namespace xact

#endif
