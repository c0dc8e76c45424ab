// xact: what every functor shares: the value types it accepts.
#ifndef XACT_DETAIL_FUNCTOR_HPP
#define XACT_DETAIL_FUNCTOR_HPP

#include <type_traits>
#include <utility>

#include "math.hpp"

namespace xact {
namespace detail {

/// The value a functor over T computes with for an argument of type V: T for any arithmetic V
/// (so `sigmoid<float>{}(2.1)` works), xsimd::batch<T, A> for a batch of T, the pack for a pack of
/// such batches (the kernels' main loop, detail/pack.hpp), nothing otherwise.
template <class T, class V, class = void>
struct value_for {};

template <class T, class V>
struct value_for<T, V, std::enable_if_t<std::is_arithmetic<V>::value>> {
    using type = T;
};

template <class T, class A>
struct value_for<T, xsimd::batch<T, A>, void> {
    using type = xsimd::batch<T, A>;
};

template <class T, class A, std::size_t N>
struct value_for<T, pack<xsimd::batch<T, A>, N>, void> {
    using type = pack<xsimd::batch<T, A>, N>;
};

template <class T, class V>
using value_for_t = typename value_for<T, V>::type;

template <class T>
constexpr bool is_value_type = std::is_same<T, float>::value || std::is_same<T, double>::value;

/// Whether the functor F has derivative_from_output (f'(y) from y = f(x)): the functions whose x
/// is a cheap function of y.
template <class F, class = void>
struct has_derivative_from_output : std::false_type {};

template <class F>
struct has_derivative_from_output<F, std::void_t<decltype(std::declval<F const&>().derivative_from_output(
                                         std::declval<typename F::value_type>()))>> : std::true_type {};

}  // namespace detail
}  // namespace xact

/// What every functor over T opens with: the value type check, value_type, and the call
/// operator (f(x) is f.forward(x)).
#define XACT_FUNCTOR_BASICS                                                       \
    static_assert(detail::is_value_type<T>, "xact functors take float or double"); \
    using value_type = T;                                                        \
    template <class V>                                                           \
    using value = detail::value_for_t<T, V>;                                     \
    template <class V>                                                           \
    value<V> operator()(V x) const noexcept                     \
    {                                                                            \
        return forward(x);                                                       \
    }

#endif
