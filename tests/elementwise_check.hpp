// Shared checks for the elementwise activations: the reference vectors, the ULP metric, and the
// batch-versus-scalar, tail, alignment and special-value checks every activation goes through.
#ifndef XACT_TESTS_ELEMENTWISE_CHECK_HPP
#define XACT_TESTS_ELEMENTWISE_CHECK_HPP

#include <xact/xact.hpp>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#if defined(__SSE2__) || defined(_M_X64)
#include <xmmintrin.h>
#endif

#include "catch.hpp"
#include "reference_data.hpp"

namespace xact_test {

struct reference_row {
    std::string param;  // empty: the functor's default
    double x, fx, dfx;
};

/// The rows of tests/data/<file> (elementwise.csv unless named) for one function.
inline std::vector<reference_row> reference_rows(std::string const& function,
                                                 std::string const& file = "elementwise.csv")
{
    std::vector<reference_row> rows;
    for (auto& f : csv_rows(file)) {
        REQUIRE(f.size() == 5);
        if (f[0] != function) continue;
        rows.push_back({f[1], parse_double(f[2]), parse_double(f[3]), parse_double(f[4])});
    }
    REQUIRE(!rows.empty());
    return rows;
}

/// Error of a float result in units of the float spacing at the reference; in the subnormal range
/// that spacing is 2^-149 (the contract: a subnormal result within a few subnormal steps, never
/// flushed).
inline double ulp_error(float got, double ref)
{
    if (std::isnan(ref)) return std::isnan(got) ? 0.0 : HUGE_VAL;
    if (std::isinf(ref) || std::isinf(got)) return double(got) == ref ? 0.0 : HUGE_VAL;
    if (std::isnan(got)) return HUGE_VAL;
    double err = std::fabs(double(got) - ref);
    if (std::fabs(ref) < FLT_MIN) return err / 0x1p-149;
    int e;
    std::frexp(ref, &e);  // |ref| in [2^(e-1), 2^e)
    return err / std::ldexp(1.0, e - 1 - 23);
}

/// a and b are the same value bit for bit, or both NaN (a batch lane against the scalar call).
template <class T>
bool same_value(T a, T b)
{
    if (a != a || b != b) return a != a && b != b;
    return std::memcmp(&a, &b, sizeof a) == 0;
}

/// |got - ref| <= tol * |ref| (+ the smallest normal double, for references that round to 0).
inline bool close_double(double got, double ref, double tol)
{
    if (std::isnan(ref)) return std::isnan(got);
    if (std::isinf(ref)) return got == ref;
    return std::fabs(got - ref) <= tol * std::fabs(ref) + DBL_MIN;
}

/// Functions whose derivative crosses zero inside |x| < 4: there 2^-24 absolute is also accepted.
inline bool has_interior_root(std::string const& name)
{
    return name == "swish" || name == "gelu" || name == "gelu_tanh" || name == "mish" || name == "quick_gelu";
}

enum class direction { forward, derivative };

template <class F, class V>
auto apply(F const& f, V x, direction d)
{
    return d == direction::forward ? f.forward(x) : f.derivative(x);
}

template <class F, class T>
void apply_kernel(F const& f, std::vector<T> const& x, std::vector<T>& y, direction d)
{
    if (d == direction::forward) {
        xact::forward(f, x, y);
    } else {
        xact::derivative(f, x, y);
    }
}

/// Every reference row of `name`, through the scalar functor and the batch kernel, double against
/// the exact values (1e-12 relative) and float against the double functor at the float input
/// (4 ULP, or 2^-24 absolute for the interior roots) and, where x is a float, the exact value.
/// make(tag, param) builds the functor over decltype(tag) from the row's parameter text.
template <class Make>
void check_reference(std::string const& name, Make make, std::string const& file = "elementwise.csv")
{
    auto rows = reference_rows(name, file);
    double worst_ulp[2] = {0, 0};
    for (direction d : {direction::forward, direction::derivative}) {
        int k = d == direction::forward ? 0 : 1;
        // group by parameter: the kernel runs over all rows of one functor at once
        std::vector<std::string> params;
        for (auto const& r : rows)
            if (std::find(params.begin(), params.end(), r.param) == params.end()) params.push_back(r.param);
        for (auto const& param : params) {
            auto fd = make(double{}, param);
            auto ff = make(float{}, param);
            std::vector<double> xd, refd;
            std::vector<float> xf;
            for (auto const& r : rows) {
                if (r.param != param) continue;
                xd.push_back(r.x);
                refd.push_back(d == direction::forward ? r.fx : r.dfx);
                xf.push_back(float(r.x));
            }
            std::vector<double> yd(xd.size());
            std::vector<float> yf(xf.size());
            apply_kernel(fd, xd, yd, d);
            apply_kernel(ff, xf, yf, d);
            for (std::size_t i = 0; i < xd.size(); ++i) {
                INFO(name << (param.empty() ? "" : "(" + param + ")")
                          << (d == direction::forward ? " forward" : " derivative") << " at x = " << xd[i]);
                // double: scalar and batch against the exact value
                double sd = apply(fd, xd[i], d);
                CHECK(close_double(sd, refd[i], 1e-12));
                CHECK(close_double(yd[i], refd[i], 1e-12));
                // float: against the double functor at the float input, and the exact value if x is a float
                double ref = apply(fd, double(xf[i]), d);
                if (double(xf[i]) == xd[i] || std::isnan(xd[i])) ref = refd[i];
                float sf = apply(ff, xf[i], d);
                double e_scalar = ulp_error(sf, ref), e_batch = ulp_error(yf[i], ref);
                bool root_ok = d == direction::derivative && has_interior_root(name) && std::fabs(xf[i]) < 4;
                INFO("float scalar " << sf << " batch " << yf[i] << " reference " << ref << ": " << e_scalar
                                     << " / " << e_batch << " ULP");
                CHECK((e_scalar <= 4 || (root_ok && std::fabs(sf - ref) <= 0x1p-24)));
                CHECK((e_batch <= 4 || (root_ok && std::fabs(yf[i] - ref) <= 0x1p-24)));
                if (!(root_ok && std::fabs(yf[i] - ref) <= 0x1p-24)) {
                    worst_ulp[k] = std::max(worst_ulp[k], std::max(e_scalar, e_batch));
                }
            }
        }
    }
    WARN(name << ": largest float error on the reference rows: forward " << worst_ulp[0] << " ULP, derivative "
              << worst_ulp[1] << " ULP");
}

/// Batch kernels equal the scalar functor lane by lane for every length 0 .. 4w + 3, from
/// misaligned starts, in place, and for backward and backward_from_output.
template <class F>
void check_kernels(F const& f)
{
    using T = typename F::value_type;
    constexpr std::size_t w = xact::detail::lane_count<xact::detail::default_batch<T>>;
    std::vector<T> pool(4 * w + 3 + 8);
    for (std::size_t i = 0; i < pool.size(); ++i) pool[i] = T(-6) + T(12) * T(i) / T(pool.size()) + T(0.001);
    for (std::size_t offset : {0u, 1u, 3u}) {
        for (std::size_t n = 0; n <= 4 * w + 3; ++n) {
            const T* x = pool.data() + offset;
            std::vector<T> y(n + 1, T(-777)), d(n + 1, T(-777)), dx(n + 1, T(-777)), dy(n);
            for (std::size_t i = 0; i < n; ++i) dy[i] = T(0.5) + T(i % 3);
            xact::forward(f, x, y.data(), n);
            xact::derivative(f, x, d.data(), n);
            xact::backward(f, x, dy.data(), dx.data(), n);
            for (std::size_t i = 0; i < n; ++i) {
                INFO("n = " << n << ", offset = " << offset << ", i = " << i << ", x = " << x[i]);
                T ys = f.forward(x[i]), ds = f.derivative(x[i]);
                CHECK(same_value(y[i], ys));
                CHECK(same_value(d[i], ds));
                CHECK(same_value(dx[i], T(dy[i] * ds)));
            }
            // nothing past the end is written
            CHECK(y[n] == T(-777));
            CHECK(d[n] == T(-777));
            CHECK(dx[n] == T(-777));
            // in place: y may be x, dx may be dy
            std::vector<T> inplace(x, x + n), g = dy;
            xact::forward(f, inplace, inplace);
            xact::backward(f, std::vector<T>(x, x + n), g, g);
            for (std::size_t i = 0; i < n; ++i) {
                CHECK(inplace[i] == y[i]);
                CHECK(g[i] == dx[i]);
            }
        }
    }
}

/// backward_from_output(f, f(x), dy) equals backward(f, x, dy).
template <class F>
void check_from_output(F const& f)
{
    using T = typename F::value_type;
    std::vector<T> x;
    for (int i = -200; i <= 200; ++i) x.push_back(T(i) / T(25));
    x.push_back(T(0));
    x.push_back(std::numeric_limits<T>::quiet_NaN());
    std::vector<T> y(x.size()), dy(x.size(), T(1.5)), a(x.size()), b(x.size());
    xact::forward(f, x, y);
    xact::backward(f, x, dy, a);
    xact::backward_from_output(f, y, dy, b);
    for (std::size_t i = 0; i < x.size(); ++i) {
        INFO("x = " << x[i] << ", y = " << y[i]);
        if (std::isnan(x[i])) {
            CHECK(std::isnan(a[i]));
            CHECK(std::isnan(b[i]));
        } else {
            // from y the derivative sees y's rounding: a few ULP of the derivative's scale
            CHECK(double(b[i]) == Approx(double(a[i])).epsilon(std::is_same<T, float>::value ? 2e-5 : 1e-12).margin(1e-6));
        }
    }
}

/// Size mismatches throw std::invalid_argument naming both sizes, and write nothing.
template <class F>
void check_size_mismatch(F const& f)
{
    using T = typename F::value_type;
    std::vector<T> x(5, T(1)), y(4, T(7)), dy(5, T(1));
    try {
        xact::forward(f, x, y);
        FAIL("no exception");
    } catch (std::invalid_argument const& e) {
        std::string msg = e.what();
        CHECK(msg.find('5') != std::string::npos);
        CHECK(msg.find('4') != std::string::npos);
    }
    CHECK_THROWS_AS(xact::derivative(f, x, y), std::invalid_argument);
    CHECK_THROWS_AS(xact::backward(f, x, dy, y), std::invalid_argument);
    CHECK_THROWS_AS(xact::backward(f, x, y, dy), std::invalid_argument);
    CHECK(y == std::vector<T>(4, T(7)));
}

/// NaN in gives NaN out, forward and derivative, scalar and batch.
template <class F>
void check_nan(F const& f)
{
    using T = typename F::value_type;
    T nan = std::numeric_limits<T>::quiet_NaN();
    CHECK(std::isnan(f.forward(nan)));
    CHECK(std::isnan(f.derivative(nan)));
    std::vector<T> x(2 * xact::detail::lane_count<xact::detail::default_batch<T>> + 1, nan), y(x.size()), d(x.size());
    x[1] = T(1);
    xact::forward(f, x, y);
    xact::derivative(f, x, d);
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (i == 1) continue;
        INFO("lane " << i);
        CHECK(std::isnan(y[i]));
        CHECK(std::isnan(d[i]));
    }
}

/// The checks every activation goes through, for float and double.
template <template <class> class F>
void check_common()
{
    check_kernels(F<float>{});
    check_kernels(F<double>{});
    check_size_mismatch(F<float>{});
    check_nan(F<float>{});
    check_nan(F<double>{});
}

/// Functions that are odd at 0 or equal x g(x) there: f(-0) is -0 (and f(+0) is +0).
inline bool keeps_zero_sign(std::string const& name)
{
    for (const char* n : {"identity", "tanh", "leaky_relu", "prelu", "elu", "selu", "swish", "gelu", "gelu_tanh"})
        if (name == n) return true;
    for (const char* n : {"mish", "celu", "tanhshrink", "quick_gelu"})
        if (name == n) return true;
    return false;
}

/// The dense sweep's inputs: float, every 4099th bit pattern (1,047,807 values over both signs and
/// every exponent, subnormals included); double, 2^19 bit patterns from a 64-bit LCG (every
/// exponent equally often) and the same floats widened. Plus the signed zeros and infinities.
template <class T>
std::vector<T> dense_inputs()
{
    std::vector<T> x{T(0), -T(0), std::numeric_limits<T>::infinity(), -std::numeric_limits<T>::infinity()};
    for (std::uint64_t b = 0; b < (std::uint64_t(1) << 32); b += 4099) {
        const std::uint32_t u = std::uint32_t(b);
        float f;
        std::memcpy(&f, &u, sizeof f);
        if (f == f) x.push_back(T(f));
    }
    if (std::is_same<T, double>::value) {
        std::uint64_t state = 0x9e3779b97f4a7c15u;
        for (int k = 0; k < (1 << 19); ++k) {
            state = state * 6364136223846793005u + 1442695040888963407u;
            double d;
            std::memcpy(&d, &state, sizeof d);
            if (d == d) x.push_back(T(d));
        }
    }
    return x;
}

#if defined(__SSE2__) || defined(_M_X64)
/// While alive, the caller's MXCSR has flush-to-zero and denormals-are-zero set.
struct ftz_daz {
    unsigned saved = _mm_getcsr();
    ftz_daz() { _mm_setcsr(saved | 0x8040u); }
    ~ftz_daz() { _mm_setcsr(saved); }
    ftz_daz(ftz_daz const&) = delete;
    ftz_daz& operator=(ftz_daz const&) = delete;
};
#endif

/// Over dense_inputs: the kernels equal the scalar calls bit for bit (forward and derivative);
/// with FTZ and DAZ set by the caller (x86), a result whose input and value are normal (or zero)
/// does not change; and f(-0) keeps its sign where keeps_zero_sign says so, on every path.
template <class F>
void check_dense(F const& f)
{
    using T = typename F::value_type;
    const std::vector<T> x = dense_inputs<T>();
    const std::size_t n = x.size();
    std::vector<T> y(n), d(n);
    xact::forward(f, x, y);
    xact::derivative(f, x, d);
    std::size_t differ = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const bool same = same_value(y[i], f.forward(x[i])) && same_value(d[i], f.derivative(x[i]));
        if (!same && differ++ == 0) {
            INFO("first at x = " << x[i] << ": batch " << y[i] << ", " << d[i] << "; scalar " << f.forward(x[i]) << ", "
                                 << f.derivative(x[i]));
            CHECK(same);
        }
    }
    INFO(F::name << ": " << differ << " of " << n << " inputs where batch and scalar differ");
    CHECK(differ == 0);
    // finite inputs never give NaN
    std::size_t nans = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isfinite(x[i]) && (std::isnan(y[i]) || std::isnan(d[i])) && nans++ == 0) {
            INFO("first at x = " << x[i] << ": " << y[i] << ", " << d[i]);
            CHECK(false);
        }
    }
    INFO(F::name << ": " << nans << " finite inputs with a NaN result");
    CHECK(nans == 0);
    if constexpr (xact::detail::has_derivative_from_output<F>::value) {
        // f'(y) over every input taken as y, in range of f or not: the kernel equals the scalar
        // call, and a finite y never gives NaN
        std::vector<T> ones(n, T(1)), b(n);
        xact::backward_from_output(f, x, ones, b);
        std::size_t bad = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const T s = f.derivative_from_output(x[i]);
            if ((!same_value(b[i], s) || (std::isfinite(x[i]) && std::isnan(s))) && bad++ == 0) {
                INFO("first at y = " << x[i] << ": batch " << b[i] << ", scalar " << s);
                CHECK(false);
            }
        }
        INFO(F::name << ": " << bad << " values of y where f'(y) is NaN or batch and scalar differ");
        CHECK(bad == 0);
    }
#if defined(__SSE2__) || defined(_M_X64)
    std::vector<T> yf(n), df(n), ys(n), ds(n);
    {
        ftz_daz guard;
        xact::forward(f, x, yf);
        xact::derivative(f, x, df);
        for (std::size_t i = 0; i < n; ++i) {
            ys[i] = f.forward(x[i]);
            ds[i] = f.derivative(x[i]);
        }
    }
    auto normal = [](T v) { return v == 0 || std::isnormal(v) || std::isinf(v) || v != v; };
    std::size_t changed = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!normal(x[i])) continue;
        const bool same = (!normal(y[i]) || (same_value(yf[i], y[i]) && same_value(ys[i], y[i]))) &&
                          (!normal(d[i]) || (same_value(df[i], d[i]) && same_value(ds[i], d[i])));
        if (!same && changed++ == 0) {
            INFO("first at x = " << x[i] << ": " << y[i] << ", " << d[i] << "; under FTZ and DAZ " << yf[i] << ", "
                                 << df[i] << " (scalar " << ys[i] << ", " << ds[i] << ")");
            CHECK(same);
        }
    }
    INFO(F::name << ": " << changed << " normal results that change under FTZ and DAZ");
    CHECK(changed == 0);
#endif
    if (keeps_zero_sign(F::name)) {
        INFO(F::name << " at -0 and +0");
        const std::vector<T> z{-T(0), T(0)};
        std::vector<T> yz(2);
        xact::forward(f, z, yz);
        CHECK(std::signbit(f.forward(-T(0))));
        CHECK(std::signbit(yz[0]));
        CHECK(!std::signbit(f.forward(T(0))));
        CHECK(!std::signbit(yz[1]));
    }
}

/// check_dense for float and double.
template <template <class> class F>
void check_dense_both()
{
    check_dense(F<float>{});
    check_dense(F<double>{});
}

/// Functor makers for check_reference: no parameter, or the row's parameter as the first member.
template <template <class> class F>
auto no_param()
{
    return [](auto tag, std::string const&) { return F<decltype(tag)>{}; };
}

template <template <class> class F>
auto one_param()
{
    return [](auto tag, std::string const& p) {
        using T = decltype(tag);
        return p.empty() ? F<T>{} : F<T>{T(std::stod(p))};
    };
}

}  // namespace xact_test

#endif
