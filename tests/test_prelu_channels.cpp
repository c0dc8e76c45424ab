// Tests of xact::prelu_forward / prelu_backward (include/xact/prelu_channels.hpp).
#include <xact/prelu_channels.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "reference_data.hpp"

namespace {

struct prelu_row {
    std::size_t N, C, L;
    std::vector<double> alpha, x, y, dy, dx, dalpha;
};

std::vector<prelu_row> prelu_rows()
{
    std::vector<prelu_row> rows;
    for (auto& f : xact_test::csv_rows("prelu.csv")) {
        prelu_row r;
        r.N = std::stoul(f[0]);
        r.C = std::stoul(f[1]);
        r.L = std::stoul(f[2]);
        const std::size_t n = r.N * r.C * r.L;
        REQUIRE(f.size() == 3 + 2 * r.C + 4 * n);
        std::size_t p = 3;
        auto take = [&](std::vector<double>& v, std::size_t count) {
            for (std::size_t i = 0; i < count; ++i) v.push_back(std::stod(f[p++]));
        };
        take(r.alpha, r.C);
        take(r.x, n);
        take(r.y, n);
        take(r.dy, n);
        take(r.dx, n);
        take(r.dalpha, r.C);
        rows.push_back(r);
    }
    REQUIRE(rows.size() == 5);
    return rows;
}

/// y, dx and dalpha of the layout [N][C][L] computed one element at a time, in double.
struct naive {
    std::vector<double> y, dx, dalpha, dalpha_abs;
    naive(std::vector<double> const& x, std::vector<double> const& alpha, std::vector<double> const& dy, std::size_t C,
          std::size_t L)
        : y(x.size()), dx(x.size()), dalpha(C, 0.0), dalpha_abs(C, 0.0)
    {
        for (std::size_t i = 0; i < x.size(); ++i) {
            const std::size_t c = (i / L) % C;
            y[i] = x[i] > 0 ? x[i] : alpha[c] * x[i];
            dx[i] = x[i] > 0 ? dy[i] : alpha[c] * dy[i];
            const double t = x[i] > 0 ? 0.0 : dy[i] * x[i];
            dalpha[c] += t;
            dalpha_abs[c] += std::fabs(t);
        }
    }
};

}  // namespace

// y and dx are one rounding (exact in double for float inputs: compared to 1 ULP of the type);
// dalpha is a sum, held to 4 n eps times the sum of its terms' magnitudes (n terms per channel).
TEMPLATE_TEST_CASE("prelu_channels: every reference row", "[prelu_channels]", float, double)
{
    using T = TestType;
    const double e = std::numeric_limits<T>::epsilon();
    double worst = 0;
    for (auto const& r : prelu_rows()) {
        INFO("N = " << r.N << ", C = " << r.C << ", L = " << r.L);
        const std::vector<T> x(r.x.begin(), r.x.end()), alpha(r.alpha.begin(), r.alpha.end()),
            dy(r.dy.begin(), r.dy.end());
        std::vector<T> y(x.size()), dx(x.size()), dalpha(r.C, T(12345));
        xact::prelu_forward(x, alpha, y, r.C, r.L);
        xact::prelu_backward(x, alpha, dy, dx, dalpha, r.C, r.L);
        const naive ref(r.x, r.alpha, r.dy, r.C, r.L);
        const double terms = double(r.N * r.L);
        for (std::size_t i = 0; i < x.size(); ++i) {
            CHECK(std::fabs(y[i] - r.y[i]) <= e * std::fabs(r.y[i]));
            CHECK(std::fabs(dx[i] - r.dx[i]) <= e * std::fabs(r.dx[i]));
        }
        for (std::size_t c = 0; c < r.C; ++c) {
            INFO("c = " << c << ", dalpha = " << r.dalpha[c] << ", got " << dalpha[c]);
            CHECK(std::fabs(dalpha[c] - r.dalpha[c]) <= 4 * terms * e * ref.dalpha_abs[c] + 1e-12 * ref.dalpha_abs[c]);
            if (r.dalpha[c] != 0) worst = std::max(worst, std::fabs(dalpha[c] - r.dalpha[c]) / std::fabs(r.dalpha[c]));
        }
    }
    WARN("prelu_channels reference: worst dalpha relative error " << worst << " (" << sizeof(T) * 8 << "-bit)");
}

TEMPLATE_TEST_CASE("prelu_channels: shapes, tails, in place, NaN, dalpha assigned", "[prelu_channels]", float, double)
{
    using T = TestType;
    constexpr std::size_t w = xact::detail::lane_count<xact::detail::default_batch<T>>;
    for (std::size_t C : {std::size_t(1), std::size_t(3), w + 1}) {
        // w - 1: a tail shorter than a batch (1 where a batch is one element, the scalar fallback)
        for (std::size_t L : {std::size_t(1), std::size_t(2), std::max<std::size_t>(w - 1, 1), 2 * w + 3}) {
            for (std::size_t N : {1u, 3u}) {
                INFO("N = " << N << ", C = " << C << ", L = " << L);
                const std::size_t n = N * C * L;
                std::vector<T> x(n), dy(n), alpha(C);
                std::vector<double> xd(n), dyd(n), ad(C);
                for (std::size_t i = 0; i < n; ++i) {
                    x[i] = T(std::sin(double(i) * 2.3) * 4);
                    dy[i] = T(std::cos(double(i) * 0.7));
                    xd[i] = x[i];
                    dyd[i] = dy[i];
                }
                for (std::size_t c = 0; c < C; ++c) ad[c] = alpha[c] = T(0.125) * T(c + 1);
                const naive ref(xd, ad, dyd, C, L);
                std::vector<T> y(n), dx(n), dalpha(C, std::numeric_limits<T>::quiet_NaN());
                xact::prelu_forward(x, alpha, y, C, L);
                xact::prelu_backward(x, alpha, dy, dx, dalpha, C, L);
                for (std::size_t i = 0; i < n; ++i) {
                    CHECK(y[i] == T(ref.y[i]));
                    CHECK(dx[i] == T(ref.dx[i]));
                }
                for (std::size_t c = 0; c < C; ++c)
                    CHECK(std::fabs(dalpha[c] - ref.dalpha[c]) <=
                          4 * double(n) * std::numeric_limits<T>::epsilon() * ref.dalpha_abs[c]);
                // a second call assigns again (no accumulation)
                std::vector<T> dalpha2 = dalpha;
                xact::prelu_backward(x, alpha, dy, dx, dalpha2, C, L);
                CHECK(dalpha2 == dalpha);
                // in place: y over x, dx over dy and over x
                std::vector<T> xi = x;
                xact::prelu_forward(xi, alpha, xi, C, L);
                CHECK(xi == y);
                std::vector<T> g = dy, da(C, T(-7));
                xact::prelu_backward(x, alpha, g, g, da, C, L);
                CHECK(g == dx);
                CHECK(da == dalpha);
                std::vector<T> xx = x;
                xact::prelu_backward(xx, alpha, dy, xx, da, C, L);
                CHECK(xx == dx);
                CHECK(da == dalpha);
                // a NaN reaches y, dx and its channel's dalpha only
                x[n - 1] = std::numeric_limits<T>::quiet_NaN();
                xact::prelu_forward(x, alpha, y, C, L);
                xact::prelu_backward(x, alpha, dy, dx, dalpha, C, L);
                CHECK(std::isnan(y[n - 1]));
                CHECK(std::isnan(dx[n - 1]));
                for (std::size_t c = 0; c < C; ++c) CHECK(std::isnan(dalpha[c]) == (c == C - 1));
            }
        }
    }
}

TEST_CASE("prelu_channels: sizes that do not fit throw and write nothing", "[prelu_channels]")
{
    const std::vector<float> x(12, -1.0f), alpha(3, 0.5f), dy(12, 1.0f);
    std::vector<float> y(12, 7.0f), dx(12, 7.0f), da(3, 7.0f);
    CHECK_THROWS_AS(xact::prelu_forward(x, alpha, y, 3, 3), std::invalid_argument);  // 12 % 9
    CHECK_THROWS_AS(xact::prelu_forward(x, alpha, y, 2, 2), std::invalid_argument);  // alpha has 3
    CHECK_THROWS_AS(xact::prelu_forward(x, alpha, y, 3, 0), std::invalid_argument);
    CHECK_THROWS_AS(xact::prelu_forward(x, alpha, std::vector<float>(11), 3, 1), std::invalid_argument);
    CHECK_THROWS_AS(xact::prelu_backward(x, alpha, dy, dx, std::vector<float>(2), 3, 4), std::invalid_argument);
    CHECK_THROWS_AS(xact::prelu_backward(x, alpha, std::vector<float>(11), dx, da, 3, 4), std::invalid_argument);
    CHECK_THROWS_AS(xact::prelu_backward(x, alpha, dy, dx, da, 3, 5), std::invalid_argument);
    CHECK(y == std::vector<float>(12, 7.0f));
    CHECK(dx == std::vector<float>(12, 7.0f));
    CHECK(da == std::vector<float>(3, 7.0f));
    try {
        xact::prelu_forward(x, alpha, y, 3, 3);
    } catch (std::invalid_argument const& e) {
        CHECK(std::string(e.what()) ==
              "xact::prelu_forward: x has 12 elements, not a multiple of channels (3) x inner (3) = 9");
    }
    xact::prelu_forward(x, alpha, y, 3, 4);
    CHECK(y == std::vector<float>(12, -0.5f));
}

TEST_CASE("prelu_channels: a channels x inner product that overflows throws and writes nothing", "[prelu_channels]")
{
    std::vector<float> x{-1.0f, 2.0f, -3.0f, 4.0f}, alpha{0.25f, 0.5f}, y(4, 7.0f), dy(4, 1.0f), dx(4, 5.0f), da(2, 9.0f);
    volatile std::size_t wraps_v = (std::size_t(1) << 63) + 1;  // 2 x this is 2 modulo 2^64
    const std::size_t wraps = wraps_v;  // (volatile: a run-time value, as a caller's would be)
    CHECK(xact_test::invalid_argument_message([&] { xact::prelu_forward(x, alpha, y, 2, wraps); }).find("overflows") !=
          std::string::npos);
    CHECK(xact_test::invalid_argument_message([&] { xact::prelu_backward(x, alpha, dy, dx, da, 2, wraps); })
              .find("overflows") != std::string::npos);
    // 2^32 x 2^32 is 0 modulo 2^64: both operands are positive, and the message says what is wrong
    volatile std::size_t big_v = std::size_t(1) << 32;
    const std::size_t big = big_v;
    std::vector<float> alpha_big(1, 0.5f);
    try {
        xact::prelu_forward(x, alpha_big, y, big, big);
        FAIL("no exception");
    } catch (std::invalid_argument const& e) {
        const std::string what = e.what();
        CHECK(what.find("channels (4294967296) x inner (4294967296) overflows") != std::string::npos);
        CHECK(what.find("positive") == std::string::npos);
    }
    CHECK(y == std::vector<float>(4, 7.0f));
    CHECK(dx == std::vector<float>(4, 5.0f));
    CHECK(da == std::vector<float>(2, 9.0f));
}

TEMPLATE_TEST_CASE("prelu_channels: dalpha partial sums that overflow give the finite sum", "[prelu_channels]", float,
                   double)
{
    using T = TestType;
    const T big = std::numeric_limits<T>::max() / 1.2f;  // two of them overflow
    for (std::size_t L : {std::size_t(1), std::size_t(37)}) {
        for (int alias = 0; alias < 3; ++alias) {  // dx apart, dx over dy, dx over x
            INFO("inner = " << L << ", alias = " << alias);
            constexpr std::size_t N = 3, C = 2;
            const std::size_t n = N * C * L;
            std::vector<T> x(n, T(-1)), dy(n, T(0.5)), alpha{T(0.25), T(0.5)}, dx(n), da(C, T(7));
            // element 0 of channel 0 in each of the three images: the same SIMD lane every time
            const T terms[N] = {big, big, -big};  // dy * x with x = -1
            for (std::size_t k = 0; k < N; ++k) dy[k * C * L] = -terms[k];
            std::vector<T> dx_ref(n);
            for (std::size_t i = 0; i < n; ++i) dx_ref[i] = dy[i] * alpha[i / L % C];
            const T rest = T(-0.5) * T(N * L - N);
            if (alias == 0) xact::prelu_backward(x, alpha, dy, dx, da, C, L);
            if (alias == 1) xact::prelu_backward(x, alpha, dy, dy, da, C, L);
            if (alias == 2) xact::prelu_backward(x, alpha, dy, x, da, C, L);
            CHECK(da[0] == big + rest);
            CHECK(da[1] == T(-0.5) * T(N * L));
            CHECK((alias == 0 ? dx : alias == 1 ? dy : x) == dx_ref);
        }
    }
    // a sum that is out of range is inf, and a NaN input still gives NaN
    std::vector<T> x(3, T(-1)), dy(3, -big), alpha{T(0.25)}, dx(3), da(1);
    xact::prelu_backward(x, alpha, dy, dx, da, 1, 1);
    CHECK(da[0] == std::numeric_limits<T>::infinity());
    x[1] = std::numeric_limits<T>::quiet_NaN();
    xact::prelu_backward(x, alpha, dy, dx, da, 1, 1);
    CHECK(std::isnan(da[0]));
}
