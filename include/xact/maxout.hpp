// xact::maxout: the maximum over groups of k contiguous inputs (Goodfellow, Warde-Farley, Mirza,
// Courville and Bengio, "Maxout Networks", 2013).
//
//   y[g] = max_j x[g k + j],  argmax[g] = the j that attains it (j in 0..k-1)
//   dx[g k + argmax[g]] = dy[g], every other dx = 0
// The first maximum wins ties and takes the whole gradient (as PyTorch's max(dim)); a NaN in a
// group makes y[g] NaN and argmax[g] points at the first NaN. Default pieces = 2; pieces >= 1.
// Exact (no rounding). Cost: memory bound; for k in {2, 3, 4, 8} the loops are compiled for that k,
// other k take a run-time loop. At -O3, GCC 12 turns the forward loop for k = 3, 4, 8 into SIMD
// code across groups (k = 4 floats, AVX-512, n = 65536: 17.2 G elements/s in docs/PERFORMANCE.md,
// against 2.3 for the earlier loop with a branch per element); at -O2 it stays scalar.
#ifndef XACT_MAXOUT_HPP
#define XACT_MAXOUT_HPP

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "detail/functor.hpp"
#include "kernels.hpp"

namespace xact {

/// y[g] = max over the g-th group of `pieces` contiguous inputs.
template <class T = float>
struct maxout {
    static_assert(detail::is_value_type<T>, "xact::maxout takes float or double");
    using value_type = T;
    using index_type = std::size_t;
    static constexpr const char* name = "maxout";

    std::size_t pieces = 2;

    /// y[g] = max of x[g k, g k + k), argmax[g] its position in the group. x.size() == k y.size().
    template <class X, class Y, class I, detail::enable_if_ranges<X, Y, I> = 0>
    void forward(X const& x, Y&& y, I&& argmax) const
    {
        detail::check_element_type<maxout, X>();
        detail::check_element_type<maxout, Y>();
        check_index_type<I>();
        const std::size_t k = pieces, groups = std::size(y);
        check_pieces("xact::maxout::forward", "x", std::size(x), groups);
        detail::check_same_size("xact::maxout::forward", "y", groups, "argmax", std::size(argmax));
        using E = detail::range_value_t<X>;  // T, or bfloat16 / float16 with maxout<float>
        static_assert(std::is_same<detail::range_value_t<Y>, E>::value, "xact::maxout: x and y of one type");
        const E* px = std::data(x);
        E* py = std::data(y);
        index_type* pa = std::data(argmax);
        with_pieces(k, [&](auto K) { forward_groups<decltype(K)::value>(px, py, pa, groups, k); });
    }

    /// dx[g k + argmax[g]] = dy[g], all other dx = 0. dx.size() == k dy.size(); argmax[g] < k.
    template <class I, class DY, class DX, detail::enable_if_ranges<I, DY, DX> = 0>
    void backward(I const& argmax, DY const& dy, DX&& dx) const
    {
        detail::check_element_type<maxout, DY>();
        detail::check_element_type<maxout, DX>();
        check_index_type<I>();
        const std::size_t k = pieces, groups = std::size(dy);
        check_pieces("xact::maxout::backward", "dx", std::size(dx), groups);
        detail::check_same_size("xact::maxout::backward", "dy", groups, "argmax", std::size(argmax));
        const index_type* pa = std::data(argmax);
        index_type largest = 0;  // a branch-free (vectorized) pass; the search only on failure
        for (std::size_t g = 0; g < groups; ++g) largest = std::max(largest, pa[g]);
        if (largest >= k) {
            const std::size_t g = static_cast<std::size_t>(std::find_if(pa, pa + groups, [k](index_type a) { return a >= k; }) - pa);
            throw std::invalid_argument("xact::maxout::backward: argmax[" + std::to_string(g) + "] is " +
                                        std::to_string(pa[g]) + " but pieces is " + std::to_string(k));
        }
        using E = detail::range_value_t<DY>;
        static_assert(std::is_same<detail::range_value_t<DX>, E>::value, "xact::maxout: dy and dx of one type");
        const E* pdy = std::data(dy);
        E* pdx = std::data(dx);
        with_pieces(k, [&](auto K) { backward_groups<decltype(K)::value>(pa, pdy, pdx, groups, k); });
    }

private:
    /// f(std::integral_constant<std::size_t, K>) with K = k for the usual group sizes (loops the
    /// compiler sees K in), K = 0 (k at run time) for the others.
    template <class F>
    static void with_pieces(std::size_t k, F const& f)
    {
        using std::integral_constant;
        switch (k) {
        case 2: return f(integral_constant<std::size_t, 2>{});
        case 3: return f(integral_constant<std::size_t, 3>{});
        case 4: return f(integral_constant<std::size_t, 4>{});
        case 8: return f(integral_constant<std::size_t, 8>{});
        default: return f(integral_constant<std::size_t, 0>{});
        }
    }

    /// The forward loop for groups of K (K = 0: k at run time). Written so that GCC can vectorize
    /// it across groups when K is known (loads deinterleaved by permutes, the ifs become masks).
    /// c wins when c > m or c is NaN, unless m is already NaN: the first NaN stays.
    /// Elements of 16-bit arrays are compared as their exact float values and copied as they are.
    template <class E>
    static T value_of(E v) noexcept
    {
        if constexpr (std::is_same<E, T>::value) return v;
        else return static_cast<T>(v);
    }

    template <std::size_t K, class E>
    static void forward_groups(const E* px, E* py, index_type* pa, std::size_t groups, std::size_t k) noexcept
    {
        const std::size_t kk = K ? K : k;
        for (std::size_t g = 0; g < groups; ++g) {
            const E* v = px + g * kk;
            T m = value_of(v[0]);
            std::size_t best = 0;
            for (std::size_t j = 1; j < kk; ++j) {
                const T c = value_of(v[j]);
                if (!(c <= m) && m == m) {
                    m = c;
                    best = j;
                }
            }
            py[g] = E(m);  // exact: m is one of the values
            pa[g] = best;
        }
    }

    /// The backward loop for groups of K (K = 0: k at run time): a group's K zeros (one vector
    /// store when K is known), then dy[g] at argmax[g].
    template <std::size_t K, class E>
    static void backward_groups(const index_type* pa, const E* pdy, E* pdx, std::size_t groups, std::size_t k) noexcept
    {
        const std::size_t kk = K ? K : k;
        for (std::size_t g = 0; g < groups; ++g) {
            const E d = pdy[g];  // read first: with k == 1, dx may be dy
            const std::size_t a = pa[g];
            E* out = pdx + g * kk;
            for (std::size_t j = 0; j < kk; ++j) out[j] = E(T(0));
            out[a] = d;
        }
    }

    template <class I>
    static constexpr void check_index_type() noexcept
    {
        static_assert(std::is_same<detail::range_value_t<I>, index_type>::value,
                      "xact::maxout: argmax must hold maxout::index_type");
    }

    void check_pieces(const char* where, const char* name_x, std::size_t nx, std::size_t groups) const
    {
        if (pieces == 0) {
            throw std::invalid_argument(std::string(where) + ": pieces is 0 (pieces must be at least 1)");
        }
        const std::size_t total = detail::checked_product(where, "pieces", pieces, "groups", groups);
        if (nx != total) {
            throw std::invalid_argument(std::string(where) + ": " + name_x + " has " + std::to_string(nx) +
                                        " elements but pieces (" + std::to_string(pieces) + ") x groups (" +
                                        std::to_string(groups) + ") is " + std::to_string(total));
        }
    }
};

}  // namespace xact

#endif
