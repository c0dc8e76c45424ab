// xact::prelu_forward / prelu_backward: PReLU with one learnable slope per channel (He, Zhang, Ren
// and Sun, "Delving Deep into Rectifiers", 2015), over x laid out [N][channels][inner] row-major.
//
//   y = x for x > 0, else alpha[c] x                         (xact::prelu's formula, per channel)
//   dx = dy for x > 0, else alpha[c] dy
//   dalpha[c] = sum over N and inner of dy * min(x, 0)       (assigned, not accumulated)
// NaN in x gives NaN in y, dx and that channel's dalpha. Max error: y and dx 0.5 ULP; dalpha is a
// sum kept in SIMD lanes; where those partial sums overflow (or give NaN) although the inputs are
// finite, the channel is summed again in a wider type, so dalpha is inf only when the sum itself
// is out of range. Cost: memory bound (when dx overwrites x or dy, dalpha is a separate read pass).
// y may be x; dx may be x or dy. Nothing is allocated.
#ifndef XACT_PRELU_CHANNELS_HPP
#define XACT_PRELU_CHANNELS_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "kernels.hpp"
#include "prelu.hpp"

namespace xact {
namespace detail {

inline void check_channels(const char* where, std::size_t n, std::size_t n_alpha, std::size_t channels,
                           std::size_t inner)
{
    if (channels == 0 || inner == 0) {
        throw std::invalid_argument(std::string(where) + ": channels (" + std::to_string(channels) + ") and inner (" +
                                    std::to_string(inner) + ") must both be positive");
    }
    const std::size_t block = checked_product(where, "channels", channels, "inner", inner);
    if (n % block != 0) {
        throw std::invalid_argument(std::string(where) + ": x has " + std::to_string(n) +
                                    " elements, not a multiple of channels (" + std::to_string(channels) +
                                    ") x inner (" + std::to_string(inner) + ") = " + std::to_string(block));
    }
    check_same_size(where, "alpha", n_alpha, "channels", channels);
}

/// Where the lane sums of dalpha[c] came out infinite or NaN, the sum again in a wider type
/// (double for float; long double for double, which has a wider exponent on x86 and aarch64), so
/// partial sums that overflow give the finite sum (+3e38 + 3e38 - 3e38 = 3e38) and only a sum that
/// is itself out of range, or an infinite or NaN input, gives inf or NaN. Channels c0 up to c1.
template <class T>
inline void prelu_dalpha_overflow(const T* x, const T* dy, T* dalpha, std::size_t n, std::size_t channels,
                                  std::size_t inner, std::size_t c0 = 0, std::size_t c1 = std::size_t(-1)) noexcept
{
    using W = std::conditional_t<std::is_same<T, float>::value, double, long double>;
    const std::size_t block = channels * inner;
    for (std::size_t c = c0; c < channels && c <= c1; ++c) {
        if (std::isfinite(dalpha[c])) continue;
        W sum = 0;
        for (std::size_t r = c * inner; r < n; r += block)
            for (std::size_t i = r; i < r + inner; ++i) sum += x[i] > T(0) ? W(0) : W(dy[i]) * W(x[i]);
        dalpha[c] = static_cast<T>(sum);
    }
}

/// PReLU over bfloat16 / float16 arrays with float slopes: each product formed exactly in double
/// and rounded once (round-to-odd to float, then to the 16-bit type), so every result is the
/// correctly rounded one; dalpha[c] summed in double and rounded to float.
template <class H, class X, class A, class Y>
inline void half_prelu_forward(X const& x, A const& alpha, Y&& y, std::size_t channels, std::size_t inner)
{
    static_assert(std::is_same<range_value_t<A>, float>::value, "xact::prelu_forward: 16-bit arrays take float slopes");
    static_assert(std::is_same<range_value_t<Y>, H>::value, "xact::prelu_forward: x and y of one type");
    check_same_size("xact::prelu_forward", "x", std::size(x), "y", std::size(y));
    check_channels("xact::prelu_forward", std::size(x), std::size(alpha), channels, inner);
    const H* px = std::data(x);
    const float* pa = std::data(alpha);
    H* py = std::data(y);
    const std::size_t n = std::size(x);
    ieee_scope<detail::default_arch> env;
    for (std::size_t i = 0, c = 0, k = 0; i < n; ++i) {
        const float v = half_to_float<detail::default_arch>(px[i]);
        py[i] = v > 0 || v != v ? half_from_float<detail::default_arch, H>(v)
                                : half_from_float<detail::default_arch, H>(round_to_odd<detail::default_arch>(double(pa[c]) * v));
        if (++k == inner) {
            k = 0;
            c = c + 1 == channels ? 0 : c + 1;
        }
    }
}

template <class H, class X, class A, class DY, class DX, class DA>
inline void half_prelu_backward(X const& x, A const& alpha, DY const& dy, DX&& dx, DA&& dalpha, std::size_t channels,
                                std::size_t inner)
{
    const char* where = "xact::prelu_backward";
    static_assert(std::is_same<range_value_t<A>, float>::value && std::is_same<range_value_t<DA>, float>::value,
                  "xact::prelu_backward: 16-bit arrays take float slopes and give float slope gradients");
    static_assert(std::is_same<range_value_t<DY>, H>::value && std::is_same<range_value_t<DX>, H>::value,
                  "xact::prelu_backward: x, dy and dx of one type");
    check_same_size(where, "x", std::size(x), "dy", std::size(dy));
    check_same_size(where, "x", std::size(x), "dx", std::size(dx));
    check_channels(where, std::size(x), std::size(alpha), channels, inner);
    check_same_size(where, "dalpha", std::size(dalpha), "channels", channels);
    const H* px = std::data(x);
    const float* pa = std::data(alpha);
    const H* pdy = std::data(dy);
    H* pdx = std::data(dx);
    float* pda = std::data(dalpha);
    const std::size_t n = std::size(x);
    ieee_scope<detail::default_arch> env;
    for (std::size_t c = 0; c < channels; ++c) pda[c] = 0;
    // per channel: the sum in double (exact products of a 16-bit x and dy), one rounding at the end
    double sum = 0;
    std::size_t c = 0, k = 0;
    auto flush = [&] {
        pda[c] += static_cast<float>(sum);
        sum = 0;
    };
    for (std::size_t i = 0; i < n; ++i) {
        const float v = half_to_float<detail::default_arch>(px[i]), g = half_to_float<detail::default_arch>(pdy[i]);
        if (!(v > 0)) sum += double(g) * double(v);
        pdx[i] = v > 0 ? half_from_float<detail::default_arch, H>(g)
                       : half_from_float<detail::default_arch, H>(round_to_odd<detail::default_arch>(
                             v != v ? double(v) : double(pa[c]) * double(g)));
        if (++k == inner) {
            k = 0;
            flush();
            c = c + 1 == channels ? 0 : c + 1;
        }
    }
}

}  // namespace detail

/// y = PReLU(x) with slope alpha[c] on channel c; x is [N][channels][inner]. y may be x.
template <class X, class A, class Y, detail::enable_if_ranges<X, A, Y> = 0>
inline void prelu_forward(X const& x, A const& alpha, Y&& y, std::size_t channels, std::size_t inner)
{
    using T = detail::range_value_t<X>;
    if constexpr (detail::is_half<T>::value) {
        detail::half_prelu_forward<T>(x, alpha, y, channels, inner);
    } else {
    using B = detail::default_batch<T>;
    detail::check_element_type<prelu<T>, A>();
    detail::check_element_type<prelu<T>, Y>();
    detail::check_same_size("xact::prelu_forward", "x", std::size(x), "y", std::size(y));
    detail::check_channels("xact::prelu_forward", std::size(x), std::size(alpha), channels, inner);
    const T* px = std::data(x);
    const T* pa = std::data(alpha);
    T* py = std::data(y);
    const std::size_t n = std::size(x);
    if (inner == 1) {  // [N][channels]: the slopes run along each row
        auto f = [](B v, B a) { return detail::linear_unit(v, a); };
        for (std::size_t r = 0; r < n; r += channels) detail::transform<T>(channels, f, py + r, px + r, pa);
        return;
    }
    for (std::size_t r = 0, c = 0; r < n; r += inner, c = c + 1 == channels ? 0 : c + 1) {
        const B a(pa[c]);
        auto f = [&a](B v) { return detail::linear_unit(v, a); };
        detail::transform<T>(inner, f, py + r, px + r);
    }
    }
}

/// dx = dy * PReLU'(x) and dalpha[c] = sum of dy * min(x, 0) over channel c (assigned). dx may be
/// x or dy.
template <class X, class A, class DY, class DX, class DA, detail::enable_if_ranges<X, A, DY, DX, DA> = 0>
inline void prelu_backward(X const& x, A const& alpha, DY const& dy, DX&& dx, DA&& dalpha, std::size_t channels,
                           std::size_t inner)
{
    using T = detail::range_value_t<X>;
    if constexpr (detail::is_half<T>::value) {
        detail::half_prelu_backward<T>(x, alpha, dy, dx, dalpha, channels, inner);
    } else {
    using B = detail::default_batch<T>;
    const char* where = "xact::prelu_backward";
    detail::check_element_type<prelu<T>, A>();
    detail::check_element_type<prelu<T>, DY>();
    detail::check_element_type<prelu<T>, DX>();
    detail::check_element_type<prelu<T>, DA>();
    detail::check_same_size(where, "x", std::size(x), "dy", std::size(dy));
    detail::check_same_size(where, "x", std::size(x), "dx", std::size(dx));
    detail::check_channels(where, std::size(x), std::size(alpha), channels, inner);
    detail::check_same_size(where, "dalpha", std::size(dalpha), "channels", channels);
    const T* px = std::data(x);
    const T* pa = std::data(alpha);
    const T* pdy = std::data(dy);
    T* pdx = std::data(dx);
    T* pda = std::data(dalpha);
    const std::size_t n = std::size(x), block = channels * inner;
    const prelu<T> p{};  // only its slope_derivative, which does not depend on the slope
    auto slope_term = [&p](B v, B g) { return g * p.slope_derivative(v); };
    // dalpha first and dx after when dx overwrites x or dy, since a non-finite dalpha[c] is then
    // recomputed from them; otherwise one pass does both
    const bool alias = pdx == px || pdx == pdy;
    constexpr std::size_t w = detail::lane_count<B>;
    if (inner == 1) {  // [N][channels]: the lanes run over channels, dalpha is the accumulator
        std::fill(pda, pda + channels, T(0));
        auto add_term = [&](B d, B v, B g) { return d + slope_term(v, g); };
        auto dx_of = [](B v, B g, B a) { return g * detail::linear_unit_derivative(v, a); };
        for (std::size_t r = 0; r < n; r += channels) {
            detail::transform<T>(channels, add_term, pda, static_cast<const T*>(pda), px + r, pdy + r);
            if (!alias) detail::transform<T>(channels, dx_of, pdx + r, px + r, pdy + r, pa);
        }
        detail::prelu_dalpha_overflow(px, pdy, pda, n, channels, inner);
        if (alias)
            for (std::size_t r = 0; r < n; r += channels) detail::transform<T>(channels, dx_of, pdx + r, px + r, pdy + r, pa);
        return;
    }
    for (std::size_t c = 0; c < channels; ++c) {  // the lanes of acc run along the channel's blocks
        const B a(pa[c]);
        auto dx_of = [&a](B v, B g) { return g * detail::linear_unit_derivative(v, a); };
        B acc(T(0));
        for (std::size_t r = c * inner; r < n; r += block) {
            const T* xr = px + r;
            const T* gr = pdy + r;
            std::size_t i = 0;
            for (; i + w <= inner; i += w) acc += slope_term(detail::load_unaligned<B>(xr + i), detail::load_unaligned<B>(gr + i));
            if (i < inner) acc += detail::apply_padded<T>(i, inner, slope_term, xr, gr);
            if (!alias) detail::transform<T>(inner, dx_of, pdx + r, xr, gr);
        }
        pda[c] = detail::reduce_add(acc);
        if (alias) {
            detail::prelu_dalpha_overflow(px, pdy, pda, n, channels, inner, c, c);
            for (std::size_t r = c * inner; r < n; r += block) detail::transform<T>(inner, dx_of, pdx + r, px + r, pdy + r);
        }
    }
    if (!alias) detail::prelu_dalpha_overflow(px, pdy, pda, n, channels, inner);
    }
}

}  // namespace xact

#endif
