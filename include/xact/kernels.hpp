// xact: batch kernels. They run a functor over contiguous arrays with SIMD and know no formula.
//
//   xact::forward(f, x, y)                     y[i] = f(x[i]); y may be x
//   xact::derivative(f, x, d)                  d[i] = f'(x[i]); d may be x
//   xact::backward(f, x, dy, dx)               dx[i] = dy[i] f'(x[i]); dx may be x or dy
//   xact::backward_from_output(f, y, dy, dx)   dx[i] = dy[i] f'(y[i]) from y = f(x)
//   xact::slope_gradient(p, x, dy)             sum dy[i] * p.slope_derivative(x[i]) (prelu)
//
// Each takes contiguous ranges (anything with data() and size(): std::vector, std::array,
// std::span, ...) or pointers and a count. Ranges of different sizes throw std::invalid_argument
// naming both sizes, before anything is written. Outputs may alias an input exactly (in place), not
// partially. Any alignment and any length work: the last, partial batch goes through the same SIMD
// code on a padded copy, so a result does not depend on n or on where the array starts.
// Kernels use the widest instruction set the translation unit is compiled for (xsimd's default
// architecture), or the xsimd architecture A given as xact::forward<A>(f, x, y, n) (the TU must be
// compiled for A); nothing is allocated.
#ifndef XACT_KERNELS_HPP
#define XACT_KERNELS_HPP

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "detail/simd.hpp"

namespace xact {
namespace detail {

template <class T>
using default_batch = xsimd::batch<T, xsimd::default_arch>;

/// True for an xsimd architecture tag (they all have a static name(); version() is gone in xsimd 13).
template <class A, class = void>
struct is_arch : std::false_type {};

template <class A>
struct is_arch<A, std::void_t<decltype(A::name())>> : std::true_type {};

template <class A>
using enable_if_arch = std::enable_if_t<is_arch<A>::value, int>;

/// Copies the tails in_k[i, n) into zero-padded rows and returns op applied to the padded batches.
template <class T, class A = xsimd::default_arch, class Op, class... In, std::size_t... K>
inline xsimd::batch<T, A> apply_padded(std::index_sequence<K...>, std::size_t i, std::size_t n, Op& op,
                                       In const*... in) noexcept
{
    using B = xsimd::batch<T, A>;
    alignas(64) T pad[sizeof...(In)][B::size] = {};
    // plain loops rather than std::copy: code compiled for A calls nothing shared with other ISAs
    for (std::size_t j = i; j < n; ++j) ((pad[K][j - i] = in[j]), ...);
    return op(B::load_unaligned(pad[K])...);
}

/// The pack of the batches at p, p + w, p + 2 w, ...
template <class P, class T>
inline P load_pack(T const* p) noexcept
{
    using B = typename P::batch_type;
    return P(pack_generate{}, [p](auto k) { return B::load_unaligned(p + decltype(k)::value * B::size); });
}

/// out[i] = op(in_0[i], in_1[i], ...) over n elements, a batch at a time; the tail on padded copies.
/// op is taken by value, and the kernels' lambdas hold the functor by value: a local copy cannot alias
/// out, so its parameters are loaded once, not after every store.
template <class T, class A = xsimd::default_arch, class Op, class... In>
XACT_FLATTEN inline void transform(std::size_t n, Op op, T* out, In const*... in) noexcept
{
    using B = xsimd::batch<T, A>;
    constexpr std::size_t w = B::size;
    std::size_t i = 0;
    // Four batches per step as one pack: the formula issues each step for the four back to back
    // (detail/pack.hpp), so four independent dependency chains are always ready to run. An op that
    // takes only batches gets the four one after the other.
    using P = pack<B, 4>;
    for (; i + 4 * w <= n; i += 4 * w) {
        if constexpr (std::is_invocable<Op&, decltype((void)std::declval<In*>(), std::declval<P>())...>::value) {
            P r = op(load_pack<P>(in + i)...);
            for (std::size_t k = 0; k < 4; ++k) r.m[k].store_unaligned(out + i + k * w);
        } else {
            B r0 = op(B::load_unaligned(in + i)...);
            B r1 = op(B::load_unaligned(in + i + w)...);
            B r2 = op(B::load_unaligned(in + i + 2 * w)...);
            B r3 = op(B::load_unaligned(in + i + 3 * w)...);
            r0.store_unaligned(out + i);
            r1.store_unaligned(out + i + w);
            r2.store_unaligned(out + i + 2 * w);
            r3.store_unaligned(out + i + 3 * w);
        }
    }
    for (; i + w <= n; i += w) {
        op(B::load_unaligned(in + i)...).store_unaligned(out + i);
    }
    if (i < n) {
        alignas(64) T result[w];
        apply_padded<T, A>(std::index_sequence_for<In...>{}, i, n, op, in...).store_unaligned(result);
        for (std::size_t j = i; j < n; ++j) out[j] = result[j - i];
    }
}

/// sum over i < n of op(in_0[i], ...), accumulated in SIMD lanes. op must give 0 on zero inputs
/// (the padding of the last batch).
template <class T, class A = xsimd::default_arch, class Op, class... In>
inline T reduce_sum(std::size_t n, Op op, In const*... in) noexcept
{
    using B = xsimd::batch<T, A>;
    constexpr std::size_t w = B::size;
    B acc(T(0));
    std::size_t i = 0;
    for (; i + w <= n; i += w) {
        acc += op(B::load_unaligned(in + i)...);
    }
    if (i < n) {
        acc += apply_padded<T, A>(std::index_sequence_for<In...>{}, i, n, op, in...);
    }
    return detail::reduce_add(acc);
}

// ---------------------------------------------------------------- ranges
template <class R>
using range_value_t = std::remove_cv_t<std::remove_pointer_t<decltype(std::data(std::declval<R&>()))>>;

template <class R, class = void>
struct is_range : std::false_type {};

template <class R>
struct is_range<R, std::void_t<decltype(std::data(std::declval<R&>())), decltype(std::size(std::declval<R&>()))>>
    : std::true_type {};

template <class... R>
using enable_if_ranges = std::enable_if_t<(is_range<R>::value && ...), int>;

template <class F, class R>
constexpr void check_element_type() noexcept
{
    static_assert(std::is_same<range_value_t<R>, typename F::value_type>::value,
                  "xact kernels: the arrays' element type must be the functor's value type");
}

[[noreturn]] inline void throw_size_mismatch(const char* where, const char* a, std::size_t na, const char* b,
                                             std::size_t nb)
{
    throw std::invalid_argument(std::string(where) + ": " + a + " has " + std::to_string(na) + " elements but " +
                                b + " has " + std::to_string(nb));
}

inline void check_same_size(const char* where, const char* a, std::size_t na, const char* b, std::size_t nb)
{
    if (na != nb) throw_size_mismatch(where, a, na, b, nb);
}

}  // namespace detail

// ---------------------------------------------------------------- pointer forms
/// y[i] = f(x[i]) for i < n. y may equal x.
template <class F, class T>
inline void forward(F const& f, const T* x, T* y, std::size_t n) noexcept
{
    detail::transform<T>(n, [f](auto v) { return f.forward(v); }, y, x);
}

/// d[i] = f'(x[i]) for i < n. d may equal x.
template <class F, class T>
inline void derivative(F const& f, const T* x, T* d, std::size_t n) noexcept
{
    detail::transform<T>(n, [f](auto v) { return f.derivative(v); }, d, x);
}

/// dx[i] = dy[i] * f'(x[i]) for i < n. dx may equal x or dy.
template <class F, class T>
inline void backward(F const& f, const T* x, const T* dy, T* dx, std::size_t n) noexcept
{
    detail::transform<T>(n, [f](auto v, auto g) { return g * f.derivative(v); }, dx, x, dy);
}

/// dx[i] = dy[i] * f'(x[i]) computed from y[i] = f(x[i]) (f.derivative_from_output). dx may equal y or dy.
template <class F, class T>
inline void backward_from_output(F const& f, const T* y, const T* dy, T* dx, std::size_t n) noexcept
{
    detail::transform<T>(n, [f](auto v, auto g) { return g * f.derivative_from_output(v); }, dx, y, dy);
}

/// sum over i < n of dy[i] * p.slope_derivative(x[i]): the gradient of a PReLU's slope.
template <class P, class T>
inline T slope_gradient(P const& p, const T* x, const T* dy, std::size_t n) noexcept
{
    return detail::reduce_sum<T>(n, [p](auto v, auto g) { return g * p.slope_derivative(v); }, x, dy);
}

// ---------------------------------------------------------------- pointer forms for an explicit architecture
// xact::forward<A>(f, x, y, n) and so on: the same kernels on batches of xsimd architecture A.
template <class A, class F, class T, detail::enable_if_arch<A> = 0>
inline void forward(F const& f, const T* x, T* y, std::size_t n) noexcept
{
    detail::transform<T, A>(n, [f](auto v) { return f.forward(v); }, y, x);
}

template <class A, class F, class T, detail::enable_if_arch<A> = 0>
inline void derivative(F const& f, const T* x, T* d, std::size_t n) noexcept
{
    detail::transform<T, A>(n, [f](auto v) { return f.derivative(v); }, d, x);
}

template <class A, class F, class T, detail::enable_if_arch<A> = 0>
inline void backward(F const& f, const T* x, const T* dy, T* dx, std::size_t n) noexcept
{
    detail::transform<T, A>(n, [f](auto v, auto g) { return g * f.derivative(v); }, dx, x, dy);
}

template <class A, class F, class T, detail::enable_if_arch<A> = 0>
inline void backward_from_output(F const& f, const T* y, const T* dy, T* dx, std::size_t n) noexcept
{
    detail::transform<T, A>(n, [f](auto v, auto g) { return g * f.derivative_from_output(v); }, dx, y, dy);
}

template <class A, class P, class T, detail::enable_if_arch<A> = 0>
inline T slope_gradient(P const& p, const T* x, const T* dy, std::size_t n) noexcept
{
    return detail::reduce_sum<T, A>(n, [p](auto v, auto g) { return g * p.slope_derivative(v); }, x, dy);
}

// ---------------------------------------------------------------- range forms
template <class F, class X, class Y, detail::enable_if_ranges<X, Y> = 0>
inline void forward(F const& f, X const& x, Y&& y)
{
    detail::check_element_type<F, X>();
    detail::check_same_size("xact::forward", "x", std::size(x), "y", std::size(y));
    forward(f, std::data(x), std::data(y), std::size(x));
}

template <class F, class X, class D, detail::enable_if_ranges<X, D> = 0>
inline void derivative(F const& f, X const& x, D&& d)
{
    detail::check_element_type<F, X>();
    detail::check_same_size("xact::derivative", "x", std::size(x), "d", std::size(d));
    derivative(f, std::data(x), std::data(d), std::size(x));
}

template <class F, class X, class DY, class DX, detail::enable_if_ranges<X, DY, DX> = 0>
inline void backward(F const& f, X const& x, DY const& dy, DX&& dx)
{
    detail::check_element_type<F, X>();
    detail::check_same_size("xact::backward", "x", std::size(x), "dy", std::size(dy));
    detail::check_same_size("xact::backward", "x", std::size(x), "dx", std::size(dx));
    backward(f, std::data(x), std::data(dy), std::data(dx), std::size(x));
}

template <class F, class Y, class DY, class DX, detail::enable_if_ranges<Y, DY, DX> = 0>
inline void backward_from_output(F const& f, Y const& y, DY const& dy, DX&& dx)
{
    detail::check_element_type<F, Y>();
    detail::check_same_size("xact::backward_from_output", "y", std::size(y), "dy", std::size(dy));
    detail::check_same_size("xact::backward_from_output", "y", std::size(y), "dx", std::size(dx));
    backward_from_output(f, std::data(y), std::data(dy), std::data(dx), std::size(y));
}

template <class P, class X, class DY, detail::enable_if_ranges<X, DY> = 0>
inline typename P::value_type slope_gradient(P const& p, X const& x, DY const& dy)
{
    detail::check_element_type<P, X>();
    detail::check_same_size("xact::slope_gradient", "x", std::size(x), "dy", std::size(dy));
    return slope_gradient(p, std::data(x), std::data(dy), std::size(x));
}

}  // namespace xact

#endif
