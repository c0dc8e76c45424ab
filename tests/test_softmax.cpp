// Tests of xact::softmax and xact::log_softmax (include/xact/softmax.hpp).
#include <xact/softmax.hpp>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "reference_data.hpp"

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

struct row {
    bool log;
    std::vector<double> x, y, dy, dx;
};

std::vector<row> reference_rows()
{
    std::vector<row> rows;
    for (auto& f : xact_test::csv_rows("softmax.csv")) {
        const std::size_t n = std::stoul(f[1]);
        REQUIRE(f.size() == 2 + 4 * n);
        row r{f[0] == "log_softmax", {}, {}, {}, {}};
        for (std::size_t i = 0; i < n; ++i) {
            r.x.push_back(xact_test::parse_double(f[2 + i]));
            r.y.push_back(xact_test::parse_double(f[2 + n + i]));
            r.dy.push_back(xact_test::parse_double(f[2 + 2 * n + i]));
            r.dx.push_back(xact_test::parse_double(f[2 + 3 * n + i]));
        }
        rows.push_back(r);
    }
    REQUIRE(rows.size() >= 40);
    return rows;
}

/// |got - ref| in units of the float spacing at ref (subnormal spacing below FLT_MIN).
double ulp_error(float got, double ref)
{
    if (std::isnan(ref) || std::isnan(got)) return std::isnan(ref) && std::isnan(got) ? 0.0 : HUGE_VAL;
    if (std::isinf(ref) || std::isinf(got)) return double(got) == ref ? 0.0 : HUGE_VAL;
    const double err = std::fabs(double(got) - ref);
    if (std::fabs(ref) < FLT_MIN) return err / 0x1p-149;
    int e;
    std::frexp(ref, &e);
    return err / std::ldexp(1.0, e - 1 - 23);
}

/// got and ref agree on NaN and infinities, and |got - ref| <= tol otherwise.
bool close(double got, double ref, double tol)
{
    if (std::isnan(ref) || std::isnan(got)) return std::isnan(ref) && std::isnan(got);
    if (std::isinf(ref) || std::isinf(got)) return got == ref;
    return std::fabs(got - ref) <= tol;
}

template <class T>
std::vector<T> cast(std::vector<double> const& v)
{
    return std::vector<T>(v.begin(), v.end());
}

/// Softmax or log-softmax of x / t in long double, the straightforward way.
std::vector<long double> exact(std::vector<long double> const& x, bool log, long double t = 1)
{
    const long double m = *std::max_element(x.begin(), x.end());
    long double s = 0;
    for (long double v : x) s += std::exp((v - m) / t);
    std::vector<long double> y;
    for (long double v : x) y.push_back(log ? (v - m) / t - std::log(s) : std::exp((v - m) / t) / s);
    return y;
}

/// A range over caller memory (an unaligned slice of a buffer).
template <class T>
struct slice {
    T* p;
    std::size_t n;
    T* data() const { return p; }
    std::size_t size() const { return n; }
};

template <class T>
T eps()
{
    return std::numeric_limits<T>::epsilon();
}

}  // namespace

TEMPLATE_TEST_CASE("softmax: the worked example", "[softmax]", float, double)
{
    using T = TestType;
    std::vector<T> x{T(2.1), T(1.5), T(-0.3), T(0.8)}, y(4);
    xact::softmax<T>{}.forward(x, y);
    const double expect[] = {0.523, 0.287, 0.047, 0.143};
    double sum = 0;
    for (int i = 0; i < 4; ++i) {
        CHECK(y[i] == Approx(expect[i]).margin(5e-4));
        sum += y[i];
    }
    CHECK(sum == Approx(1.0).epsilon(4 * eps<T>()));
    CHECK(std::string(xact::softmax<T>::name) == "softmax");
    CHECK(std::string(xact::log_softmax<T>::name) == "log_softmax");
}

// float: softmax within (8 + |x_i - max| + 2 log2 n) ULP: the exponential's argument x_i - max is
// rounded (|x_i - max| / 2 ULP at most), the exponential is within 1 ULP, the lane sum and the
// division add a few. log_softmax and the backward passes are sums with cancellation, so they are
// held to (8 + 2 log2 n) eps times the magnitude of their terms. double: 1e-12 relative; softmax
// outputs may also differ by 1e-300 absolute (below that a double is subnormal or near it and has
// lost its relative precision), log_softmax by 1e-15 absolute (log of a sum >= 1 is rounded to an
// absolute, not relative, 2^-52 when the output is near 0).
TEST_CASE("softmax: every reference row, float and double", "[softmax]")
{
    double worst_ulp[2] = {0, 0}, worst_rel[2] = {0, 0}, worst_excess = 0, worst_log = 0;
    for (row const& r : reference_rows()) {
        const std::size_t n = r.x.size();
        const double lg = std::log2(double(n));
        double m = -inf;
        for (double v : r.x) m = std::max(m, v);
        double dy_abs = 0, sum_dy_abs = 0;
        for (std::size_t i = 0; i < n; ++i) {
            dy_abs += std::fabs(r.dy[i] * (r.log ? std::exp(r.y[i]) : r.y[i]));
            sum_dy_abs += std::fabs(r.dy[i]);
        }
        INFO((r.log ? "log_softmax" : "softmax") << ", n = " << n << ", x0 = " << r.x[0]);

        // float
        std::vector<float> xf = cast<float>(r.x), yf(n), dxf(n);
        std::vector<float> yref = cast<float>(r.y), dyf = cast<float>(r.dy);
        if (r.log) {
            xact::log_softmax<float>{}.forward(xf, yf);
            xact::log_softmax<float>{}.backward(yref, dyf, dxf);
        } else {
            xact::softmax<float>{}.forward(xf, yf);
            xact::softmax<float>{}.backward(yref, dyf, dxf);
        }
        for (std::size_t i = 0; i < n; ++i) {
            INFO("i = " << i << ", x = " << r.x[i] << ", y = " << r.y[i] << ", got " << yf[i]);
            const double u = ulp_error(yf[i], r.y[i]);
            if (!r.log) {
                CHECK(u <= 8 + std::fabs(r.x[i] - m) + 2 * lg);
            } else {
                CHECK(close(yf[i], r.y[i], (8 + 2 * lg) * eps<float>() * (1 + std::fabs(r.y[i]))));
                if (std::isfinite(r.y[i]))
                    worst_log =
                        std::max(worst_log, std::fabs(yf[i] - r.y[i]) / (eps<float>() * (1 + std::fabs(r.y[i]))));
            }
            if (std::isfinite(u)) {
                worst_ulp[r.log] = std::max(worst_ulp[r.log], u);
                if (!r.log) worst_excess = std::max(worst_excess, u - std::fabs(r.x[i] - m));
            }
            const double scale = r.log ? std::fabs(r.dy[i]) + std::exp(r.y[i]) * sum_dy_abs
                                       : std::fabs(r.y[i]) * (std::fabs(r.dy[i]) + dy_abs);
            INFO("dy = " << r.dy[i] << ", dx = " << r.dx[i] << ", got " << dxf[i]);
            CHECK(close(dxf[i], r.dx[i], (8 + 2 * lg) * eps<float>() * scale + 1e-38));
        }

        // double
        std::vector<double> yd(n), dxd(n);
        if (r.log) {
            xact::log_softmax<double>{}.forward(r.x, yd);
            xact::log_softmax<double>{}.backward(r.y, r.dy, dxd);
        } else {
            xact::softmax<double>{}.forward(r.x, yd);
            xact::softmax<double>{}.backward(r.y, r.dy, dxd);
        }
        for (std::size_t i = 0; i < n; ++i) {
            INFO("i = " << i << ", x = " << r.x[i] << ", y = " << r.y[i] << ", got " << yd[i]);
            CHECK(close(yd[i], r.y[i], 1e-12 * std::fabs(r.y[i]) + (r.log ? 1e-15 : 1e-300)));
            if (std::isfinite(r.y[i]) && r.y[i] != 0)
                worst_rel[r.log] = std::max(worst_rel[r.log], std::fabs(yd[i] - r.y[i]) / std::fabs(r.y[i]));
            const double scale = r.log ? std::fabs(r.dy[i]) + std::exp(r.y[i]) * sum_dy_abs
                                       : std::fabs(r.y[i]) * (std::fabs(r.dy[i]) + dy_abs);
            INFO("dy = " << r.dy[i] << ", dx = " << r.dx[i] << ", got " << dxd[i]);
            CHECK(close(dxd[i], r.dx[i], 1e-12 * scale + 1e-300));
        }
    }
    WARN("softmax reference: worst float error "
         << worst_ulp[0] << " ULP, at most |x_i - max| + " << worst_excess << " ULP (log_softmax " << worst_ulp[1]
         << " ULP, " << worst_log << " eps (1 + |y|) absolute); worst double relative error " << worst_rel[0]
         << " (log_softmax " << worst_rel[1] << ")");
}

TEMPLATE_TEST_CASE("softmax: large, spread and equal logits", "[softmax]", float, double)
{
    using T = TestType;
    xact::softmax<T> sm;
    xact::log_softmax<T> ls;
    std::vector<T> y(2);
    sm.forward(std::vector<T>{1000, 1000}, y);
    CHECK(y == std::vector<T>{T(0.5), T(0.5)});
    ls.forward(std::vector<T>{1000, 1000}, y);
    CHECK(y[0] == -T(std::log(2.0L)));
    CHECK(y[1] == y[0]);

    for (auto const& xv : {std::vector<T>{90, 95, 100}, std::vector<T>{-1e4, 0, 1e4}, std::vector<T>{-88, 0, 88}}) {
        std::vector<long double> xl(xv.begin(), xv.end());
        for (bool log : {false, true}) {
            auto ref = exact(xl, log);
            std::vector<T> out(3);
            if (log) {
                ls.forward(xv, out);
            } else {
                sm.forward(xv, out);
            }
            for (int i = 0; i < 3; ++i) {
                INFO("x = " << xv[i] << ", log " << log);
                const long double tol =
                    4 * eps<T>() * (std::fabs(ref[i]) + (log ? 1 : 0)) + std::numeric_limits<T>::denorm_min();
                CHECK(std::fabs(out[i] - ref[i]) <= tol);
            }
        }
    }
}

TEMPLATE_TEST_CASE("softmax: -inf, all -inf, safe, NaN and +inf", "[softmax]", float, double)
{
    using T = TestType;
    const T ninf = -std::numeric_limits<T>::infinity();
    const T qnan = std::numeric_limits<T>::quiet_NaN();
    std::vector<T> y(5);
    xact::softmax<T> sm;
    xact::log_softmax<T> ls;

    sm.forward(std::vector<T>{ninf, 0, ninf, 0, ninf}, y);
    CHECK(y == std::vector<T>{0, T(0.5), 0, T(0.5), 0});
    ls.forward(std::vector<T>{ninf, 0, ninf, 0, ninf}, y);
    CHECK(y[0] == ninf);
    CHECK(y[1] == -T(std::log(2.0L)));

    const std::vector<T> all_ninf(5, ninf);
    for (bool safe : {false, true}) {
        sm.safe = ls.safe = safe;
        sm.forward(all_ninf, y);
        for (T v : y) CHECK((safe ? v == 0 : std::isnan(v)));
        ls.forward(all_ninf, y);
        for (T v : y) CHECK((safe ? v == ninf : std::isnan(v)));
        // a NaN anywhere makes the row NaN, also next to -inf and with safe
        for (std::size_t k = 0; k < 5; ++k) {
            for (auto base : {std::vector<T>{1, 2, 3, 4, 5}, all_ninf}) {
                base[k] = qnan;
                sm.forward(base, y);
                for (T v : y) CHECK(std::isnan(v));
                ls.forward(base, y);
                for (T v : y) CHECK(std::isnan(v));
            }
        }
        // +inf gives NaN (inf - inf), as PyTorch
        sm.forward(std::vector<T>{1, std::numeric_limits<T>::infinity(), 0, 0, 0}, y);
        for (T v : y) CHECK(std::isnan(v));
    }
    // log_softmax backward with safe's -inf rows passes dy through
    std::vector<T> dy{1, 2, 3, 4, 5}, dx(5);
    ls.backward(std::vector<T>(5, ninf), dy, dx);
    CHECK(dx == dy);
}

TEMPLATE_TEST_CASE("softmax: every length and start, in place, rows", "[softmax]", float, double)
{
    using T = TestType;
    constexpr std::size_t w = xact::detail::lane_count<xact::detail::default_batch<T>>;
    std::vector<T> pool(4 * w + 3 + 8);
    for (std::size_t i = 0; i < pool.size(); ++i) pool[i] = T(std::sin(double(i) * 1.7) * 9 + (i % 3));
    for (bool log : {false, true}) {
        for (std::size_t n = 1; n <= 4 * w + 3; ++n) {
            std::vector<T> first;
            const std::vector<T> xv(pool.begin(), pool.begin() + std::ptrdiff_t(n));
            for (std::size_t offset = 0; offset < 4; ++offset) {
                // the same values at a misaligned start, into a misaligned output
                std::vector<T> in_buf(n + 4), y(n + 4);
                std::copy(xv.begin(), xv.end(), in_buf.begin() + std::ptrdiff_t(offset));
                const slice<T> in{in_buf.data() + offset, n}, out{y.data() + (3 - offset), n};
                if (log) {
                    xact::log_softmax<T>{}.forward(in, out);
                } else {
                    xact::softmax<T>{}.forward(in, out);
                }
                std::vector<T> got(out.p, out.p + n);
                std::vector<long double> xl(xv.begin(), xv.end());
                auto ref = exact(xl, log);
                const T m = *std::max_element(xv.begin(), xv.end());
                for (std::size_t i = 0; i < n; ++i) {
                    INFO("log " << log << ", n = " << n << ", offset = " << offset << ", i = " << i);
                    const long double bound = (8 + std::fabs(xv[i] - m) + 2 * std::log2(double(n))) * eps<T>();
                    CHECK(std::fabs(got[i] - ref[i]) <= bound * (std::fabs(ref[i]) + (log ? 1 : 0)));
                }
                if (offset == 0) first = got;
                CHECK(got == first);  // the start does not change the result
                // in place
                if (log) {
                    xact::log_softmax<T>{}.forward(in, in);
                } else {
                    xact::softmax<T>{}.forward(in, in);
                }
                CHECK(std::equal(got.begin(), got.end(), in.p));
            }
        }
    }
}

TEMPLATE_TEST_CASE("softmax: row-wise forms equal the one-vector form", "[softmax]", float, double)
{
    using T = TestType;
    for (std::size_t cols : {1u, 3u, 8u, 17u}) {
        const std::size_t rows = 5;
        std::vector<T> x(rows * cols), dy(rows * cols);
        for (std::size_t i = 0; i < x.size(); ++i) {
            x[i] = T(std::cos(double(i) * 0.9) * 5);
            dy[i] = T(std::sin(double(i) * 1.3));
        }
        for (bool log : {false, true}) {
            std::vector<T> y(x.size()), dx(x.size()), yr(cols), dxr(cols);
            auto run = [&](auto const& f) {
                f.forward(x, y, cols);
                f.backward(y, dy, dx, cols);
                for (std::size_t r = 0; r < rows; ++r) {
                    std::vector<T> xr(x.begin() + r * cols, x.begin() + (r + 1) * cols);
                    std::vector<T> dyr(dy.begin() + r * cols, dy.begin() + (r + 1) * cols);
                    std::vector<T> yrow(y.begin() + r * cols, y.begin() + (r + 1) * cols);
                    f.forward(xr, yr);
                    f.backward(yrow, dyr, dxr);
                    CHECK(std::equal(yr.begin(), yr.end(), y.begin() + r * cols));
                    CHECK(std::equal(dxr.begin(), dxr.end(), dx.begin() + r * cols));
                }
                // backward in place over dy and over y
                std::vector<T> g = dy;
                f.backward(y, g, g, cols);
                CHECK(g == dx);
                std::vector<T> yy = y;
                f.backward(yy, dy, yy, cols);
                CHECK(yy == dx);
            };
            if (log) {
                run(xact::log_softmax<T>{T(1.5)});
            } else {
                run(xact::softmax<T>{T(1.5)});
            }
        }
    }
}

TEST_CASE("softmax: jacobian against central differences, backward against the jacobian", "[softmax]")
{
    const std::vector<double> x{0.3, -1.2, 2.5, 0.0, 1.1, -0.7, 0.9};
    const std::size_t n = x.size();
    for (double t : {1.0, 0.7, 3.0}) {
        for (bool log : {false, true}) {
            INFO("temperature " << t << ", log " << log);
            auto fwd = [&](std::vector<double> const& in) {
                std::vector<double> out(n);
                if (log) {
                    xact::log_softmax<double>{t}.forward(in, out);
                } else {
                    xact::softmax<double>{t}.forward(in, out);
                }
                return out;
            };
            const std::vector<double> y = fwd(x);
            std::vector<double> J(n * n);
            if (log) {
                xact::log_softmax<double>{t}.jacobian(y, J);
            } else {
                xact::softmax<double>{t}.jacobian(y, J);
            }
            const double h = 1e-5;
            for (std::size_t j = 0; j < n; ++j) {
                std::vector<double> xp = x, xm = x;
                xp[j] += h;
                xm[j] -= h;
                const auto yp = fwd(xp), ym = fwd(xm);
                for (std::size_t i = 0; i < n; ++i)
                    CHECK(J[i * n + j] == Approx((yp[i] - ym[i]) / (2 * h)).margin(1e-8));
            }
            const std::vector<double> dy{0.5, -1.0, 2.0, 0.25, -0.3, 1.5, -2.0};
            std::vector<double> dx(n);
            if (log) {
                xact::log_softmax<double>{t}.backward(y, dy, dx);
            } else {
                xact::softmax<double>{t}.backward(y, dy, dx);
            }
            for (std::size_t j = 0; j < n; ++j) {
                double v = 0;
                for (std::size_t i = 0; i < n; ++i) v += dy[i] * J[i * n + j];
                CHECK(dx[j] == Approx(v).margin(1e-14));
            }
        }
    }
}

TEMPLATE_TEST_CASE("softmax: temperature", "[softmax]", float, double)
{
    using T = TestType;
    const std::vector<T> x{T(0.5), T(-2), T(3), T(1)};
    for (T t : {T(0.25), T(2), T(10)}) {
        std::vector<T> xs(x.size()), y(x.size()), ys(x.size());
        for (std::size_t i = 0; i < x.size(); ++i) xs[i] = x[i] / t;
        for (bool log : {false, true}) {
            if (log) {
                xact::log_softmax<T>{t}.forward(x, y);
                xact::log_softmax<T>{}.forward(xs, ys);
            } else {
                xact::softmax<T>{t}.forward(x, y);
                xact::softmax<T>{}.forward(xs, ys);
            }
            for (std::size_t i = 0; i < x.size(); ++i)
                CHECK(y[i] == Approx(ys[i]).epsilon(64 * eps<T>()).margin(1e-30));
        }
    }
    std::vector<T> y(4);
    for (T bad : {T(0), T(-1), std::numeric_limits<T>::quiet_NaN(), std::numeric_limits<T>::infinity()}) {
        CHECK_THROWS_AS(xact::softmax<T>{bad}.forward(x, y), std::invalid_argument);
        CHECK_THROWS_AS(xact::log_softmax<T>{bad}.backward(x, x, y), std::invalid_argument);
    }
}

TEST_CASE("softmax: sizes that do not fit throw and write nothing", "[softmax]")
{
    xact::softmax<float> sm;
    xact::log_softmax<float> ls;
    const std::vector<float> x(6, 1.0f);
    std::vector<float> y(5, 7.0f), y6(6, 7.0f), J(35, 7.0f);
    CHECK_THROWS_AS(sm.forward(x, y), std::invalid_argument);
    CHECK_THROWS_AS(ls.forward(x, y), std::invalid_argument);
    CHECK_THROWS_AS(sm.forward(x, y6, 4), std::invalid_argument);
    CHECK_THROWS_AS(sm.forward(x, y6, 0), std::invalid_argument);
    CHECK_THROWS_AS(sm.backward(x, x, y), std::invalid_argument);
    CHECK_THROWS_AS(sm.backward(x, y, y6), std::invalid_argument);
    CHECK_THROWS_AS(ls.backward(x, x, y6, 5), std::invalid_argument);
    CHECK_THROWS_AS(sm.jacobian(x, J), std::invalid_argument);
    CHECK(y == std::vector<float>(5, 7.0f));
    CHECK(y6 == std::vector<float>(6, 7.0f));
    CHECK(J == std::vector<float>(35, 7.0f));
    try {
        sm.forward(x, y6, 4);
    } catch (std::invalid_argument const& e) {
        CHECK(std::string(e.what()).find("cols is 4") != std::string::npos);
        CHECK(std::string(e.what()).find("6 elements") != std::string::npos);
    }
    try {
        sm.forward(x, y);
    } catch (std::invalid_argument const& e) {
        CHECK(std::string(e.what()) == "xact::softmax::forward: x has 6 elements but y has 5");
    }
    // empty input is fine
    std::vector<float> e;
    sm.forward(e, e);
    sm.forward(e, e, 3);
}

TEST_CASE("softmax: rows of up to 10^7 values keep the error bound (the sum's error does not grow with n)",
          "[softmax]")
{
    for (std::size_t n : {std::size_t(100003), std::size_t(1000000), std::size_t(10000000)}) {
        INFO("n = " << n);
        std::vector<float> x(n), y(n), ly(n), dy(n), dx(n);
        std::uint32_t state = 12345;
        auto next = [&state] {  // a 32-bit LCG: deterministic on every platform
            state = state * 1664525u + 1013904223u;
            return double(state >> 8) / double(1u << 24);
        };
        for (std::size_t i = 0; i < n; ++i) {
            x[i] = float(next() * 8 - 4);
            dy[i] = float(next() * 2 - 1);
        }
        xact::softmax<float>{}.forward(x, y);
        xact::log_softmax<float>{}.forward(x, ly);
        const long double m = *std::max_element(x.begin(), x.end());
        long double s = 0, sy = 0, dot = 0;
        for (float v : x) s += std::exp(static_cast<long double>(v) - m);
        for (std::size_t i = 0; i < n; ++i) {
            sy += y[i];
            dot += static_cast<long double>(y[i]) * dy[i];
        }
        double worst = 0, worst_log = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const long double d = static_cast<long double>(x[i]) - m;
            const double ref = double(std::exp(d) / s);
            worst = std::max(worst, ulp_error(y[i], ref) - std::fabs(double(d)));
            const double lref = double(d - std::log(s));
            worst_log = std::max(worst_log, std::fabs(ly[i] - lref) / (eps<float>() * (1 + std::fabs(lref))));
        }
        CHECK(worst <= 8);  // the documented 8 + |x_i - max| ULP, with no term in n
        CHECK(worst_log <= 2);
        CHECK(std::fabs(double(sy) - 1) <= 8 * eps<float>());
        // backward: dx = y (dy - <dy, y>) with <dy, y> summed as accurately
        xact::softmax<float>{}.backward(y, dy, dx);
        double worst_dx = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const long double ref = static_cast<long double>(y[i]) * (static_cast<long double>(dy[i]) - dot);
            worst_dx = std::max(worst_dx, double(std::fabs(dx[i] - ref) / (eps<float>() * y[i] * 2)));
        }
        CHECK(worst_dx <= 4);
    }
}

TEMPLATE_TEST_CASE("softmax: a temperature above 1 scales before the difference can overflow", "[softmax]", float,
                   double)
{
    using T = TestType;
    const T big = std::numeric_limits<T>::max();
    const std::vector<T> x{-big, big, T(0)};
    std::vector<T> y(3);
    xact::log_softmax<T>{T(100)}.forward(x, y);
    CHECK(y[0] == Approx(-2 * (big / 100)).epsilon(4 * eps<T>()));  // -6.8e36 in float, not -inf
    CHECK(y[1] == T(0));
    CHECK(y[2] == Approx(-(big / 100)).epsilon(4 * eps<T>()));
    // softmax: at t = max / 4 the scaled logits are -8, 0, -4 although x - max overflows
    const T t = big / 4;
    xact::softmax<T>{t}.forward(x, y);
    const double s = 1 + std::exp(-4.0) + std::exp(-8.0);
    CHECK(y[0] == Approx(std::exp(-8.0) / s).epsilon(16 * eps<T>()));
    CHECK(y[1] == Approx(1 / s).epsilon(16 * eps<T>()));
    CHECK(y[2] == Approx(std::exp(-4.0) / s).epsilon(16 * eps<T>()));
    xact::log_softmax<T>{t}.forward(x, y);
    CHECK(y[0] == Approx(-8 - std::log(s)).epsilon(16 * eps<T>()));
}
