// xact: evaluating a float formula in double precision, for scalars and batches.
//
// Used where a float result needs more than float arithmetic can give cheaply (the error function
// in gelu): the formula is evaluated on double values and rounded once at the end. A batch of
// floats is evaluated as batches of doubles of the same architecture.
#ifndef XACT_DETAIL_WIDEN_HPP
#define XACT_DETAIL_WIDEN_HPP

#include <cmath>

#include "simd.hpp"

namespace xact {
namespace detail {

template <class F>
inline float in_double(float x, F&& f) noexcept { return static_cast<float>(f(static_cast<double>(x))); }

template <class F>
inline double in_double(double x, F&& f) noexcept { return f(x); }

template <class A, class F>
inline xsimd::batch<double, A> in_double(xsimd::batch<double, A> const& x, F&& f) noexcept { return f(x); }

template <class A, class F>
inline xsimd::batch<float, A> in_double(xsimd::batch<float, A> const& x, F&& f) noexcept
{
    using wide = xsimd::batch<double, A>;
    constexpr std::size_t n = xsimd::batch<float, A>::size;
    alignas(64) float in[n];
    alignas(64) double out[n];
    x.store_unaligned(in);
    for (std::size_t j = 0; j < n; j += wide::size) {
        f(wide::load_unaligned(in + j)).store_unaligned(out + j);
    }
    return xsimd::batch<float, A>::load_unaligned(out);
}

/// erfc for double scalars and batches (the values in_double hands a formula).
inline double erfc(double x) noexcept { return std::erfc(x); }

template <class A>
inline xsimd::batch<double, A> erfc(xsimd::batch<double, A> const& x) noexcept { return xsimd::erfc(x); }

}  // namespace detail
}  // namespace xact

#endif
