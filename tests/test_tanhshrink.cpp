// Tests of xact::tanhshrink (include/xact/tanhshrink.hpp).
#include <xact/tanhshrink.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("tanhshrink: worked values, the small range and limits", "[tanhshrink]")
{
    xact::tanhshrink<> t;
    CHECK(t(1.0f) == Approx(0.2384058440442351));
    CHECK(t(-2.0f) == Approx(-1.0359724199241134));
    CHECK(t(INFINITY) == INFINITY);
    CHECK(t(-INFINITY) == -INFINITY);
    CHECK(t.derivative(INFINITY) == 1.0f);
    CHECK(t.derivative(-INFINITY) == 1.0f);
    CHECK(t.derivative(0.0f) == 0.0f);
    CHECK(std::signbit(t(-0.0f)));
    // no cancellation near 0: x^3 / 3 (x - tanh x in float would give 0)
    const double k = double(1e-3f);
    CHECK(xact_test::ulp_error(t(1e-3f), k * k * k / 3 - 2 * std::pow(k, 5) / 15 + 17 * std::pow(k, 7) / 315) <= 2);
    CHECK(xact_test::ulp_error(t(1e-12f), std::pow(double(1e-12f), 3) / 3) <= 2);
    CHECK(xact_test::ulp_error(t.derivative(1e-12f), double(1e-12f) * double(1e-12f)) <= 2);
    // either side of the switch at |x| = 1
    const float below = std::nextafter(1.0f, 0.0f);
    CHECK(xact_test::ulp_error(t(below), double(below) - std::tanh(double(below))) <= 4);
    CHECK(xact_test::ulp_error(t(1.0f), 1.0 - std::tanh(1.0)) <= 4);
    CHECK(xact_test::ulp_error(t.derivative(below), std::pow(std::tanh(double(below)), 2)) <= 4);
    CHECK(xact_test::ulp_error(t.derivative(1.0f), std::pow(std::tanh(1.0), 2)) <= 4);
}

TEST_CASE("tanhshrink: reference vectors, float and double, scalar and batch", "[tanhshrink]")
{
    xact_test::check_reference("tanhshrink", xact_test::no_param<xact::tanhshrink>(), "transcendental.csv");
}

TEST_CASE("tanhshrink: kernels over every tail, alignment and in place, NaN and sizes", "[tanhshrink]")
{
    xact_test::check_common<xact::tanhshrink>();
}

TEST_CASE("tanhshrink: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ",
          "[tanhshrink]")
{
    xact_test::check_dense_both<xact::tanhshrink>();
}
