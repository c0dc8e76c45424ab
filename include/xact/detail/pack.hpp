// xact: pack<B, N>, N batches that a formula treats as one value.
//
// A transcendental's batch code is one long dependency chain (about 50 cycles for a sigmoid) whose
// throughput cost is far smaller. Running a formula on four separate batches one after the other
// leaves the out-of-order window full of one chain's waiting instructions; running it on a pack
// issues every step for the four batches back to back, so four independent chains are always ready.
// Every operation of a pack applies the batch operation to each member, so the results are those of
// the batch code, bit for bit. The kernels use packs for their main loop; formulas never name them.
#ifndef XACT_DETAIL_PACK_HPP
#define XACT_DETAIL_PACK_HPP

#include <cstddef>
#include <type_traits>
#include <utility>

#include "config.hpp"

namespace xact {
namespace detail {

template <class B, std::size_t N>
struct pack;

/// Tag of the pack constructor that builds member k as g(std::integral_constant<std::size_t, k>).
struct pack_generate {};

template <class V>
struct is_pack : std::false_type {};

template <class B, std::size_t N>
struct is_pack<pack<B, N>> : std::true_type {};

/// The pack whose k-th member is f(a.m[k], b.m[k], ...).
template <std::size_t N, class F, class... P, std::size_t... K>
inline auto pack_map_impl(std::index_sequence<K...>, F const& f, P const&... p) noexcept
{
    using R = decltype(f(p.m[0]...));
    return pack<R, N>(pack_generate{}, [&](auto k) { return f(p.m[decltype(k)::value]...); });
}

template <class F, class P0, class... P>
inline auto pack_map(F const& f, P0 const& p0, P const&... p) noexcept
{
    constexpr std::size_t n = P0::members;
    return pack_map_impl<n>(std::make_index_sequence<n>{}, f, p0, p...);
}

template <class B, std::size_t N>
struct pack {
    using batch_type = B;
    static constexpr std::size_t members = N;

    B m[N];

    pack() = default;
    /// Every member set to s (a pack of batches is built from a scalar like a batch is).
    template <class S, std::enable_if_t<std::is_arithmetic<S>::value, int> = 0>
    pack(S s) noexcept : pack(std::make_index_sequence<N>{}, s)
    {
    }
    template <class G>
    pack(pack_generate, G const& g) noexcept : pack(std::make_index_sequence<N>{}, pack_generate{}, g)
    {
    }

    pack operator-() const noexcept { return pack_map([](B const& a) { return -a; }, *this); }
    auto operator!() const noexcept { return pack_map([](B const& a) { return !a; }, *this); }
    auto operator~() const noexcept { return pack_map([](B const& a) { return ~a; }, *this); }

private:
    template <class S, std::size_t... K>
    pack(std::index_sequence<K...>, S s) noexcept : m{((void)K, B(s))...}
    {
    }
    template <std::size_t... K, class G>
    pack(std::index_sequence<K...>, pack_generate, G const& g) noexcept
        : m{g(std::integral_constant<std::size_t, K>{})...}
    {
    }
};

// Binary operators between packs, and between a pack and a scalar (broadcast).
#define XACT_PACK_BINARY(op)                                                                       \
    template <class B, class C, std::size_t N>                                                     \
    inline auto operator op(pack<B, N> const& a, pack<C, N> const& b) noexcept                     \
    {                                                                                              \
        return pack_map([](B const& x, C const& y) { return x op y; }, a, b);                      \
    }                                                                                              \
    template <class B, class S, std::size_t N, std::enable_if_t<std::is_arithmetic<S>::value, int> = 0> \
    inline auto operator op(pack<B, N> const& a, S s) noexcept                                     \
    {                                                                                              \
        return pack_map([s](B const& x) { return x op s; }, a);                                    \
    }                                                                                              \
    template <class B, class S, std::size_t N, std::enable_if_t<std::is_arithmetic<S>::value, int> = 0> \
    inline auto operator op(S s, pack<B, N> const& a) noexcept                                     \
    {                                                                                              \
        return pack_map([s](B const& x) { return s op x; }, a);                                    \
    }

XACT_PACK_BINARY(+)
XACT_PACK_BINARY(-)
XACT_PACK_BINARY(*)
XACT_PACK_BINARY(&)
XACT_PACK_BINARY(|)
XACT_PACK_BINARY(^)
XACT_PACK_BINARY(<)
XACT_PACK_BINARY(<=)
XACT_PACK_BINARY(>)
XACT_PACK_BINARY(>=)
XACT_PACK_BINARY(==)
XACT_PACK_BINARY(!=)
XACT_PACK_BINARY(&&)
XACT_PACK_BINARY(||)
#undef XACT_PACK_BINARY

template <class B, std::size_t N>
inline pack<B, N>& operator+=(pack<B, N>& a, pack<B, N> const& b) noexcept { return a = a + b; }
template <class B, std::size_t N>
inline pack<B, N>& operator-=(pack<B, N>& a, pack<B, N> const& b) noexcept { return a = a - b; }
template <class B, std::size_t N>
inline pack<B, N>& operator*=(pack<B, N>& a, pack<B, N> const& b) noexcept { return a = a * b; }

}  // namespace detail
}  // namespace xact

/// For a function f of namespace xact::detail with batch (and scalar) overloads: the overload for
/// packs, f applied to each member. XACT_PACK_OVERLOAD(f, k) takes k values of one type (a
/// `template <class V> V f(V, ...)` is less specialized, so this one is chosen over it);
/// XACT_PACK_OVERLOAD_MASKED(f, k) takes a mask and k - 1 values. Declare it after f's batch
/// overload and before the templates that call f by a qualified name.
#define XACT_PACK_PARAM_1 ::xact::detail::pack<B, N> const& a0
#define XACT_PACK_PARAM_2 XACT_PACK_PARAM_1, ::xact::detail::pack<B, N> const& a1
#define XACT_PACK_PARAM_3 XACT_PACK_PARAM_2, ::xact::detail::pack<B, N> const& a2
#define XACT_PACK_MEMBER_1 B const& b0
#define XACT_PACK_MEMBER_2 XACT_PACK_MEMBER_1, B const& b1
#define XACT_PACK_MEMBER_3 XACT_PACK_MEMBER_2, B const& b2
#define XACT_PACK_ARGS_1 b0
#define XACT_PACK_ARGS_2 b0, b1
#define XACT_PACK_ARGS_3 b0, b1, b2
#define XACT_PACK_PACKS_1 a0
#define XACT_PACK_PACKS_2 a0, a1
#define XACT_PACK_PACKS_3 a0, a1, a2

#define XACT_PACK_OVERLOAD(f, k)                                                                   \
    template <class B, std::size_t N>                                                              \
    inline auto f(XACT_PACK_PARAM_##k) noexcept                                                    \
    {                                                                                              \
        return ::xact::detail::pack_map([](XACT_PACK_MEMBER_##k) { return ::xact::detail::f(XACT_PACK_ARGS_##k); }, \
                                        XACT_PACK_PACKS_##k);                                      \
    }

#define XACT_PACK_OVERLOAD_MASKED(f, k)                                                            \
    template <class M, class B, std::size_t N>                                                     \
    inline auto f(::xact::detail::pack<M, N> const& mask, XACT_PACK_PARAM_##k) noexcept           \
    {                                                                                              \
        return ::xact::detail::pack_map(                                                           \
            [](M const& c, XACT_PACK_MEMBER_##k) { return ::xact::detail::f(c, XACT_PACK_ARGS_##k); }, mask, \
            XACT_PACK_PACKS_##k);                                                                  \
    }

#endif
