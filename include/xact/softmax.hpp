// xact::softmax and xact::log_softmax: the normalized exponential of a vector, or of every row of a
// row-major matrix (Bridle, "Probabilistic Interpretation of Feedforward Classification Network
// Outputs", 1990).
//
//   softmax:      y_i = e^(z_i) / sum_j e^(z_j),   z = (x - max x) / temperature
//                 backward (vector-Jacobian product) dx = y * (dy - <dy, y>) / temperature
//                 jacobian J_ij = dy_i/dx_j = (y_i [i == j] - y_i y_j) / temperature
//   log_softmax:  y_i = z_i - log sum_j e^(z_j)
//                 backward dx = (dy - e^y * sum dy) / temperature
//                 jacobian J_ij = ([i == j] - e^(y_j)) / temperature
// Defaults: temperature = 1 (must be positive), safe = false.
//
// The row maximum is subtracted first, so no logit overflows: [1000, 1000] gives [0.5, 0.5] and
// log_softmax gives -log 2 rounded once ((x - max) - log(sum) is formed, not x - (max + log sum)).
// Special values, as PyTorch: a -inf logit gives 0 (log_softmax: -inf); a NaN anywhere, or a +inf,
// makes the whole row NaN; a row of all -inf gives NaN, or with `safe` softmax gives zeros and
// log_softmax gives -inf (the log of those zeros, so exp(log_softmax) == softmax still holds; its
// backward then passes dy through unchanged).
//
// Three passes over a row on xsimd batches: the maximum, then e^z stored into y (log_softmax:
// only summed) with the sum kept in SIMD lanes, then the multiplication by the sum's reciprocal
// (log_softmax: z minus the log of the sum, one scalar std::log per row). The sum is taken in
// blocks of 64 batches with a compensated running sum (kernels.hpp, compensated_sum), so its error
// does not grow with the row length; the backward's <dy, y> and sum dy likewise. Where x - max
// overflows but (x - max) / temperature does not (a temperature above 1), the lane is scaled before
// the difference. The row's last, partial batch is padded with -inf (its e^z adds 0 to the sum)
// and taken first, since each pass waits for the previous one's result. On AVX-512 that batch is
// one masked load and store, the maximum and the sum are combined across lanes by four shuffles,
// and float e^z is Tang's 16-entry table exponential (math.hpp).
// Max error, float, measured against tests/data/softmax.csv (PyTorch in float64): softmax within
// |x_i - max| + 1.6 ULP (the argument x_i - max is rounded before the exponential; the tests allow
// 8 + |x_i - max|, for rows of up to 10^7 values: 1.6 measured at 10^7), log_softmax within 1 eps
// (1 + |y|) absolute; double softmax within 1.1e-15 relative. Cost: one exponential and one
// multiplication per element (log_softmax: one exponential), three passes.
// y may be x (forward); dx may be y or dy (backward). Nothing is allocated.
#ifndef XACT_SOFTMAX_HPP
#define XACT_SOFTMAX_HPP

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "detail/functor.hpp"
#include "kernels.hpp"

namespace xact {
namespace detail {

/// max x over n > 0 elements, lane-wise, with four independent accumulators. The partial batch at
/// the end (padded with -inf) is taken first: the caller waits for the result.
template <class T>
inline default_batch<T> lane_max(const T* x, std::size_t n) noexcept
{
    using B = default_batch<T>;
    constexpr std::size_t w = lane_count<B>;
    constexpr T ninf = -std::numeric_limits<T>::infinity();
    const std::size_t full = n - n % w;
    B a0(ninf), a1(ninf), a2(ninf), a3(ninf);
    if (full < n) a3 = load_partial<T>(x + full, n - full, ninf);
    std::size_t i = 0;
    for (; i + 4 * w <= full; i += 4 * w) {
        a0 = max_keep_nan(a0, load_unaligned<B>(x + i));
        a1 = max_keep_nan(a1, load_unaligned<B>(x + i + w));
        a2 = max_keep_nan(a2, load_unaligned<B>(x + i + 2 * w));
        a3 = max_keep_nan(a3, load_unaligned<B>(x + i + 3 * w));
    }
    for (; i < full; i += w) a0 = max_keep_nan(a0, load_unaligned<B>(x + i));
    return max_keep_nan(max_keep_nan(a0, a1), max_keep_nan(a2, a3));
}

/// sum of f(x batch, offset, count) over x[0, n), lane-wise, by compensated_sum (error independent
/// of n). The partial batch at the end (padded with `fill`) is taken first, as in lane_max.
template <class T, class F>
inline default_batch<T> lane_sum(const T* x, std::size_t n, T fill, F&& f) noexcept
{
    using B = default_batch<T>;
    constexpr std::size_t w = lane_count<B>;
    const std::size_t full = n - n % w;
    const B tail = full < n ? f(load_partial<T>(x + full, n - full, fill), full, n - full) : B(T(0));
    auto term = [&](std::size_t i) { return f(load_unaligned<B>(x + i), i, w); };
    return compensated_sum<T, detail::default_arch>(full, tail, term);
}

/// combine over the lanes of v, in every lane: on AVX-512 four exchanges (halves, quarters, pairs,
/// neighbours), each a shuffle and one combine, so the row's next pass waits for eight instructions
/// instead of a scalar loop over the lanes.
template <class T, class C>
inline default_batch<T> all_lanes(default_batch<T> v, C&& combine) noexcept
{
    using B = default_batch<T>;
#if defined(__AVX512F__)
    if constexpr (is_avx512<B>::value && std::is_same<T, float>::value) {
        v = combine(v, B(_mm512_shuffle_f32x4(v, v, 0x4E)));
        v = combine(v, B(_mm512_shuffle_f32x4(v, v, 0xB1)));
        v = combine(v, B(_mm512_permute_ps(v, 0x4E)));
        return combine(v, B(_mm512_permute_ps(v, 0xB1)));
    } else if constexpr (is_avx512<B>::value) {
        v = combine(v, B(_mm512_shuffle_f64x2(v, v, 0x4E)));
        v = combine(v, B(_mm512_shuffle_f64x2(v, v, 0xB1)));
        return combine(v, B(_mm512_permute_pd(v, 0x55)));
    }
#endif
    alignas(64) T lanes[lane_count<B>];
    store_aligned(v, lanes);
    B r(lanes[0]);
    for (std::size_t k = 1; k < lane_count<B>; ++k) r = combine(r, B(lanes[k]));
    return r;
}

/// max x over n > 0 elements, in every lane. A NaN may be lost here (the maximum is only a shift);
/// the sum of exponentials catches it.
template <class T>
inline default_batch<T> row_max(const T* x, std::size_t n) noexcept
{
    using B = default_batch<T>;
    auto max = [](B a, B b) { return max_keep_nan(a, b); };
    return all_lanes<T>(lane_max(x, n), max);
}

/// softmax (Log = false) or log_softmax of one row of n elements; y may be x.
template <bool Log, class T>
XACT_FLATTEN inline void softmax_row(const T* x, T* y, std::size_t n, T inv_t, bool safe) noexcept
{
    using B = default_batch<T>;
    constexpr T ninf = -std::numeric_limits<T>::infinity();
    if (n == 0) return;
    const B bm = row_max(x, n), bt(inv_t);
    if (safe && every_lane(bm == B(ninf)) && std::none_of(x, x + n, [](T v) { return v != v; })) {
        std::fill(y, y + n, Log ? ninf : T(0));
        return;
    }
    auto add = [](B a, B b) { return a + b; };
    // z = (x - max) / temperature <= 0 (or NaN), the multiplication only where t != 1. x - max can
    // overflow where z does not (x = -3.4e38, max = 3.4e38, t = 100: z = -6.8e36): there each term
    // is scaled first, and the lanes that need it are found by the infinite difference.
    const bool unit = inv_t == T(1);
    const B big(std::numeric_limits<T>::max());
    auto shifted = [&](B v) {
        if (unit) return v - bm;
        const B d = v - bm;
        // (x = -inf, the padding included, keeps d: -inf - max * bt would be NaN when both overflow)
        return detail::select((detail::abs(d) > big) & (detail::abs(v) <= big), v * bt - bm * bt, d * bt);
    };
    auto exp_z = [&](B v) { return detail::exp_table_fast(max_keep_nan(B(-exp_constants<T>::arg_limit), shifted(v))); };
    if (!Log) {
        auto exp_store = [&](B v, std::size_t i, std::size_t c) {
            B e = exp_z(v);
            store_partial(e, y + i, c);
            return e;
        };
        const B inv_sum = detail::div(B(T(1)), all_lanes<T>(lane_sum(x, n, ninf, exp_store), add));
        auto scale = [&inv_sum](B e) { return e * inv_sum; };
        transform<T>(n, scale, y, static_cast<const T*>(y));
    } else {
        auto exp_only = [&](B v, std::size_t, std::size_t) { return exp_z(v); };
        const B bl(std::log(detail::reduce_add(lane_sum(x, n, ninf, exp_only))));
        auto shift = [&](B v) { return shifted(v) - bl; };
        transform<T>(n, shift, y, x);
    }
}

/// softmax_row over a row of bfloat16 / float16 (H): the same three passes on blocks widened to
/// float on the stack (the maximum, the sum of e^z accumulated in double across blocks, then each
/// result rounded once to H). The float results are within |x_i - max| + 2 float ULP, so the 16-bit
/// results are within 0.52 ULP of the format (|z| <= 104 where e^z does not underflow).
template <bool Log, class H>
inline void half_softmax_row(const H* x, H* y, std::size_t n, float inv_t, bool safe) noexcept
{
    using A = detail::default_arch;
    using B = default_batch<float>;
    constexpr float ninf = -std::numeric_limits<float>::infinity();
    if (n == 0) return;
    ieee_scope<A> env;
    alignas(64) float buf[half_block];
    std::uint64_t flags[half_block / 64] = {};  // lanes near a midpoint: not needed here
    B bm(ninf);
    bool has_nan = false;
    for (std::size_t i = 0; i < n; i += half_block) {
        const std::size_t m = std::min(n - i, half_block);
        widen_block<A>(x + i, buf, m);
        bm = max_keep_nan(bm, row_max(static_cast<const float*>(buf), m));
        for (std::size_t j = 0; j < m; ++j) has_nan = has_nan || buf[j] != buf[j];
    }
    if (safe && every_lane(bm == B(ninf)) && !has_nan) {
        const H fill = half_from_float<A, H>(Log ? ninf : 0.0f);
        std::fill(y, y + n, fill);
        return;
    }
    const bool unit = inv_t == 1.0f;
    const B bt(inv_t), big(std::numeric_limits<float>::max());
    auto shifted = [&](B v) {
        if (unit) return v - bm;
        const B d = v - bm;
        return detail::select((detail::abs(d) > big) & (detail::abs(v) <= big), v * bt - bm * bt, d * bt);
    };
    auto exp_z = [&](B v) { return detail::exp_table_fast(max_keep_nan(B(-exp_constants<float>::arg_limit), shifted(v))); };
    auto exp_only = [&](B v, std::size_t, std::size_t) { return exp_z(v); };
    double sum = 0;
    for (std::size_t i = 0; i < n; i += half_block) {
        const std::size_t m = std::min(n - i, half_block);
        widen_block<A>(x + i, buf, m);
        sum += double(detail::reduce_add(lane_sum(static_cast<const float*>(buf), m, ninf, exp_only)));
    }
    const float fsum = static_cast<float>(sum);
    const B inv_sum = detail::div(B(1.0f), B(fsum)), bl(std::log(fsum));
    for (std::size_t i = 0; i < n; i += half_block) {
        const std::size_t m = std::min(n - i, half_block);
        widen_block<A>(x + i, buf, m);
        if (!Log) transform<float>(m, [&](B v) { return exp_z(v) * inv_sum; }, buf, static_cast<const float*>(buf));
        else transform<float>(m, [&](B v) { return shifted(v) - bl; }, buf, static_cast<const float*>(buf));
        narrow_block<A, false>(static_cast<const float*>(buf), y + i, m, flags);
    }
}

/// softmax_backward_row over 16-bit rows: the sums in double across float blocks, each dx rounded once.
template <bool Log, class H>
inline void half_softmax_backward_row(const H* y, const H* dy, H* dx, std::size_t n, float inv_t) noexcept
{
    using A = detail::default_arch;
    using B = default_batch<float>;
    ieee_scope<A> env;
    alignas(64) float yb[half_block], gb[half_block];
    std::uint64_t flags[half_block / 64] = {};  // lanes near a midpoint: not needed here
    double acc = 0;
    for (std::size_t i = 0; i < n; i += half_block) {
        const std::size_t m = std::min(n - i, half_block);
        widen_block<A>(dy + i, gb, m);
        if (!Log) {
            widen_block<A>(y + i, yb, m);
            acc += double(reduce_sum<float>(m, [](B a, B b) { return a * b; }, static_cast<const float*>(yb),
                                            static_cast<const float*>(gb)));
        } else {
            acc += double(reduce_sum<float>(m, [](B g) { return g; }, static_cast<const float*>(gb)));
        }
    }
    const B d(static_cast<float>(acc)), bt(inv_t);
    for (std::size_t i = 0; i < n; i += half_block) {
        const std::size_t m = std::min(n - i, half_block);
        widen_block<A>(y + i, yb, m);
        widen_block<A>(dy + i, gb, m);
        if (!Log)
            transform<float>(m, [&](B v, B g) { return v * (g - d) * bt; }, yb, static_cast<const float*>(yb),
                             static_cast<const float*>(gb));
        else
            transform<float>(m, [&](B v, B g) { return detail::fma(-detail::exp(v), d, g) * bt; }, yb,
                             static_cast<const float*>(yb), static_cast<const float*>(gb));
        narrow_block<A, false>(static_cast<const float*>(yb), dx + i, m, flags);
    }
}

/// The vector-Jacobian product of one row; dx may be y or dy.
template <bool Log, class T>
XACT_FLATTEN inline void softmax_backward_row(const T* y, const T* dy, T* dx, std::size_t n, T inv_t) noexcept
{
    using B = default_batch<T>;
    const B bt(inv_t);
    if (!Log) {
        auto mul = [](B a, B b) { return a * b; };
        const B d(reduce_sum<T>(n, mul, y, dy));
        auto vjp = [&](B v, B g) { return v * (g - d) * bt; };
        transform<T>(n, vjp, dx, y, dy);
    } else {
        auto id = [](B g) { return g; };
        const B s(reduce_sum<T>(n, id, dy));
        auto vjp = [&](B v, B g) { return detail::fma(-detail::exp(v), s, g) * bt; };
        transform<T>(n, vjp, dx, y, dy);
    }
}

[[noreturn]] inline void throw_rows(const char* where, std::size_t n, std::size_t cols)
{
    throw std::invalid_argument(std::string(where) + ": cols is " + std::to_string(cols) + " but the arrays have " +
                                std::to_string(n) + " elements (cols must be positive and divide the size)");
}

/// The functor behind xact::softmax (Log = false) and xact::log_softmax (Log = true).
template <class T, bool Log>
struct softmax_fn {
    static_assert(is_value_type<T>, "xact::softmax takes float or double");
    using value_type = T;
    static constexpr const char* name = Log ? "log_softmax" : "softmax";

    T temperature = T(1);
    bool safe = false;

    /// y = softmax(x / temperature) of one vector; y may be x.
    template <class X, class Y, enable_if_ranges<X, Y> = 0>
    void forward(X const& x, Y&& y) const
    {
        forward(x, y, std::size(x) == 0 ? std::size_t(1) : std::size(x));
    }

    /// Row-wise over a row-major matrix with rows of cols values.
    template <class X, class Y, enable_if_ranges<X, Y> = 0>
    void forward(X const& x, Y&& y, std::size_t cols) const
    {
        check_element_type<softmax_fn, X>();
        check_element_type<softmax_fn, Y>();
        check_same_size(where("forward"), "x", std::size(x), "y", std::size(y));
        check_rows(where("forward"), std::size(x), cols);
        const T inv_t = inverse_temperature();
        using E = range_value_t<X>;  // T, or bfloat16 / float16 with softmax<float>
        static_assert(std::is_same<range_value_t<Y>, E>::value, "xact::softmax: x and y of one type");
        const E* px = std::data(x);
        E* py = std::data(y);
        for (std::size_t r = 0; r < std::size(x); r += cols) {
            if constexpr (is_half<E>::value) half_softmax_row<Log>(px + r, py + r, cols, inv_t, safe);
            else softmax_row<Log>(px + r, py + r, cols, inv_t, safe);
        }
    }

    /// dx = the vector-Jacobian product of dy at the output y; dx may be y or dy.
    template <class Y, class DY, class DX, enable_if_ranges<Y, DY, DX> = 0>
    void backward(Y const& y, DY const& dy, DX&& dx) const
    {
        backward(y, dy, dx, std::size(y) == 0 ? std::size_t(1) : std::size(y));
    }

    /// Row-wise over a row-major matrix with rows of cols values.
    template <class Y, class DY, class DX, enable_if_ranges<Y, DY, DX> = 0>
    void backward(Y const& y, DY const& dy, DX&& dx, std::size_t cols) const
    {
        check_element_type<softmax_fn, Y>();
        check_element_type<softmax_fn, DY>();
        check_element_type<softmax_fn, DX>();
        check_same_size(where("backward"), "y", std::size(y), "dy", std::size(dy));
        check_same_size(where("backward"), "y", std::size(y), "dx", std::size(dx));
        check_rows(where("backward"), std::size(y), cols);
        const T inv_t = inverse_temperature();
        using E = range_value_t<Y>;
        static_assert(std::is_same<range_value_t<DY>, E>::value && std::is_same<range_value_t<DX>, E>::value,
                      "xact::softmax: y, dy and dx of one type");
        const E* py = std::data(y);
        const E* pdy = std::data(dy);
        E* pdx = std::data(dx);
        for (std::size_t r = 0; r < std::size(y); r += cols) {
            if constexpr (is_half<E>::value) half_softmax_backward_row<Log>(py + r, pdy + r, pdx + r, cols, inv_t);
            else softmax_backward_row<Log>(py + r, pdy + r, pdx + r, cols, inv_t);
        }
    }

    /// J (n x n, row-major) with J[i * n + j] = dy_i / dx_j at the output y of n values.
    template <class Y, class J, enable_if_ranges<Y, J> = 0>
    void jacobian(Y const& y, J&& jac) const
    {
        check_element_type<softmax_fn, Y>();
        check_element_type<softmax_fn, J>();
        const std::size_t n = std::size(y);
        const std::size_t nn = checked_product(where("jacobian"), "n", n, "n", n);
        if (std::size(jac) != nn) {
            throw std::invalid_argument(std::string(where("jacobian")) + ": y has " + std::to_string(n) +
                                        " elements, so J needs " + std::to_string(nn) + " but has " +
                                        std::to_string(std::size(jac)));
        }
        using B = default_batch<T>;
        const T inv_t = inverse_temperature();
        const B bt(inv_t);
        const T* py = std::data(y);
        T* pj = std::data(jac);
        for (std::size_t i = 0; i < n; ++i) {
            T* row = pj + i * n;
            if (!Log) {
                const B yi(py[i]);
                auto outer = [&](B v) { return -(yi * v) * bt; };
                transform<T>(n, outer, row, py);
                row[i] = py[i] * (T(1) - py[i]) * inv_t;
            } else {
                auto minus_exp = [&](B v) { return -detail::exp(v) * bt; };
                transform<T>(n, minus_exp, row, py);
                row[i] = -std::expm1(py[i]) * inv_t;
            }
        }
    }

private:
    static const char* where(const char* what) noexcept
    {
        switch (what[0]) {
            case 'f':
                return Log ? "xact::log_softmax::forward" : "xact::softmax::forward";
            case 'b':
                return Log ? "xact::log_softmax::backward" : "xact::softmax::backward";
            default:
                return Log ? "xact::log_softmax::jacobian" : "xact::softmax::jacobian";
        }
    }

    static void check_rows(const char* w, std::size_t n, std::size_t cols)
    {
        if (cols == 0 || n % cols != 0) throw_rows(w, n, cols);
    }

    T inverse_temperature() const
    {
        const T inv_t = T(1) / temperature;
        if (!(temperature > T(0)) || !std::isfinite(temperature) || !std::isfinite(inv_t)) {
            throw std::invalid_argument(std::string(Log ? "xact::log_softmax" : "xact::softmax") +
                                        ": temperature must be positive and finite, got " +
                                        std::to_string(temperature));
        }
        return inv_t;
    }
};

}  // namespace detail

/// y = e^z / sum e^z with z = (x - max x) / temperature, per vector or per row.
template <class T = float>
using softmax = detail::softmax_fn<T, false>;

/// y = z - log sum e^z with z = (x - max x) / temperature, per vector or per row.
template <class T = float>
using log_softmax = detail::softmax_fn<T, true>;

}  // namespace xact

#endif
