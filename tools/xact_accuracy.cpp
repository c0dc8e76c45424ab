// xact_accuracy: measures the batch kernels of every elementwise activation against references
// computed in double (long double where double is not enough).
//
// The float sweep runs all 2^32 float bit patterns (or every k-th) through xact::forward,
// xact::derivative and xact::backward_from_output (with dy = 1) of the float functors with their
// default parameters. Per function and direction it reports the max and mean ULP error, NaN
// propagation, non-finite results where the true value is finite, and the limits at +-inf, and it
// exits with 1 when a bound is broken. `--double N` adds a sampled sweep of the double functors.
// `--peer onednn|xnnpack|eigen|sleef|sleef_u35|torch` measures that library's float kernels instead,
// for the functions and directions it has (oneDNN, XNNPACK, Eigen, SLEEF: forward; PyTorch: forward,
// derivative and from_output, with dy = 1), through the benchmark's adapters (bench/peers.hpp; built
// when the benchmark is).
//
// ULP error = |result - reference| / spacing of the type at the reference: 2^(e - p + 1) for a
// reference in [2^e, 2^(e+1)) at precision p, the subnormal spacing below the smallest normal.
// Below the smallest normal the error is counted in subnormal steps (2^-149, double 2^-1074), so a
// result flushed to zero where the exact value is subnormal breaks the bound.
#include <xact/xact.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdarg>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "accuracy_reference.hpp"

#ifdef XACT_ACCURACY_PEERS
#include <memory>

#include "peers.hpp"
#endif

namespace xa = xact_accuracy;

namespace {

// ---------------------------------------------------------------- types
/// The type references are computed and compared in: double for float, long double for double.
template <class T>
using wide_t = std::conditional_t<std::is_same<T, float>::value, double, long double>;
template <class T>
using bits_t = std::conditional_t<std::is_same<T, float>::value, std::uint32_t, std::uint64_t>;

template <class T>
bits_t<T> bits_of(T x)
{
    bits_t<T> b;
    std::memcpy(&b, &x, sizeof b);
    return b;
}

template <class T>
T from_bits(bits_t<T> b)
{
    T x;
    std::memcpy(&x, &b, sizeof x);
    return x;
}

enum class direction { forward, derivative, from_output };
const char* direction_name(direction d)
{
    return d == direction::forward ? "forward" : d == direction::derivative ? "derivative" : "from_output";
}

/// One function and direction: the kernel, its reference, the inputs swept and the limits at +-inf.
template <class T>
struct case_def {
    using R = wide_t<T>;
    const char* fn;
    direction dir;
    void (*run)(const T* in, const T* ones, T* out, std::size_t n);
    R (*ref)(T x);
    R limit[2];   // expected result at -inf and +inf; NaN where +-inf is not a valid input
    bool root;    // a derivative with an interior root: 2^-p absolute also passes at |x| < 4
    R lo, hi;     // the inputs swept (for from_output, the function's range); NaN always is
};

template <class F>
void run_forward(const typename F::value_type* x, const typename F::value_type*, typename F::value_type* y,
                 std::size_t n)
{
    xact::forward(F{}, x, y, n);
}

template <class F>
void run_derivative(const typename F::value_type* x, const typename F::value_type*, typename F::value_type* d,
                    std::size_t n)
{
    xact::derivative(F{}, x, d, n);
}

template <class F>
void run_from_output(const typename F::value_type* y, const typename F::value_type* ones,
                     typename F::value_type* d, std::size_t n)
{
    xact::backward_from_output(F{}, y, ones, d, n);
}

/// True when lo <= |x| <= hi.
template <class R>
bool band(R x, R lo, R hi)
{
    return std::fabs(x) >= lo && std::fabs(x) <= hi;
}

template <class T>
std::vector<case_def<T>> make_cases()
{
    using R = wide_t<T>;
    namespace r = xa::ref;
    const R inf = std::numeric_limits<R>::infinity(), none = std::numeric_limits<R>::quiet_NaN();
    const R leaky = xact::leaky_relu<T>{}.negative_slope, pre = xact::prelu<T>{}.slope;
    const R sl = r::selu_l<T, R>(), sla = r::selu_la<T, R>();
    std::vector<case_def<T>> v;
    auto add = [&](const char* fn, direction d, void (*run)(const T*, const T*, T*, std::size_t), R (*ref)(T),
                   R lneg, R lpos, bool root = false, R lo = -std::numeric_limits<R>::infinity(),
                   R hi = std::numeric_limits<R>::infinity()) {
        v.push_back({fn, d, run, ref, {lneg, lpos}, root, lo, hi});
    };
    constexpr auto F = direction::forward, D = direction::derivative, O = direction::from_output;

    using identity = xact::identity<T>;
    add("identity", F, run_forward<identity>, [](T x) { return R(x); }, -inf, inf);
    add("identity", D, run_derivative<identity>, [](T) { return R(1); }, 1, 1);
    add("identity", O, run_from_output<identity>, [](T) { return R(1); }, 1, 1);

    using step = xact::step<T>;
    add("step", F, run_forward<step>, [](T x) { return R(x >= 0 ? 1 : 0); }, 0, 1);
    add("step", D, run_derivative<step>, [](T) { return R(0); }, 0, 0);
    add("step", O, run_from_output<step>, [](T) { return R(0); }, 0, 0);

    using sigmoid = xact::sigmoid<T>;
    add("sigmoid", F, run_forward<sigmoid>, [](T x) { return r::sigmoid<R>(x); }, 0, 1);
    add("sigmoid", D, run_derivative<sigmoid>, [](T x) { return r::sigmoid_d<R>(x); }, 0, 0);
    add("sigmoid", O, run_from_output<sigmoid>, [](T y) { return r::sigmoid_o<R>(y); }, none, none, false, 0, 1);

    using tanh = xact::tanh<T>;
    add("tanh", F, run_forward<tanh>, [](T x) { return r::tanh<R>(x); }, -1, 1);
    add("tanh", D, run_derivative<tanh>, [](T x) { return r::tanh_d<R>(x); }, 0, 0);
    add("tanh", O, run_from_output<tanh>, [](T y) { return r::tanh_o<R>(y); }, none, none, false, -1, 1);

    using relu = xact::relu<T>;
    add("relu", F, run_forward<relu>, [](T x) { return x > 0 ? R(x) : R(0); }, 0, inf);
    add("relu", D, run_derivative<relu>, [](T x) { return R(x > 0 ? 1 : 0); }, 0, 1);
    add("relu", O, run_from_output<relu>, [](T y) { return R(y > 0 ? 1 : 0); }, none, 1, false, 0, inf);

    using leaky_relu = xact::leaky_relu<T>;
    auto leaky_f = [](T x) { return r::linear_unit<R>(x, R(leaky_relu{}.negative_slope)); };
    auto leaky_d = [](T x) { return r::linear_unit_d<R>(x, R(leaky_relu{}.negative_slope)); };
    add("leaky_relu", F, run_forward<leaky_relu>, leaky_f, -inf, inf);
    add("leaky_relu", D, run_derivative<leaky_relu>, leaky_d, leaky, 1);
    add("leaky_relu", O, run_from_output<leaky_relu>, leaky_d, leaky, 1);

    using prelu = xact::prelu<T>;
    auto prelu_f = [](T x) { return r::linear_unit<R>(x, R(prelu{}.slope)); };
    auto prelu_d = [](T x) { return r::linear_unit_d<R>(x, R(prelu{}.slope)); };
    add("prelu", F, run_forward<prelu>, prelu_f, -inf, inf);
    add("prelu", D, run_derivative<prelu>, prelu_d, pre, 1);
    add("prelu", O, run_from_output<prelu>, prelu_d, pre, 1);

    using elu = xact::elu<T>;
    add("elu", F, run_forward<elu>, [](T x) { return r::elu<R>(x); }, -1, inf);
    add("elu", D, run_derivative<elu>, [](T x) { return r::elu_d<R>(x); }, 0, 1);
    add("elu", O, run_from_output<elu>, [](T y) { return r::elu_o<R>(y); }, none, 1, false, -1, inf);

    using selu = xact::selu<T>;
    add("selu", F, run_forward<selu>, [](T x) { return r::selu<T, R>(x); }, -sla, inf);
    add("selu", D, run_derivative<selu>, [](T x) { return r::selu_d<T, R>(x); }, 0, sl);
    // y + lambda alpha cancels near the bottom of the range: long double keeps it exact
    add("selu", O, run_from_output<selu>, [](T y) { return R(r::selu_o<T, long double>(y)); }, none, sl, false,
        -sla, inf);

    // long double where R would lose digits: near the root of swish' (the two terms cancel), and where
    // gelu's erfc and gelu_tanh's logistic of 2u are neither saturated nor at a tiny argument (the
    // tail amplifies the rounding of the argument); elsewhere R is as accurate
    using swish = xact::swish<T>;
    add("swish", F, run_forward<swish>, [](T x) { return r::swish<R>(x); }, 0, inf);
    add("swish", D, run_derivative<swish>,
        [](T x) { return x >= -2 && x <= -0.5f ? R(r::swish_d<long double>(x)) : r::swish_d<R>(x); }, 0, 1, true);

    using gelu = xact::gelu<T>;
    add("gelu", F, run_forward<gelu>,
        [](T x) { return band<R>(x, 0x1p-30, 40) ? R(r::gelu<long double>(x)) : r::gelu<R>(x); }, 0, inf);
    add("gelu", D, run_derivative<gelu>,
        [](T x) { return band<R>(x, 0x1p-30, 40) ? R(r::gelu_d<long double>(x)) : r::gelu_d<R>(x); }, 0, 1, true);

    using gelu_tanh = xact::gelu_tanh<T>;
    add("gelu_tanh", F, run_forward<gelu_tanh>,
        [](T x) { return band<R>(x, 0x1p-30, 20) ? R(r::gelu_tanh<long double>(x)) : r::gelu_tanh<R>(x); }, 0, inf);
    add("gelu_tanh", D, run_derivative<gelu_tanh>,
        [](T x) { return band<R>(x, 0x1p-30, 20) ? R(r::gelu_tanh_d<long double>(x)) : r::gelu_tanh_d<R>(x); }, 0, 1,
        true);

    // the piecewise functions, with their default parameters
    using hardswish = xact::hardswish<T>;
    add("hardswish", F, run_forward<hardswish>, [](T x) { return r::hardswish<R>(x); }, 0, inf);
    add("hardswish", D, run_derivative<hardswish>, [](T x) { return r::hardswish_d<R>(x); }, 0, 1);

    using hardsigmoid = xact::hardsigmoid<T>;
    add("hardsigmoid", F, run_forward<hardsigmoid>, [](T x) { return r::hardsigmoid<R>(x); }, 0, 1);
    add("hardsigmoid", D, run_derivative<hardsigmoid>, [](T x) { return r::hardsigmoid_d<R>(x); }, 0, 0);
    add("hardsigmoid", O, run_from_output<hardsigmoid>, [](T y) { return r::hardsigmoid_o<R>(y); }, none, none,
        false, 0, 1);

    using hardtanh = xact::hardtanh<T>;
    add("hardtanh", F, run_forward<hardtanh>, [](T x) { return r::clamp<R>(x, -1, 1); }, -1, 1);
    add("hardtanh", D, run_derivative<hardtanh>, [](T x) { return r::clamp_d<R>(x, -1, 1); }, 0, 0);
    add("hardtanh", O, run_from_output<hardtanh>, [](T y) { return r::clamp_d<R>(y, -1, 1); }, none, none, false,
        -1, 1);

    using relu6 = xact::relu6<T>;
    add("relu6", F, run_forward<relu6>, [](T x) { return r::clamp<R>(x, 0, 6); }, 0, 6);
    add("relu6", D, run_derivative<relu6>, [](T x) { return r::clamp_d<R>(x, 0, 6); }, 0, 0);
    add("relu6", O, run_from_output<relu6>, [](T y) { return r::clamp_d<R>(y, 0, 6); }, none, none, false, 0, 6);

    using softshrink = xact::softshrink<T>;
    add("softshrink", F, run_forward<softshrink>, [](T x) { return r::softshrink<R>(x, R(0.5)); }, -inf, inf);
    add("softshrink", D, run_derivative<softshrink>, [](T x) { return r::shrink_d<R>(x, R(0.5)); }, 1, 1);
    add("softshrink", O, run_from_output<softshrink>, [](T y) { return r::shrink_d<R>(y, R(0)); }, 1, 1);

    using hardshrink = xact::hardshrink<T>;
    add("hardshrink", F, run_forward<hardshrink>, [](T x) { return r::hardshrink<R>(x, R(0.5)); }, -inf, inf);
    add("hardshrink", D, run_derivative<hardshrink>, [](T x) { return r::shrink_d<R>(x, R(0.5)); }, 1, 1);
    add("hardshrink", O, run_from_output<hardshrink>, [](T y) { return r::shrink_d<R>(y, R(0.5)); }, 1, 1);

    using softsign = xact::softsign<T>;
    add("softsign", F, run_forward<softsign>, [](T x) { return r::softsign<R>(x); }, -1, 1);
    add("softsign", D, run_derivative<softsign>, [](T x) { return r::softsign_d<R>(x); }, 0, 0);
    add("softsign", O, run_from_output<softsign>, [](T y) { return r::softsign_o<R>(y); }, none, none, false, -1,
        1);
    using softplus = xact::softplus<T>;
    add("softplus", F, run_forward<softplus>, [](T x) { return r::softplus<R>(x); }, 0, inf);
    add("softplus", D, run_derivative<softplus>, [](T x) { return r::softplus_d<R>(x); }, 0, 1);
    add("softplus", O, run_from_output<softplus>, [](T y) { return r::softplus_o<R>(y); }, none, 1, false, 0, inf);

    // long double near the root of mish' (x = -1.19), where its two terms cancel
    using mish = xact::mish<T>;
    add("mish", F, run_forward<mish>, [](T x) { return r::mish<R>(x); }, 0, inf);
    add("mish", D, run_derivative<mish>,
        [](T x) { return x >= -3 && x <= -0.5f ? R(r::mish_d<long double>(x)) : r::mish_d<R>(x); }, 0, 1, true);

    using celu = xact::celu<T>;
    add("celu", F, run_forward<celu>, [](T x) { return r::celu<R>(x); }, -1, inf);
    add("celu", D, run_derivative<celu>, [](T x) { return r::celu_d<R>(x); }, 0, 1);
    add("celu", O, run_from_output<celu>, [](T y) { return r::celu_o<R>(y); }, none, 1, false, -1, inf);

    using logsigmoid = xact::logsigmoid<T>;
    add("logsigmoid", F, run_forward<logsigmoid>, [](T x) { return r::logsigmoid<R>(x); }, -inf, 0);
    add("logsigmoid", D, run_derivative<logsigmoid>, [](T x) { return r::logsigmoid_d<R>(x); }, 1, 0);
    add("logsigmoid", O, run_from_output<logsigmoid>, [](T y) { return r::logsigmoid_o<R>(y); }, 1, none, false,
        -inf, 0);

    using tanhshrink = xact::tanhshrink<T>;
    add("tanhshrink", F, run_forward<tanhshrink>, [](T x) { return r::tanhshrink<R>(x); }, -inf, inf);
    add("tanhshrink", D, run_derivative<tanhshrink>, [](T x) { return r::tanhshrink_d<R>(x); }, 1, 1);

    using quick_gelu = xact::quick_gelu<T>;
    add("quick_gelu", F, run_forward<quick_gelu>, [](T x) { return r::quick_gelu<T, R>(x); }, 0, inf);
    add("quick_gelu", D, run_derivative<quick_gelu>,
        [](T x) { return x >= -2 && x <= -0.25f ? R(r::quick_gelu_d<T, long double>(x)) : r::quick_gelu_d<T, R>(x); },
        0, 1, true);
    return v;
}

// ---------------------------------------------------------------- error measure
/// True when ref, rounded to T, overflows to an infinity.
template <class T>
bool rounds_to_inf(wide_t<T> ref)
{
    using R = wide_t<T>;
    using L = std::numeric_limits<T>;
    static const R edge = std::ldexp(R(1) - std::ldexp(R(1), -L::digits - 1), L::max_exponent);  // max + half a spacing
    return std::fabs(ref) >= edge;
}

/// frexp's exponent of a normal, positive a (a in [2^(e-1), 2^e)); for double, read from the bits.
int exponent_of(double a)
{
    std::uint64_t b;
    std::memcpy(&b, &a, sizeof b);
    return int((b >> 52) & 0x7ff) - 1022;
}

int exponent_of(long double a)
{
    int e;
    std::frexp(a, &e);
    return e;
}

/// v 2^k, for 2^k a normal double; through the bits for double.
double scale2(double v, int k)
{
    const std::uint64_t b = std::uint64_t(k + 1023) << 52;
    double p;
    std::memcpy(&p, &b, sizeof p);
    return v * p;
}

long double scale2(long double v, int k) { return std::ldexp(v, k); }

/// ULP error of got against ref (both finite or got an infinity ref rounds to), as defined above.
template <class T>
double ulp_error(T got, wide_t<T> ref)
{
    using R = wide_t<T>;
    using L = std::numeric_limits<T>;
    if (std::isinf(got)) {
        return rounds_to_inf<T>(ref) && (got > 0) == (ref > 0) ? 0.0 : std::numeric_limits<double>::infinity();
    }
    const R a = std::fabs(ref), err = std::fabs(R(got) - ref);
    if (a < R(L::min())) return double(err / R(L::denorm_min()));  // subnormal steps: no flushing
    return double(scale2(err, L::digits - exponent_of(a)));  // err / 2^(e - digits)
}

/// One point: the input, the kernel's result, the reference and the ULP error.
template <class T>
struct point {
    double ulp = -1;
    T x{}, got{};
    wide_t<T> ref{};
};

/// Keeps the worst point; ties go to the smaller bit pattern so the result does not depend on threads.
template <class T>
void keep_worst(point<T>& w, point<T> const& p)
{
    if (p.ulp > w.ulp || (p.ulp == w.ulp && bits_of(p.x) < bits_of(w.x))) w = p;
}

/// Keeps the example with the smaller bit pattern.
template <class T>
void keep_first(point<T>& w, bool& have, point<T> const& p)
{
    if (!have || bits_of(p.x) < bits_of(w.x)) w = p;
    have = true;
}

template <class T>
struct stats {
    std::uint64_t points = 0;  // finite inputs compared (including non-finite results)
    std::uint64_t over = 0;    // points breaking the bound
    std::uint64_t nan_bad = 0, nonfinite = 0;
    double sum = 0;
    point<T> max, max_counted;  // over all points; over the points the absolute allowance leaves
    std::uint64_t subnormal = 0;  // points whose exact result is subnormal
    point<T> max_subnormal;       // the worst of those, in subnormal steps
    point<T> over_example, nan_example, nonfinite_example;
    bool have_over = false, have_nan = false, have_nonfinite = false;

    void merge(stats const& o)
    {
        points += o.points;
        over += o.over;
        nan_bad += o.nan_bad;
        nonfinite += o.nonfinite;
        sum += o.sum;
        keep_worst(max, o.max);
        keep_worst(max_counted, o.max_counted);
        subnormal += o.subnormal;
        keep_worst(max_subnormal, o.max_subnormal);
        if (o.have_over) keep_first(over_example, have_over, o.over_example);
        if (o.have_nan) keep_first(nan_example, have_nan, o.nan_example);
        if (o.have_nonfinite) keep_first(nonfinite_example, have_nonfinite, o.nonfinite_example);
    }
};

/// Compares the kernel's results out[i] on in[i] with the reference.
template <class T>
void compare(case_def<T> const& c, const T* in, const T* out, std::size_t n, double bound, stats<T>& s)
{
    using R = wide_t<T>;
    const R abs_allowance = std::ldexp(R(1), -std::numeric_limits<T>::digits);
    double sum = 0, top = s.max_counted.ulp;  // a point under top and the bound changes no maximum
    for (std::size_t i = 0; i < n; ++i) {
        const T x = in[i], got = out[i];
        if (std::isnan(x)) {
            if (!std::isnan(got)) {
                ++s.nan_bad;
                keep_first(s.nan_example, s.have_nan, {0, x, got, R(0)});
            }
            continue;
        }
        if (std::isinf(x)) continue;  // the limits are checked apart
        ++s.points;
        const R ref = c.ref(x);
        if (std::isnan(got) || (std::isinf(got) && !(rounds_to_inf<T>(ref) && (got > 0) == (ref > 0)))) {
            ++s.nonfinite;
            keep_first(s.nonfinite_example, s.have_nonfinite, {std::numeric_limits<double>::infinity(), x, got, ref});
            continue;
        }
        // a NaN reference at a finite input is the reference's fault, but it must not pass unseen
        const double u = std::isnan(ref) ? std::numeric_limits<double>::infinity() : ulp_error(got, ref);
        sum += u;
        if (ref != 0 && std::fabs(ref) < R(std::numeric_limits<T>::min())) {
            ++s.subnormal;
            if (u >= s.max_subnormal.ulp) keep_worst(s.max_subnormal, {u, x, got, ref});
        }
        if (u < top && u <= bound) continue;
        const point<T> q{u, x, got, ref};
        keep_worst(s.max, q);
        if (c.root && std::fabs(x) < 4 && std::fabs(R(got) - ref) <= abs_allowance) continue;  // excused
        keep_worst(s.max_counted, q);
        top = s.max_counted.ulp;
        if (u > bound) {
            ++s.over;
            keep_first(s.over_example, s.have_over, q);
        }
    }
    s.sum += sum;
}

/// A case's results at -inf and +inf through its kernel (whole batches and a tail), checked against the limits.
template <class T>
struct limits {
    T got[2] = {};
    bool checked[2] = {}, ok[2] = {true, true};
};

template <class T>
limits<T> check_limits(case_def<T> const& c, double bound)
{
    constexpr std::size_t n = 64;  // whole batches and a tail
    T in[n + 3], out[n + 3], ones[n + 3];
    for (std::size_t i = 0; i < n + 3; ++i) {
        in[i] = (i % 2 ? 1 : -1) * std::numeric_limits<T>::infinity();
        ones[i] = 1;
    }
    c.run(in, ones, out, n + 3);
    limits<T> l;
    for (int k = 0; k < 2; ++k) {
        if (std::isnan(c.limit[k])) continue;
        l.checked[k] = true;
        l.got[k] = out[k];
        for (std::size_t i = k; i < n + 3; i += 2) {
            const T g = out[i];
            // 0 and +-inf exactly; other limits (such as -lambda alpha) within the bound
            const bool good = std::isinf(c.limit[k]) || c.limit[k] == 0
                                  ? g == c.limit[k]
                                  : !std::isnan(g) && !std::isinf(g) && ulp_error(g, c.limit[k]) <= bound;
            if (!good) {
                l.ok[k] = false;
                l.got[k] = g;
            }
        }
    }
    return l;
}

// ---------------------------------------------------------------- sweeps
/// Runs every case over inputs produced chunk by chunk by make(chunk, buffer) -> count, on threads.
template <class T, class Make>
std::vector<stats<T>> sweep(std::vector<case_def<T>> const& cases, std::uint64_t chunks, std::size_t chunk_size,
                            Make make, double bound, unsigned threads)
{
    std::atomic<std::uint64_t> next{0};
    std::vector<std::vector<stats<T>>> per_thread(threads, std::vector<stats<T>>(cases.size()));
    auto work = [&](unsigned t) {
        std::vector<T> in(chunk_size), sub(chunk_size), out(chunk_size), ones(chunk_size, T(1));
        for (std::uint64_t k; (k = next.fetch_add(1)) < chunks;) {
            const std::size_t n = make(k, in.data());
            for (std::size_t ci = 0; ci < cases.size(); ++ci) {
                case_def<T> const& c = cases[ci];
                const T* x = in.data();
                std::size_t m = n;
                if (!(std::isinf(c.lo) && std::isinf(c.hi))) {  // only the function's range
                    m = 0;
                    for (std::size_t i = 0; i < n; ++i) {
                        const T v = in[i];
                        if (std::isnan(v) || (v >= c.lo && v <= c.hi)) sub[m++] = v;
                    }
                    x = sub.data();
                }
                c.run(x, ones.data(), out.data(), m);
                compare(c, x, out.data(), m, bound, per_thread[t][ci]);
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& th : pool) th.join();
    std::vector<stats<T>> total(cases.size());
    for (auto const& ts : per_thread) {
        for (std::size_t ci = 0; ci < cases.size(); ++ci) total[ci].merge(ts[ci]);
    }
    return total;
}

/// splitmix64: the fixed-seed generator of the double sweep's random bit patterns.
std::uint64_t splitmix64(std::uint64_t z)
{
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// ---------------------------------------------------------------- report
std::string fmt(const char* f, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, f);
    std::vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return buf;
}

template <class T>
std::string num(T x)
{
    return fmt("%.*g", std::is_same<T, float>::value ? 9 : 17, double(x));
}

std::string num(long double x) { return fmt("%.21Lg", x); }

std::string ulp_str(double u) { return u < 0 ? "-" : u < 100 ? fmt("%.3f", u) : fmt("%.4g", u); }

template <class T>
std::string limits_str(case_def<T> const& c, limits<T> const& l)
{
    std::string s;
    for (int k = 0; k < 2; ++k) {
        if (!l.checked[k] || l.ok[k]) continue;
        s += fmt("%sf(%sinf) = %s, want %s", s.empty() ? "" : "; ", k ? "+" : "-", num(l.got[k]).c_str(),
                 num(c.limit[k]).c_str());
    }
    return s.empty() ? "ok" : s;
}

template <class T>
bool passes(stats<T> const& s, limits<T> const& l)
{
    return s.over == 0 && s.nan_bad == 0 && s.nonfinite == 0 && l.ok[0] && l.ok[1];
}

template <class T>
std::string point_row(case_def<T> const& c, const char* what, point<T> const& p, bool nan_lost = false)
{
    return fmt("| %s | %s | %s | %s | %s | %s | %s |\n", c.fn, direction_name(c.dir), what, num(p.x).c_str(),
               num(p.got).c_str(), nan_lost ? "NaN" : num(p.ref).c_str(), nan_lost ? "-" : ulp_str(p.ulp).c_str());
}

/// The Markdown report of one sweep: the table, then the worst and the failing points.
template <class T>
std::string report(std::vector<case_def<T>> const& cases, std::vector<stats<T>> const& st,
                   std::vector<limits<T>> const& lim, bool enforce)
{
    std::ostringstream o;
    o << "| function | direction | points | max ULP | at input | mean ULP | max ULP† | over bound | NaN in, not NaN out "
         "| non-finite | ±inf limits | subnormal results: max steps (count) | status |\n"
         "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|\n";
    for (std::size_t i = 0; i < cases.size(); ++i) {
        auto const& c = cases[i];
        auto const& s = st[i];
        const double mean = s.points > s.nonfinite ? s.sum / double(s.points - s.nonfinite) : 0.0;
        const std::string mean_str = mean < 100 ? fmt("%.4f", mean) : fmt("%.4g", mean);
        const std::string sub = s.subnormal == 0 ? std::string("-")
                                                 : fmt("%s (%llu)", ulp_str(s.max_subnormal.ulp).c_str(),
                                                       static_cast<unsigned long long>(s.subnormal));
        o << fmt("| %s | %s | %llu | %s | %s | %s | %s | %llu | %llu | %llu | %s | %s | %s |\n", c.fn,
                 direction_name(c.dir), static_cast<unsigned long long>(s.points), ulp_str(s.max.ulp).c_str(),
                 s.max.ulp < 0 ? "-" : num(s.max.x).c_str(), mean_str.c_str(),
                 c.root ? ulp_str(s.max_counted.ulp).c_str() : "=", static_cast<unsigned long long>(s.over),
                 static_cast<unsigned long long>(s.nan_bad), static_cast<unsigned long long>(s.nonfinite),
                 limits_str(c, lim[i]).c_str(), sub.c_str(),
                 passes(s, lim[i]) ? "pass" : enforce ? "**FAIL**" : "over");
    }
    o << "\n† for derivatives with an interior root: the max over points not within 2^-"
      << std::numeric_limits<T>::digits << " absolute at |x| < 4.\n\n";
    o << "Worst points (input: x, or y for from_output):\n\n"
         "| function | direction | kind | input | got | reference | ULP |\n|---|---|---|---:|---:|---:|---:|\n";
    for (std::size_t i = 0; i < cases.size(); ++i) {
        auto const& c = cases[i];
        auto const& s = st[i];
        if (s.max.ulp >= 0) o << point_row(c, "max", s.max);
        if (c.root && s.max_counted.ulp >= 0 && bits_of(s.max_counted.x) != bits_of(s.max.x)) {
            o << point_row(c, "max†", s.max_counted);
        }
        if (s.have_over && bits_of(s.over_example.x) != bits_of(s.max_counted.x)) {
            o << point_row(c, "over bound", s.over_example);
        }
        if (s.have_nan) o << point_row(c, "NaN lost", s.nan_example, true);
        if (s.have_nonfinite) o << point_row(c, "non-finite", s.nonfinite_example);
    }
    return o.str();
}

template <class T>
bool all_pass(std::vector<stats<T>> const& st, std::vector<limits<T>> const& lim)
{
    for (std::size_t i = 0; i < st.size(); ++i) {
        if (!passes(st[i], lim[i])) return false;
    }
    return true;
}

// ---------------------------------------------------------------- peers
#ifdef XACT_ACCURACY_PEERS
enum class peer_lib { onednn, xnnpack };

/// Runs L's kernel for peer_activations[K] over n floats. A peer's operator is made for one size,
/// so each thread keeps one per kernel and remakes it when n changes.
template <peer_lib L, std::size_t K>
void run_peer(const float* x, const float*, float* y, std::size_t n)
{
    constexpr const xact_bench::peer_activation& p = xact_bench::peer_activations[K];
    if (n == 0) return;
    if constexpr (L == peer_lib::onednn) {
        thread_local std::unique_ptr<xact_bench::onednn_eltwise> op;
        if (!op || op->size() != n) op = std::make_unique<xact_bench::onednn_eltwise>(p.onednn_alg, p.alpha, p.beta, n);
        op->forward(x, y);
    } else {
        thread_local std::unique_ptr<xact_bench::xnnpack_op> op;
        if (!op || op->size() != n) op = std::make_unique<xact_bench::xnnpack_op>(p.act, n);
        op->run(x, y);
    }
}

template <peer_lib L, std::size_t... K>
constexpr auto peer_runners(std::index_sequence<K...>)
{
    return std::array<void (*)(const float*, const float*, float*, std::size_t), sizeof...(K)>{run_peer<L, K>...};
}

bool peer_available(std::string const& lib)
{
    if (lib == "onednn") return xact_bench::onednn_available();
    if (lib == "xnnpack") return xact_bench::xnnpack_available();
    if (lib == "eigen") return xact_bench::eigen_available();
    if (lib == "sleef" || lib == "sleef_u35") return xact_bench::sleef_available();
    return lib == "torch" && xact_bench::torch_available();
}

/// The direction of the accuracy sweep a peer kernel's direction measures (with dy = 1).
bool same_direction(direction d, std::string const& peer_dir)
{
    return peer_dir == (d == direction::forward      ? "forward"
                        : d == direction::derivative ? "backward"
                                                     : "backward_from_output");
}

/// The float cases of the functions and directions `lib` has, run through its kernels.
std::vector<case_def<float>> peer_cases(std::vector<case_def<float>> const& cases, std::string const& lib)
{
    using xact_bench::peer_activations;
    constexpr auto all = std::make_index_sequence<std::size(peer_activations)>{};
    constexpr auto onednn = peer_runners<peer_lib::onednn>(all);
    constexpr auto xnnpack = peer_runners<peer_lib::xnnpack>(all);
    std::vector<case_def<float>> v;
    if (lib != "onednn" && lib != "xnnpack") {
        const auto kernels = lib == "eigen" ? xact_bench::eigen_kernels()
                             : lib == "torch" ? xact_bench::torch_kernels()
                                              : xact_bench::sleef_kernels();
        for (auto c : cases) {
            for (auto const& k : kernels) {
                if (std::string(c.fn) != k.act || !same_direction(c.dir, k.dir)) continue;
                if (lib.rfind("sleef", 0) == 0 && lib != k.lib) continue;  // sleef or sleef_u35
                c.run = k.run;
                v.push_back(c);
            }
        }
        return v;
    }
    for (auto c : cases) {
        if (c.dir != direction::forward) continue;
        for (std::size_t k = 0; k < std::size(peer_activations); ++k) {
            auto const& p = peer_activations[k];
            if (std::string(c.fn) != p.act || (lib == "xnnpack" && !p.xnnpack)) continue;
            c.run = lib == "onednn" ? onednn[k] : xnnpack[k];
            v.push_back(c);
        }
    }
    return v;
}
#else
bool peer_available(std::string const&) { return false; }
std::vector<case_def<float>> peer_cases(std::vector<case_def<float>> const&, std::string const&) { return {}; }
#endif

template <class T>
std::vector<case_def<T>> select_cases(std::vector<std::string> const& only)
{
    std::vector<case_def<T>> all = make_cases<T>(), v;
    for (auto const& c : all) {
        if (only.empty() || std::find(only.begin(), only.end(), c.fn) != only.end()) v.push_back(c);
    }
    return v;
}


// ---------------------------------------------------------------- 16-bit arrays (--type bf16|f16)
/// The 16-bit kernel of a case: F's forward, derivative or backward_from_output (dy = 1) over H
/// (the from_output cases exist only for functors that have it).
template <class F, class H>
void run_half(direction d, const H* in, const H* ones, H* out, std::size_t n)
{
    const F f{};
    if (d == direction::forward) {
        xact::forward(f, in, out, n);
    } else if (d == direction::derivative) {
        xact::derivative(f, in, out, n);
    } else if constexpr (xact::detail::has_derivative_from_output<F>::value) {
        xact::backward_from_output(f, in, ones, out, n);
    }
}

template <class H>
using half_run_t = void (*)(direction, const H*, const H*, H*, std::size_t);

/// The 16-bit kernels of every elementwise function with its default parameters, by name.
template <class H>
half_run_t<H> half_runner(std::string const& fn)
{
    using namespace xact;
    const std::pair<const char*, half_run_t<H>> table[] = {
        {"identity", run_half<identity<float>, H>},     {"step", run_half<step<float>, H>},
        {"sigmoid", run_half<sigmoid<float>, H>},       {"tanh", run_half<xact::tanh<float>, H>},
        {"relu", run_half<relu<float>, H>},             {"leaky_relu", run_half<leaky_relu<float>, H>},
        {"prelu", run_half<prelu<float>, H>},           {"elu", run_half<elu<float>, H>},
        {"selu", run_half<selu<float>, H>},             {"swish", run_half<swish<float>, H>},
        {"gelu", run_half<gelu<float>, H>},             {"gelu_tanh", run_half<gelu_tanh<float>, H>},
        {"hardswish", run_half<hardswish<float>, H>},   {"hardsigmoid", run_half<hardsigmoid<float>, H>},
        {"hardtanh", run_half<hardtanh<float>, H>},     {"relu6", run_half<relu6<float>, H>},
        {"softshrink", run_half<softshrink<float>, H>}, {"hardshrink", run_half<hardshrink<float>, H>},
        {"softsign", run_half<softsign<float>, H>},     {"softplus", run_half<softplus<float>, H>},
        {"mish", run_half<mish<float>, H>},             {"celu", run_half<celu<float>, H>},
        {"logsigmoid", run_half<logsigmoid<float>, H>}, {"tanhshrink", run_half<tanhshrink<float>, H>},
        {"quick_gelu", run_half<quick_gelu<float>, H>},
    };
    for (auto const& e : table)
        if (fn == e.first) return e.second;
    return nullptr;
}

/// The 16-bit format's spacing at |v| (v finite): its ULP.
template <class H>
double half_spacing(double v)
{
    constexpr bool bf = std::is_same<H, xact::bfloat16>::value;
    constexpr int mant = bf ? 7 : 10, emin = bf ? -126 : -14;
    const double a = std::fabs(v);
    int e = a > 0 ? std::ilogb(a) : emin;
    if (e < emin) e = emin;
    return std::ldexp(1.0, e - mant);
}

/// ref rounded once to H: round-to-odd to float, then to nearest even (H's constructor).
template <class H>
H half_round(double ref)
{
    float f = static_cast<float>(ref);
    if (!std::isnan(f) && static_cast<double>(f) != ref) {
        std::uint32_t u = bits_of(f);
        if (std::fabs(double(f)) > std::fabs(ref)) u -= 1;
        f = from_bits<float>(u | 1u);
    }
    return H(f);
}

/// Whether ref lies within 2^-45 (relative) of a rounding midpoint of H: a double reference cannot
/// tell which way the exact value rounds (exact leading terms at tiny or huge arguments).
template <class H>
bool half_undecided(double ref)
{
    const double a = std::fabs(ref);
    if (!(a > 0) || std::isinf(a)) return false;
    const double sp = half_spacing<H>(a), lo = std::floor(a / sp) * sp, mid = lo + sp / 2;
    return std::fabs(a - mid) <= a * 0x1p-45;
}

struct half_stats {
    std::uint64_t points = 0, misrounded = 0, undecided = 0, nan_bad = 0;
    double max_err = 0;  // in ULP of the 16-bit format
    float worst_x = 0;
};

template <class H>
std::string half_report(std::vector<std::string> const& only, bool& ok, double& secs)
{
    const char* type = std::is_same<H, xact::bfloat16>::value ? "bf16" : "f16";
    const auto cases = select_cases<float>(only);
    std::vector<H> in(65536), ones(65536, H(1.0f)), out(65536);
    for (std::uint32_t b = 0; b < 65536; ++b) in[b] = H::from_bits(static_cast<std::uint16_t>(b));
    std::string o = fmt("## %s: all 65536 inputs, correct rounding\n\n", type);
    o += "| function | direction | points | misrounded | reference undecided | max error (16-bit ULP) | at input | NaN in, not NaN out |\n";
    o += "|---|---|---:|---:|---:|---:|---:|---:|\n";
    const auto t0 = std::chrono::steady_clock::now();
    for (auto const& c : cases) {
        const half_run_t<H> run = half_runner<H>(c.fn);
        if (!run) continue;
        run(c.dir, in.data(), ones.data(), out.data(), in.size());
        half_stats st;
        for (std::size_t i = 0; i < in.size(); ++i) {
            const float x = static_cast<float>(in[i]), got = static_cast<float>(out[i]);
            if (std::isnan(x)) {
                st.nan_bad += !std::isnan(got);
                continue;
            }
            if (std::isinf(x) || x == 0) continue;  // limits and kinks: the float sweep's conventions
            if (!(double(x) >= double(c.lo) && double(x) <= double(c.hi))) continue;
            ++st.points;
            const double ref = double(c.ref(x));
            if (half_undecided<H>(ref)) {
                ++st.undecided;
                continue;
            }
            const H want = half_round<H>(ref);
            const float w = static_cast<float>(want);
            const bool same = (std::isnan(w) && std::isnan(got)) || w == got;
            if (!same) ++st.misrounded;
            const double err = std::isinf(got) ? (std::isinf(w) && (w > 0) == (got > 0) ? 0.0 : INFINITY)
                                               : std::fabs(double(got) - ref) / half_spacing<H>(ref);
            if (err > st.max_err) {
                st.max_err = err;
                st.worst_x = x;
            }
        }
        ok = ok && st.misrounded == 0 && st.nan_bad == 0;
        o += fmt("| %s | %s | %llu | %llu | %llu | %.3f | %s | %llu |\n", c.fn, direction_name(c.dir),
                 static_cast<unsigned long long>(st.points), static_cast<unsigned long long>(st.misrounded),
                 static_cast<unsigned long long>(st.undecided), st.max_err, num(st.worst_x).c_str(),
                 static_cast<unsigned long long>(st.nan_bad));
    }
    secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    o += fmt("\nKernels on %s, %.2f s. Max error is the distance to the double reference in ULP of the format "
             "(0.5 at most when correctly rounded). \"Reference undecided\": the double reference lies within "
             "2^-45 of a rounding midpoint, so it cannot judge the result (tests/test_half.cpp decides these "
             "exactly).\n\n",
             xsimd::default_arch::name(), secs);
    return o;
}

/// Prints the usage (to stderr after an error) and returns the exit code: 2 after an error, else 0.
int usage(const char* msg)
{
    std::fprintf(*msg ? stderr : stdout,
                 "%s%s"
                 "usage: xact_accuracy [--stride K] [--only NAME[,NAME...]] [--threads N] [--bound ULP]\n"
                 "                     [--markdown FILE] [--double N] [--double-bound ULP] [--no-float]\n"
                 "                     [--peer onednn|xnnpack|eigen|sleef|sleef_u35|torch] [--type f32|bf16|f16]\n"
                 "  --stride K        every K-th float bit pattern (default 1: all 2^32)\n"
                 "  --only NAMES      only these functions (identity step sigmoid tanh relu leaky_relu prelu\n"
                 "                    elu selu swish gelu gelu_tanh\n"
                 "                    hardswish hardsigmoid hardtanh relu6 softshrink hardshrink softsign\n"
                 "                    softplus mish celu logsigmoid tanhshrink quick_gelu)\n"
                 "  --threads N       worker threads (default 2)\n"
                 "  --bound ULP       float bound (default 4)\n"
                 "  --markdown FILE   also write the report to FILE\n"
                 "  --double N        sampled sweep of the double functors over N inputs\n"
                 "  --double-bound U  fail when a double result is over U ULP (default: report only)\n"
                 "  --no-float        skip the float sweep\n"
                 "  --peer LIB        that library's float kernels instead of xact's: onednn, xnnpack, eigen,\n"
                 "                    sleef, sleef_u35 (forward), torch (forward and backward)\n"
                 "  --type T          bf16 or f16: all 65536 inputs through the 16-bit kernels, counting the\n"
                 "                    results not correctly rounded (instead of the float sweep)\n",
                 msg, *msg ? "\n" : "");
    return *msg ? 2 : 0;
}

}  // namespace

int main(int argc, char** argv)
{
    std::uint64_t stride = 1, ndouble = 0;
    unsigned threads = 2;
    double bound = 4, double_bound = -1;
    bool run_float = true;
    std::string markdown;
    std::vector<std::string> only;
    std::string peer, type = "f32";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        const char* v = nullptr;
        char* end = nullptr;
        if (a == "--help" || a == "-h") return usage("");
        if (a == "--no-float") {
            run_float = false;
            continue;
        }
        if (!(v = value())) return usage(("missing value after " + a).c_str());
        if (a == "--stride") {
            stride = std::strtoull(v, &end, 10);
            if (*end || stride == 0 || stride > (1ULL << 32)) return usage("bad --stride");
        } else if (a == "--threads") {
            const unsigned long t = std::strtoul(v, &end, 10);
            if (*end || t == 0 || t > 1024) return usage("bad --threads");
            threads = unsigned(t);
        } else if (a == "--bound" || a == "--double-bound") {
            (a == "--bound" ? bound : double_bound) = std::strtod(v, &end);
            if (*end || !(std::strtod(v, nullptr) >= 0)) return usage(("bad " + a).c_str());
        } else if (a == "--double") {
            ndouble = std::strtoull(v, &end, 10);
            if (*end) return usage("bad --double");
        } else if (a == "--markdown") {
            markdown = v;
        } else if (a == "--peer") {
            peer = v;
            if (peer != "onednn" && peer != "xnnpack" && peer != "eigen" && peer != "sleef" && peer != "sleef_u35" &&
                peer != "torch")
                return usage("--peer takes onednn, xnnpack, eigen, sleef, sleef_u35 or torch");
            if (!peer_available(peer)) {
                std::fprintf(stderr, "xact_accuracy: %s is not available in this build\n", peer.c_str());
                return 2;
            }
        } else if (a == "--type") {
            type = v;
            if (type != "f32" && type != "bf16" && type != "f16") return usage("--type takes f32, bf16 or f16");
        } else if (a == "--only") {
            std::stringstream ss(v);
            for (std::string name; std::getline(ss, name, ',');) only.push_back(name);
        } else {
            return usage(("unknown option " + a).c_str());
        }
    }
    if (!peer.empty() && (ndouble > 0 || !run_float)) return usage("--peer measures float kernels: no --double, no --no-float");
    {
        const auto known = make_cases<float>();
        for (auto const& name : only) {
            if (std::none_of(known.begin(), known.end(), [&](auto const& c) { return name == c.fn; })) {
                return usage(("unknown function " + name).c_str());
            }
        }
    }

    std::ofstream md_file;
    if (!markdown.empty()) {
        md_file.open(markdown);
        if (!md_file) {
            std::fprintf(stderr, "xact_accuracy: cannot write %s\n", markdown.c_str());
            return 2;
        }
    }

    using clock = std::chrono::steady_clock;
    std::string md = "# xact accuracy\n\n`xact_accuracy";
    for (int i = 1; i < argc; ++i) md += std::string(" ") + argv[i];
    md += "`\n\n";
    bool ok = true;
    if (type != "f32") {
        double secs = 0;
        md += type == "bf16" ? half_report<xact::bfloat16>(only, ok, secs) : half_report<xact::float16>(only, ok, secs);
        run_float = false;
        ndouble = 0;
    }
    if (run_float) {
        const auto cases = peer.empty() ? select_cases<float>(only) : peer_cases(select_cases<float>(only), peer);
        const std::uint64_t count = ((1ULL << 32) + stride - 1) / stride;
        constexpr std::size_t chunk = 65536;
        const auto t0 = clock::now();
        auto st = sweep<float>(
            cases, (count + chunk - 1) / chunk, chunk,
            [&](std::uint64_t k, float* in) {
                const std::uint64_t first = k * chunk, n = std::min<std::uint64_t>(chunk, count - first);
                for (std::uint64_t j = 0; j < n; ++j) in[j] = from_bits<float>(std::uint32_t((first + j) * stride));
                return std::size_t(n);
            },
            bound, threads);
        const double secs = std::chrono::duration<double>(clock::now() - t0).count();
        std::vector<limits<float>> lim;
        for (auto const& c : cases) lim.push_back(check_limits(c, bound));
        ok = all_pass(st, lim);
        md += fmt("## float32: stride %llu over the 2^32 bit patterns (%llu inputs), bound %g ULP\n\n",
                  static_cast<unsigned long long>(stride), static_cast<unsigned long long>(count), bound);
        const std::string whose = peer.empty() ? std::string("on ") + xsimd::default_arch::name() : "of " + peer;
        md += fmt("Kernels %s; %u threads, %.1f s. %s\n\n", whose.c_str(), threads, secs,
                  ok ? "All within bounds." : "**Bounds broken.**");
        md += report(cases, st, lim, true) + "\n";
    }
    if (ndouble > 0) {
        const auto cases = select_cases<double>(only);
        const std::uint64_t nrandom = ndouble / 2, nuniform = ndouble - nrandom;
        constexpr std::size_t chunk = 16384;
        const bool enforce = double_bound >= 0;
        const double dbound = enforce ? double_bound : 4;
        const auto t0 = clock::now();
        auto st = sweep<double>(
            cases, (ndouble + chunk - 1) / chunk, chunk,
            [&](std::uint64_t k, double* in) {
                const std::uint64_t first = k * chunk, n = std::min<std::uint64_t>(chunk, ndouble - first);
                for (std::uint64_t j = 0; j < n; ++j) {
                    const std::uint64_t i = first + j;
                    in[j] = i < nrandom ? from_bits<double>(splitmix64(0x78616374ULL + i))
                                        : nuniform > 1 ? -40.0 + 80.0 * double(i - nrandom) / double(nuniform - 1)
                                                       : 0.0;
                }
                return std::size_t(n);
            },
            dbound, threads);
        const double secs = std::chrono::duration<double>(clock::now() - t0).count();
        std::vector<limits<double>> lim;
        for (auto const& c : cases) lim.push_back(check_limits(c, dbound));
        const bool dok = all_pass(st, lim);
        if (enforce) ok = ok && dok;
        md += fmt("## float64: %llu sampled inputs (%llu random bit patterns, %llu uniform in [-40, 40]), "
                  "long double references\n\n",
                  static_cast<unsigned long long>(ndouble), static_cast<unsigned long long>(nrandom),
                  static_cast<unsigned long long>(nuniform));
        md += fmt("Kernels on %s; %u threads, %.1f s. %s\n\n", xsimd::default_arch::name(), threads, secs,
                  enforce ? (dok ? "All within bounds." : "**Bounds broken.**")
                          : "Report only (no --double-bound): \"over\" marks points over 4 ULP.");
        md += report(cases, st, lim, enforce) + "\n";
    }
    std::cout << md << std::flush;
    if (!markdown.empty()) {
        md_file << md << std::flush;
        if (!md_file) {
            std::fprintf(stderr, "xact_accuracy: cannot write %s\n", markdown.c_str());
            return 2;
        }
    }
    return ok ? 0 : 1;
}
