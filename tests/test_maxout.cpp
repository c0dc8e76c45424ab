// Tests of xact::maxout (include/xact/maxout.hpp).
#include <xact/maxout.hpp>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "catch.hpp"
#include "reference_data.hpp"

namespace {

struct maxout_row {
    std::size_t k, groups;
    std::vector<double> x, y, dy, dx;
    std::vector<std::size_t> argmax;
};

std::vector<maxout_row> maxout_rows()
{
    std::vector<maxout_row> rows;
    for (auto& f : xact_test::csv_rows("maxout.csv")) {
        maxout_row r;
        r.k = std::stoul(f[0]);
        r.groups = std::stoul(f[1]);
        const std::size_t g = r.groups, n = r.k * g;
        REQUIRE(f.size() == 2 + n + g + g + g + n);
        std::size_t p = 2;
        auto take = [&](std::vector<double>& v, std::size_t count) {
            for (std::size_t i = 0; i < count; ++i) v.push_back(std::stod(f[p++]));
        };
        take(r.x, n);
        take(r.y, g);
        for (std::size_t i = 0; i < g; ++i) r.argmax.push_back(std::stoul(f[p++]));
        take(r.dy, g);
        take(r.dx, n);
        rows.push_back(r);
    }
    REQUIRE(rows.size() == 20);
    return rows;
}

}  // namespace

TEMPLATE_TEST_CASE("maxout: every reference row", "[maxout]", float, double)
{
    using T = TestType;
    using I = typename xact::maxout<T>::index_type;
    STATIC_REQUIRE(std::is_unsigned<I>::value);
    for (auto const& r : maxout_rows()) {
        INFO("k = " << r.k << ", groups = " << r.groups);
        xact::maxout<T> m{r.k};
        std::vector<T> x(r.x.begin(), r.x.end()), y(r.groups), dy(r.dy.begin(), r.dy.end());
        std::vector<T> dx(x.size(), T(99));
        std::vector<I> argmax(r.groups, I(77));
        m.forward(x, y, argmax);
        m.backward(argmax, dy, dx);
        for (std::size_t g = 0; g < r.groups; ++g) {
            CHECK(y[g] == T(r.y[g]));  // exact: the inputs are floats
            CHECK(argmax[g] == r.argmax[g]);
        }
        for (std::size_t i = 0; i < x.size(); ++i) CHECK(dx[i] == T(r.dx[i]));
    }
}

TEMPLATE_TEST_CASE("maxout: ties, NaN, infinities", "[maxout]", float, double)
{
    using T = TestType;
    using I = typename xact::maxout<T>::index_type;
    const T qnan = std::numeric_limits<T>::quiet_NaN(), pinf = std::numeric_limits<T>::infinity();
    xact::maxout<T> m{3};
    CHECK(xact::maxout<T>{}.pieces == 2);
    const std::vector<T> x{1,    5,     5,     2,     2,    2,    qnan, 9,    1,   0,  3,
                           qnan, -pinf, -pinf, -pinf, pinf, qnan, 1,    -0.0, 0.0, 0.0};
    std::vector<T> y(7);
    std::vector<I> a(7);
    m.forward(x, y, a);
    CHECK(y[0] == 5);
    CHECK(a[0] == 1);  // the first of the tied maxima
    CHECK(y[1] == 2);
    CHECK(a[1] == 0);
    CHECK(std::isnan(y[2]));
    CHECK(a[2] == 0);
    CHECK(std::isnan(y[3]));
    CHECK(a[3] == 2);
    CHECK(y[4] == -pinf);
    CHECK(a[4] == 0);
    CHECK(std::isnan(y[5]));  // NaN after +inf still wins
    CHECK(a[5] == 1);
    CHECK(a[6] == 0);  // -0 == 0: a tie
    CHECK(std::signbit(y[6]));
    std::vector<T> dy{1, 2, 3, 4, 5, 6, 7}, dx(21, T(-1));
    m.backward(a, dy, dx);
    const std::vector<T> expect{0, 1, 0, 2, 0, 0, 3, 0, 0, 0, 0, 4, 5, 0, 0, 0, 6, 0, 7, 0, 0};
    CHECK(dx == expect);

    // k = 1 is the identity, and dx may then be dy
    xact::maxout<T> one{1};
    std::vector<T> v{3, -1, 2}, w(3);
    std::vector<I> b(3);
    one.forward(v, w, b);
    CHECK(w == v);
    CHECK(b == std::vector<I>(3, 0));
    one.backward(b, v, v);
    CHECK(v == std::vector<T>{3, -1, 2});
}

TEST_CASE("maxout: sizes that do not fit throw and write nothing", "[maxout]")
{
    using I = xact::maxout<float>::index_type;
    xact::maxout<float> m{3};
    const std::vector<float> x(9, 1.0f);
    std::vector<float> y(2, 7.0f), y3(3, 7.0f), dx(9, 7.0f);
    std::vector<I> a(3, 5), a2(2, 5);
    CHECK_THROWS_AS(m.forward(x, y, a2), std::invalid_argument);
    CHECK_THROWS_AS(m.forward(x, y3, a2), std::invalid_argument);
    CHECK_THROWS_AS(xact::maxout<float>{0}.forward(x, y3, a), std::invalid_argument);
    CHECK_THROWS_AS(xact::maxout<float>{2}.forward(x, y3, a), std::invalid_argument);
    CHECK(y == std::vector<float>(2, 7.0f));
    CHECK(y3 == std::vector<float>(3, 7.0f));
    CHECK(a == std::vector<I>(3, 5));
    // argmax out of range
    CHECK_THROWS_AS(m.backward(a, y3, dx), std::invalid_argument);
    CHECK_THROWS_AS(m.backward(a2, y3, dx), std::invalid_argument);
    CHECK_THROWS_AS(m.backward(std::vector<I>(3, 0), y, dx), std::invalid_argument);
    CHECK(dx == std::vector<float>(9, 7.0f));
    try {
        m.forward(x, y, a2);
    } catch (std::invalid_argument const& e) {
        CHECK(std::string(e.what()) == "xact::maxout::forward: x has 9 elements but pieces (3) x groups (2) is 6");
    }
}

namespace {

/// The definition, one group at a time: the first maximum, or the first NaN.
template <class T>
void maxout_by_definition(std::size_t k, std::vector<T> const& x, std::vector<T>& y, std::vector<std::size_t>& a)
{
    for (std::size_t g = 0; g < y.size(); ++g) {
        std::size_t best = 0;
        for (std::size_t j = 0; j < k; ++j) {
            const T c = x[g * k + j];
            if (std::isnan(c)) {
                best = j;
                break;
            }
            if (c > x[g * k + best]) best = j;
        }
        y[g] = x[g * k + best];
        a[g] = best;
    }
}

}  // namespace

TEMPLATE_TEST_CASE("maxout: long arrays of every group size agree with the definition", "[maxout]", float, double)
{
    // Long enough for the loops compiled for k = 2, 3, 4, 8 to run their SIMD body and tail; values
    // drawn from a small set so that ties, NaNs, infinities and signed zeros meet in every position.
    using T = TestType;
    using I = typename xact::maxout<T>::index_type;
    const T values[] = {T(1), T(2), T(-3), T(2), T(0), -T(0), std::numeric_limits<T>::quiet_NaN(),
                        std::numeric_limits<T>::infinity(), -std::numeric_limits<T>::infinity(), T(0.5)};
    std::uint64_t state = 88172645463325252ull;
    auto next = [&] {  // xorshift64
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    for (std::size_t k : {1, 2, 3, 4, 5, 8, 11}) {
        for (std::size_t groups : {1, 15, 16, 17, 203}) {
            INFO("k = " << k << ", groups = " << groups);
            std::vector<T> x(k * groups);
            for (auto& v : x) v = values[next() % (next() % 8 == 0 ? 10 : 6)];  // NaN, inf in 1 of 8 draws
            std::vector<T> y(groups), want_y(groups);
            std::vector<I> a(groups), want_a(groups);
            xact::maxout<T>{k}.forward(x, y, a);
            maxout_by_definition(k, x, want_y, want_a);
            for (std::size_t g = 0; g < groups; ++g) {
                INFO("group " << g);
                CHECK(a[g] == want_a[g]);
                const bool same = (std::isnan(y[g]) && std::isnan(want_y[g])) ||
                                  (y[g] == want_y[g] && std::signbit(y[g]) == std::signbit(want_y[g]));
                CHECK(same);
            }
            std::vector<T> dy(groups), dx(k * groups, T(-7));
            for (std::size_t g = 0; g < groups; ++g) dy[g] = T(g + 1);
            xact::maxout<T>{k}.backward(a, dy, dx);
            for (std::size_t i = 0; i < dx.size(); ++i) {
                INFO("dx[" << i << "]");
                CHECK(dx[i] == (i % k == a[i / k] ? dy[i / k] : T(0)));
            }
        }
    }
}

TEST_CASE("maxout: backward names the first argmax out of range", "[maxout]")
{
    using I = xact::maxout<float>::index_type;
    const std::vector<I> a{0, 2, 5, 7};
    const std::vector<float> dy(4, 1.0f);
    std::vector<float> dx(12, 3.0f);
    try {
        xact::maxout<float>{3}.backward(a, dy, dx);
        FAIL("no exception");
    } catch (std::invalid_argument const& e) {
        CHECK(std::string(e.what()) == "xact::maxout::backward: argmax[2] is 5 but pieces is 3");
    }
    CHECK(dx == std::vector<float>(12, 3.0f));
}

namespace {
// Out of line, so the compiler sees neither the arrays' sizes nor the pieces and does not warn
// about the loops that the size check keeps from running.
#if defined(__GNUC__)
__attribute__((noinline))
#endif
void maxout_forward(xact::maxout<float> const& m, std::vector<float> const& x, std::vector<float>& y,
                    std::vector<std::size_t>& argmax)
{
    m.forward(x, y, argmax);
}
}  // namespace

TEST_CASE("maxout: a pieces x groups product that overflows throws and writes nothing", "[maxout]")
{
    // (2^63 + 1) x 2 wraps to 2 in std::size_t: without the overflow check it matched x.size()
    // volatile: the value is the caller's at run time (a constant would let the compiler warn
    // about the loops the check keeps from running)
    volatile std::size_t pieces = (std::size_t(1) << 63) + 1;
    const xact::maxout<float> m{pieces};
    std::vector<float> x{1.0f, 2.0f}, y{7.0f, 7.0f}, dx{5.0f, 5.0f}, dy{1.0f, 1.0f};
    std::vector<std::size_t> argmax{3, 3};
    try {
        maxout_forward(m, x, y, argmax);
        FAIL("no exception");
    } catch (std::invalid_argument const& e) {
        const std::string what = e.what();
        CHECK(what.find("pieces (9223372036854775809)") != std::string::npos);
        CHECK(what.find("groups (2)") != std::string::npos);
        CHECK(what.find("overflows") != std::string::npos);
    }
    CHECK_THROWS_AS(m.backward(argmax, dy, dx), std::invalid_argument);
    CHECK(y == std::vector<float>{7.0f, 7.0f});
    CHECK(argmax == std::vector<std::size_t>{3, 3});
    CHECK(dx == std::vector<float>{5.0f, 5.0f});
}
