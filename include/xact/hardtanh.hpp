// xact::hardtanh: the clamp to [min_val, max_val], a piecewise-linear tanh (Collobert, "Large
// Scale Machine Learning", PhD thesis, 2004).
//
//   f(x) = min(max(x, min_val), max_val)
//   f'(x) = 1 for min_val < x < max_val, else 0 (0 at both kinks, as PyTorch)
//   f'(y) = 1 for min_val < y < max_val, else 0
// Defaults min_val = -1, max_val = 1 (PyTorch); min_val <= max_val. hardtanh(-inf) = min_val,
// hardtanh(+inf) = max_val, NaN gives NaN (forward and derivative). Inside the interval x passes
// through unchanged, so hardtanh(-0) = -0 when min_val < 0 <= max_val (PyTorch's clamp too).
// Exact. Cost: a max and a min (memory bound); the derivative two compares and a blend.
#ifndef XACT_HARDTANH_HPP
#define XACT_HARDTANH_HPP

#include "detail/functor.hpp"

namespace xact {
namespace detail {

/// x clamped to [lo, hi] (lo <= hi), NaN kept; -0 passes through wherever 0 is inside.
template <class V>
inline V clamp_keep_nan(V x, V lo, V hi) noexcept
{
    return min_keep_nan(hi, max_keep_nan(lo, x));
}

/// 1 for lo < x < hi, else 0; NaN for NaN.
template <class V>
inline V clamp_derivative(V x, V lo, V hi) noexcept
{
    return propagate_nan(x, detail::select((x > lo) && (x < hi), V(1), V(0)));
}

}  // namespace detail

/// f(x) = clamp(x, min_val, max_val).
template <class T = float>
struct hardtanh {
    T min_val = T(-1);
    T max_val = T(1);

    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "hardtanh";

    template <class V>
    value<V> forward(V x) const noexcept
    {
        return detail::clamp_keep_nan(value<V>(x), value<V>(min_val), value<V>(max_val));
    }

    template <class V>
    value<V> derivative(V x) const noexcept
    {
        return detail::clamp_derivative(value<V>(x), value<V>(min_val), value<V>(max_val));
    }

    /// y = f(x) is strictly inside (min_val, max_val) exactly when x is.
    template <class V>
    value<V> derivative_from_output(V y) const noexcept { return derivative(y); }
};

}  // namespace xact

#endif
