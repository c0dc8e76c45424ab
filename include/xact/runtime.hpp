// xact::runtime: the activations as compiled, type-erased kernels, for the best instruction set
// the CPU has (link xact::runtime; nothing here needs special compiler flags).
//
//   const xact::runtime::kernel* k = xact::runtime::find("gelu");  // nullptr if unknown
//   k->forward(x, y, n);                           // float, double, bfloat16 or float16 arrays
//   auto leaky = xact::runtime::find("leaky_relu", 0.2);  // std::optional<kernel>
//   auto clip = xact::runtime::find("hardtanh", -2.0, 3.0);  // two parameters
//
// The library holds one build of every kernel per ISA of the target (x86: sse2, avx2 = AVX2 + FMA
// + F16C, avx512 = AVX-512 F/CD/DQ/BW/VL; aarch64: neon; any other target: one build of its default
// architecture, "scalar" where xsimd has none) and picks one the first time it is used: the best
// the CPU supports, or a lower one named by the environment variable XACT_ISA. An unknown or
// unsupported XACT_ISA is reported on stderr and the best ISA is kept. Results are those of the
// header-only kernels (<xact/kernels.hpp>) compiled for the same ISA.
//
// Registered: every elementwise activation under its functor's `name`, and "silu" (swish with
// beta 1), found by find(); the gated units swiglu, geglu, geglu_tanh, reglu and glu
// (<xact/gated.hpp>), found by find_gated(). One parameter each for leaky_relu (negative_slope), prelu (slope), elu (alpha) and
// swish (beta); the others take none.
// Two parameters for hardtanh (min_val, max_val): find(name, p, q) sets both, find(name, p) and
// with_param(p) set the first and keep the second's default; kernel::param_count(), param_name(i)
// and param(i) describe them. Parameters an activation does not accept (hardtanh's min_val above
// max_val, a negative lambda of softshrink or hardshrink) are refused like non-finite ones.
// One parameter (lambda) for softshrink and hardshrink; none for hardswish, hardsigmoid, relu6 and
// softsign.
// Also registered: softplus (parameter beta: find("softplus", beta)), mish, celu (parameter alpha:
// find("celu", alpha)), logsigmoid, tanhshrink and quick_gelu.
#ifndef XACT_RUNTIME_HPP
#define XACT_RUNTIME_HPP

#include <cfloat>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "detail/gate.hpp"
#include "half.hpp"

namespace xact {
namespace runtime {

namespace detail {

/// The compiled kernels of one activation for one ISA and element type; p and q are the first and
/// second parameters (ignored by an activation without them).
template <class T>
struct ops {
    void (*forward)(T p, T q, const T* x, T* y, std::size_t n) noexcept;
    void (*derivative)(T p, T q, const T* x, T* d, std::size_t n) noexcept;
    void (*backward)(T p, T q, const T* x, const T* dy, T* dx, std::size_t n) noexcept;
};

/// The compiled kernels over a 16-bit type H (xact::bfloat16, xact::float16) with the float functor.
template <class H>
struct half_ops {
    void (*forward)(float p, float q, const H* x, H* y, std::size_t n) noexcept;
    void (*derivative)(float p, float q, const H* x, H* d, std::size_t n) noexcept;
    void (*backward)(float p, float q, const H* x, const H* dy, H* dx, std::size_t n) noexcept;
};

/// One activation for one ISA.
struct entry {
    const char* name;
    const char* param_name;  // nullptr when the activation takes no parameter
    double default_param;    // 0 when it takes none
    ops<float> f32;
    ops<double> f64;
    const char* param2_name;  // the second parameter's; nullptr when it takes fewer than two
    double default_param2;    // 0 when it takes fewer than two
    bool (*accepts)(double p, double q) noexcept;  // whether the activation takes these values
    half_ops<bfloat16> bf16;
    half_ops<float16> f16;
};

/// The compiled gated kernels (y = f(a) b and its backward) of one unit for one ISA and type.
template <class T>
struct gated_ops {
    void (*forward)(const T* a, const T* b, T* y, std::size_t n) noexcept;
    void (*backward)(const T* a, const T* b, const T* dy, T* da, T* db, std::size_t n) noexcept;
};

/// One gated unit for one ISA: its name and the activation f it gates with.
struct gated_entry {
    const char* name;
    const char* activation;
    gated_ops<float> f32;
    gated_ops<double> f64;
};

}  // namespace detail

/// One gated unit's kernels for one ISA (<xact/gated.hpp>'s gated_forward and gated_backward
/// compiled for it): split inputs, or rows of the concatenated layout (x rows x 2 cols, the gate
/// half first or second). Pointers must not overlap partially; split: y may equal a or b, da may
/// equal a or dy, db may equal b; rows: dx may equal x.
class gated_kernel {
public:
    gated_kernel(const detail::gated_entry& e, const char* isa) noexcept : e_(&e), isa_(isa) {}

    /// y[i] = f(a[i]) b[i]
    void forward(const float* a, const float* b, float* y, std::size_t n) const noexcept { e_->f32.forward(a, b, y, n); }
    void forward(const double* a, const double* b, double* y, std::size_t n) const noexcept
    {
        e_->f64.forward(a, b, y, n);
    }
    /// da[i] = dy[i] b[i] f'(a[i]), db[i] = dy[i] f(a[i])
    void backward(const float* a, const float* b, const float* dy, float* da, float* db, std::size_t n) const noexcept
    {
        e_->f32.backward(a, b, dy, da, db, n);
    }
    void backward(const double* a, const double* b, const double* dy, double* da, double* db,
                  std::size_t n) const noexcept
    {
        e_->f64.backward(a, b, dy, da, db, n);
    }

    /// Rows: x is rows x 2 cols, y rows x cols. std::invalid_argument if rows x 2 cols overflows.
    void forward(const float* x, float* y, std::size_t rows, std::size_t cols, gate g = gate::first) const
    {
        rows_forward(e_->f32, x, y, rows, cols, g);
    }
    void forward(const double* x, double* y, std::size_t rows, std::size_t cols, gate g = gate::first) const
    {
        rows_forward(e_->f64, x, y, rows, cols, g);
    }
    /// Rows: dy is rows x cols, dx rows x 2 cols (da in the gate half, db in the other).
    void backward(const float* x, const float* dy, float* dx, std::size_t rows, std::size_t cols,
                  gate g = gate::first) const
    {
        rows_backward(e_->f32, x, dy, dx, rows, cols, g);
    }
    void backward(const double* x, const double* dy, double* dx, std::size_t rows, std::size_t cols,
                  gate g = gate::first) const
    {
        rows_backward(e_->f64, x, dy, dx, rows, cols, g);
    }

    const char* name() const noexcept { return e_->name; }
    /// The activation f: "silu", "gelu", "gelu_tanh", "relu" or "sigmoid".
    const char* activation() const noexcept { return e_->activation; }
    const char* isa() const noexcept { return isa_; }

private:
    static void check_shape(std::size_t rows, std::size_t cols)
    {
        const std::size_t max = static_cast<std::size_t>(-1);
        if (cols > max / 2 || (cols != 0 && rows > max / (2 * cols))) {
            throw std::invalid_argument("xact::runtime::gated_kernel: rows (" + std::to_string(rows) + ") x 2 x cols (" +
                                        std::to_string(cols) + ") overflows std::size_t");
        }
    }

    template <class T>
    static void rows_forward(detail::gated_ops<T> const& o, const T* x, T* y, std::size_t rows, std::size_t cols,
                             gate g)
    {
        check_shape(rows, cols);
        for (std::size_t r = 0; r < rows; ++r) {
            const T* row = x + r * 2 * cols;
            o.forward(g == gate::first ? row : row + cols, g == gate::first ? row + cols : row, y + r * cols, cols);
        }
    }

    template <class T>
    static void rows_backward(detail::gated_ops<T> const& o, const T* x, const T* dy, T* dx, std::size_t rows,
                              std::size_t cols, gate g)
    {
        check_shape(rows, cols);
        for (std::size_t r = 0; r < rows; ++r) {
            const T* row = x + r * 2 * cols;
            T* drow = dx + r * 2 * cols;
            const std::size_t ga = g == gate::first ? 0 : cols, vb = g == gate::first ? cols : 0;
            o.backward(row + ga, row + vb, dy + r * cols, drow + ga, drow + vb, cols);
        }
    }

    const detail::gated_entry* e_;
    const char* isa_;
};

/// One activation's kernels for one ISA, with its parameter: a small value type (two pointers and
/// the parameter), cheap to copy. Pointers must not overlap partially; y may equal x, dx may equal
/// x or dy. Any length and alignment.
class kernel {
public:
    kernel(const detail::entry& e, const char* isa, double param) noexcept : kernel(e, isa, param, e.default_param2) {}
    kernel(const detail::entry& e, const char* isa, double param, double param2) noexcept
        : e_(&e), isa_(isa), pf_(static_cast<float>(param)), pd_(param), qf_(static_cast<float>(param2)), qd_(param2)
    {
    }

    /// y[i] = f(x[i])
    void forward(const float* x, float* y, std::size_t n) const noexcept { e_->f32.forward(pf_, qf_, x, y, n); }
    void forward(const double* x, double* y, std::size_t n) const noexcept { e_->f64.forward(pd_, qd_, x, y, n); }
    /// d[i] = f'(x[i])
    void derivative(const float* x, float* d, std::size_t n) const noexcept
    {
        e_->f32.derivative(pf_, qf_, x, d, n);
    }
    void derivative(const double* x, double* d, std::size_t n) const noexcept
    {
        e_->f64.derivative(pd_, qd_, x, d, n);
    }
    /// dx[i] = dy[i] f'(x[i])
    void backward(const float* x, const float* dy, float* dx, std::size_t n) const noexcept
    {
        e_->f32.backward(pf_, qf_, x, dy, dx, n);
    }
    void backward(const double* x, const double* dy, double* dx, std::size_t n) const noexcept
    {
        e_->f64.backward(pd_, qd_, x, dy, dx, n);
    }
    /// The same over bfloat16 and float16 arrays, correctly rounded (<xact/half.hpp>, the kernels
    /// of <xact/kernels.hpp> with the float functor).
    void forward(const bfloat16* x, bfloat16* y, std::size_t n) const noexcept { e_->bf16.forward(pf_, qf_, x, y, n); }
    void forward(const float16* x, float16* y, std::size_t n) const noexcept { e_->f16.forward(pf_, qf_, x, y, n); }
    void derivative(const bfloat16* x, bfloat16* d, std::size_t n) const noexcept
    {
        e_->bf16.derivative(pf_, qf_, x, d, n);
    }
    void derivative(const float16* x, float16* d, std::size_t n) const noexcept { e_->f16.derivative(pf_, qf_, x, d, n); }
    void backward(const bfloat16* x, const bfloat16* dy, bfloat16* dx, std::size_t n) const noexcept
    {
        e_->bf16.backward(pf_, qf_, x, dy, dx, n);
    }
    void backward(const float16* x, const float16* dy, float16* dx, std::size_t n) const noexcept
    {
        e_->f16.backward(pf_, qf_, x, dy, dx, n);
    }

    const char* name() const noexcept { return e_->name; }
    /// The ISA these kernels were compiled for.
    const char* isa() const noexcept { return isa_; }
    /// The first parameter's name (negative_slope, slope, alpha, beta, lambda, min_val), or nullptr
    /// if there is none.
    const char* param_name() const noexcept { return e_->param_name; }
    /// The first parameter (the functor's default unless given to find); 0 if there is none.
    double param() const noexcept { return pd_; }
    /// How many parameters the activation takes: 0, 1 or 2 (hardtanh).
    std::size_t param_count() const noexcept { return e_->param2_name ? 2 : e_->param_name ? 1 : 0; }
    /// The name of parameter i (0 or 1), or nullptr if there is none.
    const char* param_name(std::size_t i) const noexcept
    {
        return i == 0 ? e_->param_name : i == 1 ? e_->param2_name : nullptr;
    }
    /// Parameter i (0 or 1); 0 if there is none.
    double param(std::size_t i) const noexcept { return i == 0 ? pd_ : i == 1 && e_->param2_name ? qd_ : 0.0; }
    /// This kernel with its first parameter set to p (ignored by an activation with no parameter),
    /// the second kept. p must be finite and within float's range, since the float kernels take it
    /// as a float, and a value the activation accepts: otherwise std::invalid_argument (find(name,
    /// p) returns nullopt instead).
    kernel with_param(double p) const { return with_params(p, qd_); }
    /// This kernel with both parameters set (hardtanh: min_val p, max_val q), on the same terms.
    kernel with_params(double p, double q) const
    {
        if (!param_in_range(p) || !param_in_range(q)) {
            throw std::invalid_argument(std::string("xact::runtime::kernel::with_params: ") + e_->name + " parameters " +
                                        std::to_string(p) + ", " + std::to_string(q) + " are not finite in float");
        }
        if (e_->param_name && !e_->accepts(p, q)) {
            throw std::invalid_argument(std::string("xact::runtime::kernel::with_params: ") + e_->name +
                                        " does not take " + e_->param_name + " = " + std::to_string(p) +
                                        (e_->param2_name ? std::string(", ") + e_->param2_name + " = " + std::to_string(q)
                                                         : std::string()));
        }
        return kernel(*e_, isa_, p, q);
    }

    /// Whether the activation takes the parameter values p, q (hardtanh: p <= q; softshrink and
    /// hardshrink: p >= 0; true for the others and for activations without parameters).
    bool accepts(double p, double q) const noexcept { return !e_->param_name || e_->accepts(p, q); }

    /// Whether p is a valid parameter: finite, and finite when rounded to float.
    static bool param_in_range(double p) noexcept
    {
        return p == p && p >= -static_cast<double>(FLT_MAX) && p <= static_cast<double>(FLT_MAX);
    }

private:
    const detail::entry* e_;
    const char* isa_;
    float pf_;
    double pd_;
    float qf_;
    double qd_;
};

/// The ISA in use: "avx512", "avx2" or "sse2" on x86, "neon" on aarch64, else the default
/// architecture's name ("scalar" where xsimd has none).
const char* isa() noexcept;

/// The registered names, sorted: the activations (find) and the gated units swiglu, geglu,
/// geglu_tanh, reglu and glu (find_gated).
const std::vector<std::string_view>& names() noexcept;

/// The kernel of `name` with its default parameter for the ISA in use; nullptr if unknown. The
/// kernel lives as long as the program.
const kernel* find(std::string_view name) noexcept;

/// The same for a C string; nullptr for a null name.
inline const kernel* find(const char* name) noexcept { return name ? find(std::string_view(name)) : nullptr; }

/// The kernel of `name` with its (first) parameter set to `param`; nullopt if `name` is unknown,
/// takes no parameter, or `param` is NaN, infinite or beyond float's range (kernel::param_in_range)
/// or a value the activation does not take.
std::optional<kernel> find(std::string_view name, double param) noexcept;

/// The kernel of `name` with both parameters set (hardtanh: min_val, max_val); nullopt if `name`
/// is unknown, takes fewer than two parameters, or either is out of range as above (or min_val >
/// max_val).
std::optional<kernel> find(std::string_view name, double param, double param2) noexcept;

/// The same for a C string; nullopt for a null name.
inline std::optional<kernel> find(const char* name, double param, double param2) noexcept
{
    if (!name) return std::nullopt;
    return find(std::string_view(name), param, param2);
}

/// The same for a C string; nullopt for a null name.
inline std::optional<kernel> find(const char* name, double param) noexcept
{
    if (!name) return std::nullopt;
    return find(std::string_view(name), param);
}

/// The gated unit `name` (swiglu: silu, geglu: gelu, geglu_tanh: gelu_tanh, reglu: relu, glu:
/// sigmoid) for the ISA in use; nullptr if unknown (or an activation's name: see find).
const gated_kernel* find_gated(std::string_view name) noexcept;

/// The same for a C string; nullptr for a null name.
inline const gated_kernel* find_gated(const char* name) noexcept
{
    return name ? find_gated(std::string_view(name)) : nullptr;
}

// ---------------------------------------------------------------- testing and diagnostics
/// The ISAs this CPU and build support, best first (always ends with the target's baseline: "sse2"
/// on x86, "neon" on aarch64).
const std::vector<std::string_view>& supported_isas() noexcept;

/// find(name) for a given supported ISA instead of the one in use; nullptr if `isa` is not in
/// supported_isas() or `name` is unknown.
const kernel* find_for_isa(std::string_view isa, std::string_view name) noexcept;

/// find_gated(name) for a given supported ISA.
const gated_kernel* find_gated_for_isa(std::string_view isa, std::string_view name) noexcept;

/// The ISA an XACT_ISA value selects among `supported` (best first): the value itself if it names
/// a supported ISA (case-insensitive), the best otherwise; an empty value (unset) selects the best.
/// `message` receives the reason a non-empty value was not used, or is cleared.
std::string_view choose_isa(std::string_view requested, const std::vector<std::string_view>& supported,
                            std::string& message);

}  // namespace runtime
}  // namespace xact

#endif
