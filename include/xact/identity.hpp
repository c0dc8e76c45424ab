// xact::identity: the linear activation.
//
//   f(x) = x        f'(x) = 1        f'(y) = 1
// NaN in gives NaN out, derivative too. Exact. Cost: a copy (memory bound).
#ifndef XACT_IDENTITY_HPP
#define XACT_IDENTITY_HPP

#include "detail/functor.hpp"

namespace xact {

/// f(x) = x.
template <class T = float>
struct identity {
    XACT_FUNCTOR_BASICS
    static constexpr const char* name = "identity";

    template <class V>
    value<V> forward(V x) const noexcept { return value<V>(x); }

    template <class V>
    value<V> derivative(V x) const noexcept { return detail::propagate_nan(value<V>(x), value<V>(1)); }

    template <class V>
    value<V> derivative_from_output(V y) const noexcept { return derivative(y); }
};

}  // namespace xact

#endif
