// xact::runtime: the table of one ISA's kernels. Included by one source file per ISA, each compiled
// with that ISA's flags; everything here is templated on the xsimd architecture A, so the copies
// compiled for different ISAs are different functions and the linker never merges them.
#ifndef XACT_SRC_RUNTIME_IMPL_HPP
#define XACT_SRC_RUNTIME_IMPL_HPP

#include <cstddef>
#include <utility>

#include <xact/runtime.hpp>
#include <xact/xact.hpp>

namespace xact {
namespace runtime {
namespace detail {

/// How an activation's parameter maps onto its functor (make is templated on A only to keep each
/// ISA's copy apart).
template <template <class> class F>
struct param_of {
    static constexpr const char* name = nullptr;
    template <class A, class T>
    static F<T> make(T, T) noexcept { return F<T>{}; }
    static constexpr double default_value = 0;
    static constexpr const char* name2 = nullptr;
    static constexpr double default_value2 = 0;
};

/// The activations that take a second parameter: no other.
struct one_param {
    static constexpr const char* name2 = nullptr;
    static constexpr double default_value2 = 0;
};

#define XACT_RUNTIME_PARAM(F, member)                                               \
    template <>                                                                   \
    struct param_of<F> : one_param {                                              \
        static constexpr const char* name = #member;                              \
        template <class A, class T>                                               \
        static F<T> make(T p, T) noexcept                                         \
        {                                                                         \
            F<T> f{};                                                             \
            f.member = p;                                                         \
            return f;                                                             \
        }                                                                         \
        static constexpr double default_value = static_cast<double>(F<double>{}.member); \
    };

XACT_RUNTIME_PARAM(xact::leaky_relu, negative_slope)
XACT_RUNTIME_PARAM(xact::prelu, slope)
XACT_RUNTIME_PARAM(xact::elu, alpha)
XACT_RUNTIME_PARAM(xact::swish, beta)
XACT_RUNTIME_PARAM(xact::softshrink, lambda)
XACT_RUNTIME_PARAM(xact::hardshrink, lambda)
XACT_RUNTIME_PARAM(xact::softplus, beta)
XACT_RUNTIME_PARAM(xact::celu, alpha)
#undef XACT_RUNTIME_PARAM

template <>
struct param_of<xact::hardtanh> {
    static constexpr const char* name = "min_val";
    static constexpr const char* name2 = "max_val";
    template <class A, class T>
    static xact::hardtanh<T> make(T p, T q) noexcept
    {
        return xact::hardtanh<T>{p, q};
    }
    static constexpr double default_value = static_cast<double>(xact::hardtanh<double>{}.min_val);
    static constexpr double default_value2 = static_cast<double>(xact::hardtanh<double>{}.max_val);
};

/// Which parameter values an activation takes (kernel::accepts): all, unless specialised.
template <template <class> class F>
struct param_check {
    static bool accepts(double, double) noexcept { return true; }
};

template <>
struct param_check<xact::hardtanh> {
    static bool accepts(double min_val, double max_val) noexcept { return min_val <= max_val; }
};

template <>
struct param_check<xact::softshrink> {
    static bool accepts(double lambda, double) noexcept { return lambda >= 0; }
};

template <>
struct param_check<xact::hardshrink> {
    static bool accepts(double lambda, double) noexcept { return lambda >= 0; }
};

template <class A, template <class> class F, class T>
void forward_k(T p, T q, const T* x, T* y, std::size_t n) noexcept
{
    xact::forward<A>(param_of<F>::template make<A>(p, q), x, y, n);
}

template <class A, template <class> class F, class T>
void derivative_k(T p, T q, const T* x, T* d, std::size_t n) noexcept
{
    xact::derivative<A>(param_of<F>::template make<A>(p, q), x, d, n);
}

template <class A, template <class> class F, class T>
void backward_k(T p, T q, const T* x, const T* dy, T* dx, std::size_t n) noexcept
{
    xact::backward<A>(param_of<F>::template make<A>(p, q), x, dy, dx, n);
}

template <class A, template <class> class F, class T>
constexpr ops<T> ops_for() noexcept
{
    return {&forward_k<A, F, T>, &derivative_k<A, F, T>, &backward_k<A, F, T>};
}

// The 16-bit kernels: one copy of the block loop per element type and input count
// (xact::detail::half_transform_blocks), running the activation's float and double kernels of
// this table through pointers, so that the 26 activations do not each instantiate it. The loop
// and the kernels are those of the header-only path, so the results are the same bits.
template <class T>
using unary_kernel = void (*)(T, T, const T*, T*, std::size_t) noexcept;
template <class T>
using binary_kernel = void (*)(T, T, const T*, const T*, T*, std::size_t) noexcept;

#if defined(__GNUC__)
#define XACT_RUNTIME_NOINLINE __attribute__((noinline))
#else
#define XACT_RUNTIME_NOINLINE
#endif

template <class A, bool Root, class H>
XACT_RUNTIME_NOINLINE void half_unary(unary_kernel<float> k32, unary_kernel<double> k64, float p, float q,
                                      float scale, const H* x, H* y, std::size_t n) noexcept
{
    const double pd = p, qd = q;
    const H* ins[] = {x};
    xact::detail::half_transform_blocks<A, Root>(
        std::index_sequence<0>{}, n, [=](std::size_t m, float* r, const float* v) { k32(p, q, v, r, m); },
        [=](std::size_t m, double* r, const double* v) { k64(pd, qd, v, r, m); },
        [=](double v) {
            double r;
            k64(pd, qd, &v, &r, 1);
            return r;
        },
        scale, y, ins);
}

template <class A, bool Root, class H>
XACT_RUNTIME_NOINLINE void half_binary(binary_kernel<float> k32, binary_kernel<double> k64, float p, float q,
                                       float scale, const H* x, const H* g, H* y, std::size_t n) noexcept
{
    const double pd = p, qd = q;
    const H* ins[] = {x, g};
    xact::detail::half_transform_blocks<A, Root>(
        std::index_sequence<0, 1>{}, n,
        [=](std::size_t m, float* r, const float* v, const float* w) { k32(p, q, v, w, r, m); },
        [=](std::size_t m, double* r, const double* v, const double* w) { k64(pd, qd, v, w, r, m); },
        [=](double v, double w) {
            double r;
            k64(pd, qd, &v, &w, &r, 1);
            return r;
        },
        scale, y, ins);
}
#undef XACT_RUNTIME_NOINLINE

/// The double kernels of the 16-bit path: the functor the header path recomputes with
/// (xact::detail::to_double_functor of the float functor: its float parameters widened, and a
/// functor's rebind, quick_gelu's constant rounded to float, kept).
template <class A, template <class> class F>
auto double_of(double p, double q) noexcept
{
    return xact::detail::to_double_functor(param_of<F>::template make<A>(float(p), float(q)));
}

template <class A, template <class> class F>
void forward64_k(double p, double q, const double* x, double* y, std::size_t n) noexcept
{
    xact::forward<A>(double_of<A, F>(p, q), x, y, n);
}

template <class A, template <class> class F>
void derivative64_k(double p, double q, const double* x, double* d, std::size_t n) noexcept
{
    xact::derivative<A>(double_of<A, F>(p, q), x, d, n);
}

template <class A, template <class> class F>
void backward64_k(double p, double q, const double* x, const double* dy, double* dx, std::size_t n) noexcept
{
    xact::backward<A>(double_of<A, F>(p, q), x, dy, dx, n);
}

template <class A, template <class> class F, class H>
void half_forward_k(float p, float q, const H* x, H* y, std::size_t n) noexcept
{
    half_unary<A, false>(&forward_k<A, F, float>, &forward64_k<A, F>, p, q, 1.0f, x, y, n);
}

template <class A, template <class> class F, class H>
void half_derivative_k(float p, float q, const H* x, H* d, std::size_t n) noexcept
{
    using Fn = F<float>;
    half_unary<A, xact::detail::derivative_has_root<Fn>::value>(
        &derivative_k<A, F, float>, &derivative64_k<A, F>, p, q,
        xact::detail::root_scale(param_of<F>::template make<A>(p, q)), x, d, n);
}

template <class A, template <class> class F, class H>
void half_backward_k(float p, float q, const H* x, const H* dy, H* dx, std::size_t n) noexcept
{
    using Fn = F<float>;
    half_binary<A, xact::detail::derivative_has_root<Fn>::value>(
        &backward_k<A, F, float>, &backward64_k<A, F>, p, q,
        xact::detail::root_scale(param_of<F>::template make<A>(p, q)), x, dy, dx, n);
}

template <class A, template <class> class F, class H>
constexpr half_ops<H> half_ops_for() noexcept
{
    return {&half_forward_k<A, F, H>, &half_derivative_k<A, F, H>, &half_backward_k<A, F, H>};
}

template <class A, template <class> class F>
constexpr entry entry_for(const char* name) noexcept
{
    return {name,
            param_of<F>::name,
            param_of<F>::default_value,
            ops_for<A, F, float>(),
            ops_for<A, F, double>(),
            param_of<F>::name2,
            param_of<F>::default_value2,
            &param_check<F>::accepts,
            half_ops_for<A, F, bfloat16>(),
            half_ops_for<A, F, float16>()};
}

/// Number of registered activations; the tables of every ISA list them in this order (sorted).
constexpr std::size_t entry_count = 26;

/// The table of A's kernels.
template <class A>
struct table {
    static constexpr entry entries[entry_count] = {
        entry_for<A, xact::celu>(xact::celu<float>::name),
        entry_for<A, xact::elu>(xact::elu<float>::name),
        entry_for<A, xact::gelu>(xact::gelu<float>::name),
        entry_for<A, xact::gelu_tanh>(xact::gelu_tanh<float>::name),
        entry_for<A, xact::hardshrink>(xact::hardshrink<float>::name),
        entry_for<A, xact::hardsigmoid>(xact::hardsigmoid<float>::name),
        entry_for<A, xact::hardswish>(xact::hardswish<float>::name),
        entry_for<A, xact::hardtanh>(xact::hardtanh<float>::name),
        entry_for<A, xact::identity>(xact::identity<float>::name),
        entry_for<A, xact::leaky_relu>(xact::leaky_relu<float>::name),
        entry_for<A, xact::logsigmoid>(xact::logsigmoid<float>::name),
        entry_for<A, xact::mish>(xact::mish<float>::name),
        entry_for<A, xact::prelu>(xact::prelu<float>::name),
        entry_for<A, xact::quick_gelu>(xact::quick_gelu<float>::name),
        entry_for<A, xact::relu>(xact::relu<float>::name),
        entry_for<A, xact::relu6>(xact::relu6<float>::name),
        entry_for<A, xact::selu>(xact::selu<float>::name),
        entry_for<A, xact::sigmoid>(xact::sigmoid<float>::name),
        entry_for<A, xact::swish>("silu"),
        entry_for<A, xact::softplus>(xact::softplus<float>::name),
        entry_for<A, xact::softshrink>(xact::softshrink<float>::name),
        entry_for<A, xact::softsign>(xact::softsign<float>::name),
        entry_for<A, xact::step>(xact::step<float>::name),
        entry_for<A, xact::swish>(xact::swish<float>::name),
        entry_for<A, xact::tanh>(xact::tanh<float>::name),
        entry_for<A, xact::tanhshrink>(xact::tanhshrink<float>::name),
    };
};

template <class A, template <class> class F, class T>
void gated_forward_k(const T* a, const T* b, T* y, std::size_t n) noexcept
{
    xact::gated_forward<A>(F<T>{}, a, b, y, n);
}

template <class A, template <class> class F, class T>
void gated_backward_k(const T* a, const T* b, const T* dy, T* da, T* db, std::size_t n) noexcept
{
    xact::gated_backward<A>(F<T>{}, a, b, dy, da, db, n);
}

template <class A, template <class> class F>
constexpr gated_entry gated_entry_for(const char* name, const char* activation) noexcept
{
    return {name, activation, {&gated_forward_k<A, F, float>, &gated_backward_k<A, F, float>},
            {&gated_forward_k<A, F, double>, &gated_backward_k<A, F, double>}};
}

/// Number of registered gated units, in this order (sorted) in every ISA's table.
constexpr std::size_t gated_count = 5;

template <class A>
struct gated_table {
    static constexpr gated_entry entries[gated_count] = {
        gated_entry_for<A, xact::gelu>("geglu", "gelu"),
        gated_entry_for<A, xact::gelu_tanh>("geglu_tanh", "gelu_tanh"),
        gated_entry_for<A, xact::sigmoid>("glu", "sigmoid"),
        gated_entry_for<A, xact::relu>("reglu", "relu"),
        gated_entry_for<A, xact::swish>("swiglu", "silu"),
    };
};

/// An ISA's two tables.
struct isa_tables {
    const entry* activations;
    const gated_entry* gated;
};

/// The ISA tables, each defined in its own source file: sse2, avx2 and avx512 on x86, neon on
/// aarch64, and elsewhere one table of the default architecture (xsimd's, or detail::scalar_arch).
#if XACT_X86
extern const isa_tables sse2_tables;
extern const isa_tables avx2_tables;
extern const isa_tables avx512_tables;
#elif defined(__aarch64__)
extern const isa_tables neon_tables;
#else
extern const isa_tables default_tables;
/// Its name: the architecture's ("scalar" where xsimd has none).
constexpr const char* default_isa = xact::detail::default_arch::name();
#endif

}  // namespace detail
}  // namespace runtime
}  // namespace xact

#endif
