// xact::gated_forward / gated_backward: gated linear units, y = f(a) * b, as one pass over the
// inputs (Dauphin, Fan, Auli and Grangier, "Language Modeling with Gated Convolutional Networks",
// 2017: GLU, f = sigmoid; Shazeer, "GLU Variants Improve Transformer", 2020: SwiGLU with f = silu,
// GeGLU with f = gelu, ReGLU with f = relu).
//
//   y  = f(a) b
//   da = dy b f'(a)        (formed as (dy b) f'(a), so it equals backward(f, a, dy * b) bit for bit)
//   db = dy f(a)
// f is any elementwise functor (relu, leaky_relu, elu, selu, sigmoid, tanh, swish/silu, gelu,
// gelu_tanh, ...) over float or double. Two layouts:
//   split:  gated_forward(f, a, b, y), gated_backward(f, a, b, dy, da, db), as ranges or as
//           pointers and a count;
//   rows:   x is rows x 2 cols, row-major, each row the gate's half and the value's half of one
//           fused projection: gated_forward(f, x, y, cols, g), gated_backward(f, x, dy, dx, cols, g),
//           with y and dy rows x cols and dx rows x 2 cols. g = gate::first (the default: LLaMA,
//           vLLM and llama.cpp) puts f on the first half of each row; gate::second on the second
//           (PyTorch's F.glu: first half * sigmoid(second half)).
// The results are those of the composition forward(f, a, t), then t * b (backward(f, a, dy * b)
// and dy * f(a)) bit for bit, without the intermediate array: each is f's own error plus one or
// two roundings (within 6 ULP where f is within 4; f(a) is rounded before the product, so where
// f(a) is itself subnormal its absolute error, a few 2^-149, is multiplied by b). NaN in a or b
// gives NaN in y; otherwise IEEE rules (f(a) = 0 with b = inf is NaN).
// Sizes that do not fit throw std::invalid_argument naming them, before anything is written.
// Split: y may be a or b; da may be a or dy, db may be b. Rows: y may not overlap x; dx may be x
// (each row is read before it is written). Nothing is allocated. Cost: f, or f and f', and one or
// two multiplications per element; outputs of XACT_STREAM_BYTES or more (the whole matrix in the
// rows form) are streamed past the caches, as the other kernels' are.
#ifndef XACT_GATED_HPP
#define XACT_GATED_HPP

#include <cstddef>
#include <stdexcept>
#include <string>

#include "detail/gate.hpp"
#include "kernels.hpp"

namespace xact {

// ---------------------------------------------------------------- split inputs, pointer forms
namespace detail {

/// gated_forward over n elements that are part of an output of `total` (streaming decided on it;
/// Fence = false: the caller fences after the last part).
template <class A, bool Fence, class F, class T>
inline void gated_forward_part(F const& f, const T* a, const T* b, T* y, std::size_t n, std::size_t total) noexcept
{
    if constexpr (is_half<T>::value) {
        (void)total;
        half_gated_forward<A>(f, a, b, y, n);  // bfloat16, float16: detail/half_kernel.hpp
    } else {
        transform_part<T, A, Fence>(n, total, [f](auto va, auto vb) { return f.forward(va) * vb; }, y, a, b);
    }
}

template <class A, bool Fence, class F, class T>
inline void gated_backward_part(F const& f, const T* a, const T* b, const T* dy, T* da, T* db, std::size_t n,
                                std::size_t total) noexcept
{
    if constexpr (is_half<T>::value) {
        (void)total;
        half_gated_backward<A>(f, a, b, dy, da, db, n);
    } else {
        auto op = [f](auto va, auto vb, auto g) {
            using V = decltype(va);
            return two_results<V>{(g * vb) * f.derivative(va), g * f.forward(va)};
        };
        transform2_part<T, A, Fence>(n, total, op, da, db, a, b, dy);
    }
}

}  // namespace detail

/// y[i] = f(a[i]) b[i] for i < n, on batches of xsimd architecture A (the TU's default unless
/// given: xact::gated_forward<A>(f, a, b, y, n)). y may equal a or b.
template <class A, class F, class T, detail::enable_if_arch<A> = 0>
inline void gated_forward(F const& f, const T* a, const T* b, T* y, std::size_t n) noexcept
{
    detail::gated_forward_part<A, true>(f, a, b, y, n, n);
}

template <class F, class T>
inline void gated_forward(F const& f, const T* a, const T* b, T* y, std::size_t n) noexcept
{
    gated_forward<detail::default_arch>(f, a, b, y, n);
}

/// da[i] = dy[i] b[i] f'(a[i]) and db[i] = dy[i] f(a[i]) for i < n. da may equal a or dy, db may
/// equal b.
template <class A, class F, class T, detail::enable_if_arch<A> = 0>
inline void gated_backward(F const& f, const T* a, const T* b, const T* dy, T* da, T* db, std::size_t n) noexcept
{
    detail::gated_backward_part<A, true>(f, a, b, dy, da, db, n, n);
}

template <class F, class T>
inline void gated_backward(F const& f, const T* a, const T* b, const T* dy, T* da, T* db, std::size_t n) noexcept
{
    gated_backward<detail::default_arch>(f, a, b, dy, da, db, n);
}

namespace detail {

/// x is rows x 2 cols with cols > 0 and no product overflowing: returns rows, or throws.
inline std::size_t gated_rows(const char* where, std::size_t nx, std::size_t cols)
{
    if (cols == 0) throw std::invalid_argument(std::string(where) + ": cols is 0 (it must be positive)");
    const std::size_t width = checked_product(where, "2", 2, "cols", cols);
    if (nx % width != 0) {
        throw std::invalid_argument(std::string(where) + ": x has " + std::to_string(nx) +
                                    " elements, not a multiple of 2 x cols = " + std::to_string(width));
    }
    return nx / width;
}

/// The first element of row r's gate half and of its value half.
template <class T>
struct row_halves {
    T* gate;
    T* value;
};

template <class T>
inline row_halves<T> halves(T* row, std::size_t cols, gate g) noexcept
{
    return g == gate::first ? row_halves<T>{row, row + cols} : row_halves<T>{row + cols, row};
}

}  // namespace detail

// ---------------------------------------------------------------- split inputs, range forms
/// y = f(a) b element by element; a, b and y of one size.
template <class F, class A, class B, class Y, detail::enable_if_ranges<A, B, Y> = 0>
inline void gated_forward(F const& f, A const& a, B const& b, Y&& y)
{
    detail::check_element_type<F, A>();
    detail::check_element_type<F, B>();
    detail::check_element_type<F, Y>();
    const char* where = "xact::gated_forward";
    detail::check_same_size(where, "a", std::size(a), "b", std::size(b));
    detail::check_same_size(where, "a", std::size(a), "y", std::size(y));
    gated_forward(f, std::data(a), std::data(b), std::data(y), std::size(a));
}

/// da = dy b f'(a), db = dy f(a); all five of one size.
template <class F, class A, class B, class DY, class DA, class DB, detail::enable_if_ranges<A, B, DY, DA, DB> = 0>
inline void gated_backward(F const& f, A const& a, B const& b, DY const& dy, DA&& da, DB&& db)
{
    detail::check_element_type<F, A>();
    detail::check_element_type<F, B>();
    detail::check_element_type<F, DY>();
    detail::check_element_type<F, DA>();
    detail::check_element_type<F, DB>();
    const char* where = "xact::gated_backward";
    detail::check_same_size(where, "a", std::size(a), "b", std::size(b));
    detail::check_same_size(where, "a", std::size(a), "dy", std::size(dy));
    detail::check_same_size(where, "a", std::size(a), "da", std::size(da));
    detail::check_same_size(where, "a", std::size(a), "db", std::size(db));
    gated_backward(f, std::data(a), std::data(b), std::data(dy), std::data(da), std::data(db), std::size(a));
}

// ---------------------------------------------------------------- concatenated rows
/// y[r][j] = f(gate half[r][j]) value half[r][j]: x is rows x 2 cols, y rows x cols.
template <class F, class X, class Y, detail::enable_if_ranges<X, Y> = 0>
inline void gated_forward(F const& f, X const& x, Y&& y, std::size_t cols, gate g = gate::first)
{
    detail::check_element_type<F, X>();
    detail::check_element_type<F, Y>();
    const char* where = "xact::gated_forward";
    const std::size_t rows = detail::gated_rows(where, std::size(x), cols);
    detail::check_same_size(where, "y", std::size(y), "rows x cols", rows * cols);
    using T = detail::range_value_t<X>;
    const T* px = std::data(x);
    T* py = std::data(y);
    for (std::size_t r = 0; r < rows; ++r) {
        const detail::row_halves<const T> h = detail::halves(px + r * 2 * cols, cols, g);
        detail::gated_forward_part<detail::default_arch, false>(f, h.gate, h.value, py + r * cols, cols, rows * cols);
    }
    detail::stream_fence();
}

/// The backward of the rows form: dy is rows x cols, dx rows x 2 cols (the gate half gets da, the
/// value half db). dx may be x.
template <class F, class X, class DY, class DX, detail::enable_if_ranges<X, DY, DX> = 0>
inline void gated_backward(F const& f, X const& x, DY const& dy, DX&& dx, std::size_t cols, gate g = gate::first)
{
    detail::check_element_type<F, X>();
    detail::check_element_type<F, DY>();
    detail::check_element_type<F, DX>();
    const char* where = "xact::gated_backward";
    const std::size_t rows = detail::gated_rows(where, std::size(x), cols);
    detail::check_same_size(where, "dy", std::size(dy), "rows x cols", rows * cols);
    detail::check_same_size(where, "dx", std::size(dx), "x", std::size(x));
    using T = detail::range_value_t<X>;
    const T* px = std::data(x);
    const T* pdy = std::data(dy);
    T* pdx = std::data(dx);
    for (std::size_t r = 0; r < rows; ++r) {
        const detail::row_halves<const T> h = detail::halves(px + r * 2 * cols, cols, g);
        const detail::row_halves<T> d = detail::halves(pdx + r * 2 * cols, cols, g);
        detail::gated_backward_part<detail::default_arch, false>(f, h.gate, h.value, pdy + r * cols, d.gate, d.value,
                                                               cols, rows * 2 * cols);
    }
    detail::stream_fence();
}

}  // namespace xact

#endif
