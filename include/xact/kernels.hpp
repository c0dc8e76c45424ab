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
// code, zero-padded (a masked load and store on AVX-512, a padded copy elsewhere), so a result does
// not depend on n or on where the array starts.
// Kernels use the widest instruction set the translation unit is compiled for (xsimd's default
// architecture), or the xsimd architecture A given as xact::forward<A>(f, x, y, n) (the TU must be
// compiled for A); nothing is allocated. Outputs of XACT_STREAM_BYTES (16 MiB) or more are written
// with non-temporal stores (see below).
#ifndef XACT_KERNELS_HPP
#define XACT_KERNELS_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "detail/simd.hpp"
#include "half.hpp"

// Outputs of at least this many bytes are written with non-temporal (streaming) stores on x86: an
// array that large would leave the caches before it is read again, and streaming saves the read of
// each destination line before its write (1.4x for relu at 16M floats on an AMD EPYC with 32 MiB of
// L3; docs/PERFORMANCE.md). 0 turns streaming off. Define it the same in every translation unit.
#ifndef XACT_STREAM_BYTES
#define XACT_STREAM_BYTES (std::size_t(16) << 20)
#endif

namespace xact {
namespace detail {

template <class T>
using default_batch = batch_t<T, default_arch>;

/// True for an xsimd architecture tag (they all have a static name(); version() is gone in xsimd 13).
template <class A, class = void>
struct is_arch : std::false_type {};

template <class A>
struct is_arch<A, std::void_t<decltype(A::name())>> : std::true_type {};

template <class A>
using enable_if_arch = std::enable_if_t<is_arch<A>::value, int>;

#if defined(__AVX512F__)
/// The AVX-512 mask of the first count lanes (count <= 16).
inline unsigned first_lanes(std::size_t count) noexcept { return (1u << count) - 1; }
#endif

/// The first count lanes of p (count < the batch size), `fill` in the others: on AVX-512 one masked
/// load, which touches nothing past p + count; elsewhere through a padded copy. Plain loops rather
/// than std::copy: code compiled for A calls nothing shared with other instruction sets.
template <class T, class A = detail::default_arch>
inline batch_t<T, A> load_partial(T const* p, std::size_t count, T fill) noexcept
{
    using B = batch_t<T, A>;
#if defined(__AVX512F__)
    if constexpr (is_avx512<B>::value) {
        // a whole batch's scalar stores read back as one vector would miss store forwarding
        if constexpr (std::is_same<T, float>::value)
            return _mm512_mask_loadu_ps(_mm512_set1_ps(fill), static_cast<__mmask16>(first_lanes(count)), p);
        else
            return _mm512_mask_loadu_pd(_mm512_set1_pd(fill), static_cast<__mmask8>(first_lanes(count)), p);
    }
#endif
    alignas(64) T pad[lane_count<B>];
    for (std::size_t j = 0; j < lane_count<B>; ++j) pad[j] = j < count ? p[j] : fill;
    return load_aligned<B>(pad);
}

/// Stores the first count lanes of v at p (count <= the batch size), nothing past p + count.
template <class T, class B>
inline void store_partial(B const& v, T* p, std::size_t count) noexcept
{
    if (count == lane_count<B>) {
        store_unaligned(v, p);
        return;
    }
#if defined(__AVX512F__)
    if constexpr (is_avx512<B>::value) {
        if constexpr (std::is_same<T, float>::value)
            _mm512_mask_storeu_ps(p, static_cast<__mmask16>(first_lanes(count)), v);
        else
            _mm512_mask_storeu_pd(p, static_cast<__mmask8>(first_lanes(count)), v);
        return;
    }
#endif
    alignas(64) T lanes[lane_count<B>];
    store_aligned(v, lanes);
    // j < lane_count as well: count never exceeds it, but GCC cannot always see that (-Warray-bounds)
    for (std::size_t j = 0; j < count && j < lane_count<B>; ++j) p[j] = lanes[j];
}

/// op applied to the tails in_k[i, n) padded with zeros.
template <class T, class A = detail::default_arch, class Op, class... In>
inline batch_t<T, A> apply_padded(std::size_t i, std::size_t n, Op& op, In const*... in) noexcept
{
    return op(load_partial<T, A>(in + i, n - i, T(0))...);
}

/// The pack of the batches at p, p + w, p + 2 w, ...
template <class P, class T>
inline P load_pack(T const* p) noexcept
{
    using B = typename P::batch_type;
    return P(pack_generate{}, [p](auto k) { return load_unaligned<B>(p + decltype(k)::value * lane_count<B>); });
}

/// The alignment of A's non-temporal stores (MOVNTPS/MOVNTPD, x86: the batch size), or 0 where A
/// has none in this translation unit.
template <class A>
constexpr std::size_t stream_alignment() noexcept
{
#if defined(__AVX512F__)
    if constexpr (std::is_base_of<xsimd::avx512f, A>::value) return 64;
#endif
#if defined(__AVX__)
    if constexpr (std::is_base_of<xsimd::avx, A>::value) return 32;
#endif
#if defined(__SSE2__)
    if constexpr (std::is_base_of<xsimd::sse2, A>::value) return 16;
#endif
    return 0;
}

/// Stores b at p (aligned to stream_alignment<A>()) around the caches.
template <class T, class A>
inline void store_stream(T* p, xsimd::batch<T, A> const& b) noexcept
{
    constexpr bool is_float = std::is_same<T, float>::value;
#if defined(__AVX512F__)
    if constexpr (std::is_base_of<xsimd::avx512f, A>::value) {
        if constexpr (is_float) _mm512_stream_ps(p, b);
        else _mm512_stream_pd(p, b);
        return;
    }
#endif
#if defined(__AVX__)
    if constexpr (std::is_base_of<xsimd::avx, A>::value) {
        if constexpr (is_float) _mm256_stream_ps(p, b);
        else _mm256_stream_pd(p, b);
        return;
    }
#endif
#if defined(__SSE2__)
    if constexpr (std::is_base_of<xsimd::sse2, A>::value) {
        if constexpr (is_float) _mm_stream_ps(p, b);
        else _mm_stream_pd(p, b);
        return;
    }
#endif
    b.store_aligned(p);
}

/// Orders the non-temporal stores before whatever follows (other threads reading the output).
inline void stream_fence() noexcept
{
#if defined(__SSE2__)
    _mm_sfence();
#endif
}

template <bool Stream, class T, class B>
inline void store_result(T* p, B const& b) noexcept
{
    if constexpr (Stream) store_stream(p, b);
    else store_unaligned(b, p);
}

/// out[j] = op(in_0[j], ...) for j in [i, m), m - i < the batch size, through one padded batch.
template <class T, class A, class Op, class... In>
inline void transform_padded(std::size_t i, std::size_t m, Op& op, T* out, In const*... in) noexcept
{
    store_partial(apply_padded<T, A>(i, m, op, in...), out + i, m - i);
}

/// Whether an Op (a reference type) takes four-batch packs of B for each of its inputs In. Asked
/// only for batches: asking with a pack of scalars would instantiate the formula on one.
template <class B, class Op, class... In>
constexpr bool takes_packs() noexcept
{
    if constexpr (value_traits<B>::is_batch)
        return std::is_invocable<Op, decltype((void)std::declval<In*>(), std::declval<pack<B, 4>>())...>::value;
    else
        return false;
}

/// The whole batches of out[i, n): returns where the batches stop.
template <bool Stream, class T, class A, class Op, class... In>
inline std::size_t transform_batches(std::size_t i, std::size_t n, Op& op, T* out, In const*... in) noexcept
{
    using B = batch_t<T, A>;
    constexpr std::size_t w = lane_count<B>;
    // Four batches per step as one pack: the formula issues each step for the four back to back
    // (detail/pack.hpp), so four independent dependency chains are always ready to run. An op that
    // takes only batches gets the four one after the other.
    // (scalar_arch: one element at a time, below)
    using P = pack<B, 4>;
    if constexpr (value_traits<B>::is_batch) {
        for (; i + 4 * w <= n; i += 4 * w) {
            if constexpr (takes_packs<B, Op&, In...>()) {
                P r = op(load_pack<P>(in + i)...);
                for (std::size_t k = 0; k < 4; ++k) store_result<Stream>(out + i + k * w, r.m[k]);
            } else {
                B r0 = op(load_unaligned<B>(in + i)...);
                B r1 = op(load_unaligned<B>(in + i + w)...);
                B r2 = op(load_unaligned<B>(in + i + 2 * w)...);
                B r3 = op(load_unaligned<B>(in + i + 3 * w)...);
                store_result<Stream>(out + i, r0);
                store_result<Stream>(out + i + w, r1);
                store_result<Stream>(out + i + 2 * w, r2);
                store_result<Stream>(out + i + 3 * w, r3);
            }
        }
    }
    for (; i + w <= n; i += w) {
        store_result<Stream>(out + i, op(load_unaligned<B>(in + i)...));
    }
    return i;
}

/// out[i] = op(in_0[i], in_1[i], ...) over n elements, a batch at a time; the tail on padded copies.
/// op is taken by value, and the kernels' lambdas hold the functor by value: a local copy cannot alias
/// out, so its parameters are loaded once, not after every store.
/// An output of at least XACT_STREAM_BYTES bytes is written with non-temporal stores (from the first
/// aligned batch on; the elements before it go through one padded batch), then fenced. `total` is
/// the size of the whole output this call is part of (a row of a matrix: the matrix), n otherwise;
/// with Fence = false the caller fences once after its last part.
template <class T, class A = detail::default_arch, bool Fence = true, class Op, class... In>
XACT_FLATTEN inline void transform_part(std::size_t n, std::size_t total, Op op, T* out, In const*... in) noexcept
{
    constexpr std::size_t align = stream_alignment<A>();
    std::size_t i = 0;
    bool stream = false;
    if constexpr (align != 0) {
        auto address = reinterpret_cast<std::uintptr_t>(out);
        constexpr std::size_t stream_min = XACT_STREAM_BYTES / sizeof(T);
        stream = stream_min != 0 && total >= stream_min && address % sizeof(T) == 0;
        if (stream) {
            std::size_t head = std::min(n, (align - address % align) % align / sizeof(T));
            if (head != 0) transform_padded<T, A>(0, head, op, out, in...);
            i = transform_batches<true, T, A>(head, n, op, out, in...);
            if constexpr (Fence) stream_fence();
        }
    }
    if (!stream) i = transform_batches<false, T, A>(0, n, op, out, in...);
    // one-lane batches (scalar_arch) leave no tail: no padded batch is compiled for them
    if constexpr (lane_count<batch_t<T, A>> > 1) {
        if (i < n) transform_padded<T, A>(i, n, op, out, in...);
    }
}

template <class T, class A = detail::default_arch, class Op, class... In>
XACT_FLATTEN inline void transform(std::size_t n, Op op, T* out, In const*... in) noexcept
{
    transform_part<T, A>(n, n, op, out, in...);
}

/// Two results of one formula (the gated kernels' backward: da and db).
template <class V>
struct two_results {
    V first, second;
};

/// The whole batches of out0, out1 over [i, n), four per step as a pack: returns where they stop.
template <bool Stream, class T, class A, class Op, class... In>
inline std::size_t transform2_batches(std::size_t i, std::size_t n, Op& op, T* out0, T* out1, In const*... in) noexcept
{
    using B = batch_t<T, A>;
    using P = pack<B, 4>;
    constexpr std::size_t w = lane_count<B>;
    if constexpr (value_traits<B>::is_batch) {
        for (; i + 4 * w <= n; i += 4 * w) {
            two_results<P> r = op(load_pack<P>(in + i)...);
            for (std::size_t k = 0; k < 4; ++k) {
                store_result<Stream>(out0 + i + k * w, r.first.m[k]);
                store_result<Stream>(out1 + i + k * w, r.second.m[k]);
            }
        }
    }
    for (; i + w <= n; i += w) {
        two_results<B> r = op(load_unaligned<B>(in + i)...);
        store_result<Stream>(out0 + i, r.first);
        store_result<Stream>(out1 + i, r.second);
    }
    return i;
}

/// out0[i], out1[i] = op(in_0[i], ...) (op returns two_results) over n elements: four batches per
/// step as a pack, then single batches, then the tail through one padded batch. Every input batch
/// is loaded before its results are stored, so out0 may equal one input and out1 another. Outputs
/// of XACT_STREAM_BYTES or more (total, as in transform_part) whose starts are equally aligned are
/// streamed (Fence as in transform_part).
template <class T, class A = detail::default_arch, bool Fence = true, class Op, class... In>
XACT_FLATTEN inline void transform2_part(std::size_t n, std::size_t total, Op op, T* out0, T* out1,
                                         In const*... in) noexcept
{
    using B = batch_t<T, A>;
    constexpr std::size_t align = stream_alignment<A>();
    std::size_t i = 0;
    bool stream = false;
    auto padded = [&](std::size_t from, std::size_t to) {
        two_results<B> r = op(load_partial<T, A>(in + from, to - from, T(0))...);
        store_partial(r.first, out0 + from, to - from);
        store_partial(r.second, out1 + from, to - from);
    };
    if constexpr (align != 0) {
        auto a0 = reinterpret_cast<std::uintptr_t>(out0), a1 = reinterpret_cast<std::uintptr_t>(out1);
        constexpr std::size_t stream_min = XACT_STREAM_BYTES / sizeof(T);
        stream = stream_min != 0 && total >= stream_min && a0 % sizeof(T) == 0 && a0 % align == a1 % align;
        if (stream) {
            std::size_t head = std::min(n, (align - a0 % align) % align / sizeof(T));
            if (head != 0) padded(0, head);
            i = transform2_batches<true, T, A>(head, n, op, out0, out1, in...);
            if constexpr (Fence) stream_fence();
        }
    }
    if (!stream) i = transform2_batches<false, T, A>(0, n, op, out0, out1, in...);
    if constexpr (lane_count<B> > 1) {
        if (i < n) padded(i, n);
    }
}

template <class T, class A = detail::default_arch, class Op, class... In>
XACT_FLATTEN inline void transform2(std::size_t n, Op op, T* out0, T* out1, In const*... in) noexcept
{
    transform2_part<T, A>(n, n, op, out0, out1, in...);
}

/// The lane-wise sum of `first` and term(i) over the whole batches i = 0, w, 2 w, ... < full, with
/// an error that does not grow with the count: the batches are summed in blocks of 64 (four
/// independent accumulators, 16 additions each, so a block's error is at most ~18 eps of its
/// magnitude), and each block's sum is added into a running sum with its rounding error kept
/// (Knuth's TwoSum, "The Art of Computer Programming" vol. 2, 4.2.2; Neumaier 1974 for the idea of
/// carrying it). A row of 10^7 floats sums to within a few eps instead of the ~n eps / w of one
/// running sum per lane. The compensation costs six additions per 64 batches.
template <class T, class A, class Term>
inline batch_t<T, A> compensated_sum(std::size_t full, batch_t<T, A> first, Term&& term) noexcept
{
    using B = batch_t<T, A>;
    constexpr std::size_t w = lane_count<B>, block = 64 * w;
    B s = first, c(T(0));
    for (std::size_t b = 0; b < full; b += block) {
        const std::size_t end = std::min(full, b + block);
        B a0(T(0)), a1(T(0)), a2(T(0)), a3(T(0));
        std::size_t i = b;
        for (; i + 4 * w <= end; i += 4 * w) {
            a0 += term(i);
            a1 += term(i + w);
            a2 += term(i + 2 * w);
            a3 += term(i + 3 * w);
        }
        for (; i < end; i += w) a0 += term(i);
        const B p = (a0 + a1) + (a2 + a3), t = s + p, z = t - s;
        c += (s - (t - z)) + (p - z);
        s = t;
    }
    // an infinite or NaN sum leaves a NaN compensation (inf - inf): the sum alone is the answer
    return detail::select(detail::abs(s) <= B(std::numeric_limits<T>::max()), s + c, s);
}

/// sum over i < n of op(in_0[i], ...), accumulated in SIMD lanes with compensated_sum (error
/// independent of n). op must give 0 on zero inputs (the padding of the last batch).
template <class T, class A = detail::default_arch, class Op, class... In>
inline T reduce_sum(std::size_t n, Op op, In const*... in) noexcept
{
    using B = batch_t<T, A>;
    constexpr std::size_t w = lane_count<B>;
    const std::size_t full = n - n % w;
    const B tail = full < n ? apply_padded<T, A>(full, n, op, in...) : B(T(0));
    auto term = [&](std::size_t i) { return op(load_unaligned<B>(in + i)...); };
    return detail::reduce_add(compensated_sum<T, A>(full, tail, term));
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
    static_assert(std::is_same<range_value_t<R>, typename F::value_type>::value ||
                      (is_half<range_value_t<R>>::value && std::is_same<typename F::value_type, float>::value),
                  "xact kernels: the arrays' element type must be the functor's value type (or bfloat16 / "
                  "float16 with a float functor)");
}

/// What slope_gradient returns for arrays of T: T, or float for the 16-bit types.
template <class T>
using sum_t = std::conditional_t<is_half<T>::value, float, T>;

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

/// a b for a shape's extents; a product that does not fit std::size_t throws std::invalid_argument
/// naming both operands (a wrapped product would pass a size check and index past the arrays).
inline std::size_t checked_product(const char* where, const char* a, std::size_t na, const char* b, std::size_t nb)
{
    if (na != 0 && nb > std::numeric_limits<std::size_t>::max() / na) {
        throw std::invalid_argument(std::string(where) + ": " + a + " (" + std::to_string(na) + ") x " + b + " (" +
                                    std::to_string(nb) + ") overflows std::size_t");
    }
    return na * nb;
}

}  // namespace detail
}  // namespace xact

// The 16-bit element types (xact::bfloat16, xact::float16): widen, the loops above, round once.
#include "detail/half_kernel.hpp"

namespace xact {

// ---------------------------------------------------------------- pointer forms
// Arrays of bfloat16 or float16 with a float functor: the input widened exactly, the float kernel,
// one correct rounding to the 16-bit type (detail/half_kernel.hpp).
/// y[i] = f(x[i]) for i < n. y may equal x.
template <class F, class T>
inline void forward(F const& f, const T* x, T* y, std::size_t n) noexcept
{
    if constexpr (detail::is_half<T>::value) {
        detail::half_forward<detail::default_arch>(f, x, y, n);
    } else {
        detail::transform<T>(n, [f](auto v) { return f.forward(v); }, y, x);
    }
}

/// d[i] = f'(x[i]) for i < n. d may equal x.
template <class F, class T>
inline void derivative(F const& f, const T* x, T* d, std::size_t n) noexcept
{
    if constexpr (detail::is_half<T>::value) {
        detail::half_derivative<detail::default_arch>(f, x, d, n);
    } else {
        detail::transform<T>(n, [f](auto v) { return f.derivative(v); }, d, x);
    }
}

/// dx[i] = dy[i] * f'(x[i]) for i < n. dx may equal x or dy.
template <class F, class T>
inline void backward(F const& f, const T* x, const T* dy, T* dx, std::size_t n) noexcept
{
    if constexpr (detail::is_half<T>::value) {
        detail::half_backward<detail::default_arch>(f, x, dy, dx, n);
    } else {
        detail::transform<T>(n, [f](auto v, auto g) { return g * f.derivative(v); }, dx, x, dy);
    }
}

/// dx[i] = dy[i] * f'(x[i]) computed from y[i] = f(x[i]) (f.derivative_from_output). dx may equal y or dy.
template <class F, class T>
inline void backward_from_output(F const& f, const T* y, const T* dy, T* dx, std::size_t n) noexcept
{
    if constexpr (detail::is_half<T>::value) {
        detail::half_backward_from_output<detail::default_arch>(f, y, dy, dx, n);
    } else {
        detail::transform<T>(n, [f](auto v, auto g) { return g * f.derivative_from_output(v); }, dx, y, dy);
    }
}

/// sum over i < n of dy[i] * p.slope_derivative(x[i]): the gradient of a PReLU's slope.
template <class P, class T>
inline detail::sum_t<T> slope_gradient(P const& p, const T* x, const T* dy, std::size_t n) noexcept
{
    if constexpr (detail::is_half<T>::value) {
        return detail::half_slope_gradient<detail::default_arch>(p, x, dy, n);
    } else {
        return detail::reduce_sum<T>(n, [p](auto v, auto g) { return g * p.slope_derivative(v); }, x, dy);
    }
}

// ---------------------------------------------------------------- pointer forms for an explicit architecture
// xact::forward<A>(f, x, y, n) and so on: the same kernels on batches of xsimd architecture A.
template <class A, class F, class T, detail::enable_if_arch<A> = 0>
inline void forward(F const& f, const T* x, T* y, std::size_t n) noexcept
{
    if constexpr (detail::is_half<T>::value) {
        detail::half_forward<A>(f, x, y, n);
    } else {
        detail::transform<T, A>(n, [f](auto v) { return f.forward(v); }, y, x);
    }
}

template <class A, class F, class T, detail::enable_if_arch<A> = 0>
inline void derivative(F const& f, const T* x, T* d, std::size_t n) noexcept
{
    if constexpr (detail::is_half<T>::value) {
        detail::half_derivative<A>(f, x, d, n);
    } else {
        detail::transform<T, A>(n, [f](auto v) { return f.derivative(v); }, d, x);
    }
}

template <class A, class F, class T, detail::enable_if_arch<A> = 0>
inline void backward(F const& f, const T* x, const T* dy, T* dx, std::size_t n) noexcept
{
    if constexpr (detail::is_half<T>::value) {
        detail::half_backward<A>(f, x, dy, dx, n);
    } else {
        detail::transform<T, A>(n, [f](auto v, auto g) { return g * f.derivative(v); }, dx, x, dy);
    }
}

template <class A, class F, class T, detail::enable_if_arch<A> = 0>
inline void backward_from_output(F const& f, const T* y, const T* dy, T* dx, std::size_t n) noexcept
{
    if constexpr (detail::is_half<T>::value) {
        detail::half_backward_from_output<A>(f, y, dy, dx, n);
    } else {
        detail::transform<T, A>(n, [f](auto v, auto g) { return g * f.derivative_from_output(v); }, dx, y, dy);
    }
}

template <class A, class P, class T, detail::enable_if_arch<A> = 0>
inline detail::sum_t<T> slope_gradient(P const& p, const T* x, const T* dy, std::size_t n) noexcept
{
    if constexpr (detail::is_half<T>::value) {
        return detail::half_slope_gradient<A>(p, x, dy, n);
    } else {
        return detail::reduce_sum<T, A>(n, [p](auto v, auto g) { return g * p.slope_derivative(v); }, x, dy);
    }
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
