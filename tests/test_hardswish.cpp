// Tests of xact::hardswish (include/xact/hardswish.hpp).
#include <xact/hardswish.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "elementwise_check.hpp"
#include "exact_values.hpp"

namespace {

template <class T>
void hardswish_points()
{
    const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
    xact_test::check_exact(xact::hardswish<T>{},
                           {{-3.0, -0.0, 0.0},  // the kinks, at the exact points
                            {3.0, 3.0, 1.0},
                            {-1.5, -0.375, 0.0},  // the derivative's root, exact
                            {1.5, 1.125, 1.0},
                            {0.0, 0.0, 0.5},
                            {-0.0, -0.0, 0.5},
                            {-5.0, -0.0, 0.0},  // x times 0, as PyTorch
                            {4.0, 4.0, 1.0},
                            {-0.75, -0.28125, 0.25},
                            {3e38, double(T(3e38)), 1.0},  // no overflow: 6 x is never formed
                            {-3e38, -0.0, 0.0},
                            {inf, inf, 1.0},
                            {-inf, -0.0, 0.0},
                            {nan, nan, nan}});
}

}  // namespace

TEST_CASE("hardswish: worked values, kinks, limits and signs of zero", "[hardswish]")
{
    hardswish_points<float>();
    hardswish_points<double>();
    xact::hardswish<> h;
    CHECK(h(1.0f) == Approx(2.0 / 3.0));
    CHECK(h(-1.0f) == Approx(-1.0 / 3.0));
    CHECK(h.derivative(-2.0f) == Approx(-1.0 / 6.0));
    // just inside the kinks: the middle piece
    CHECK(h.derivative(std::nextafter(-3.0f, 0.0f)) == Approx(-0.5).epsilon(1e-6));
    CHECK(h.derivative(std::nextafter(3.0f, 0.0f)) == Approx(1.5).epsilon(1e-6));
    // x (x + 3) / 6 just below 3 is 3 - 1.5 ulp(x) plus a little: it rounds to x itself, and two
    // ULP below 3 the middle piece is below x
    const float below3 = std::nextafter(3.0f, 0.0f), two_below3 = std::nextafter(below3, 0.0f);
    CHECK(std::fabs(double(h(below3)) - double(below3) * (double(below3) + 3) / 6) <= 1.5 * 0x1p-22);
    CHECK(h(two_below3) < two_below3);
    CHECK(h(std::nextafter(-3.0f, 0.0f)) < 0.0f);
    CHECK(h(std::nextafter(-3.0f, 0.0f)) == Approx(-3.0 * 0x1p-22 / 6).epsilon(1e-6));
    // tiny inputs: x / 2, subnormal results kept
    CHECK(h(1e-40f) == 5e-41f);
    CHECK(h(-1e-40f) == -5e-41f);
}

TEST_CASE("hardswish: reference vectors, float and double, scalar and batch", "[hardswish]")
{
    xact_test::check_reference("hardswish", xact_test::no_param<xact::hardswish>(), "piecewise.csv");
}

TEST_CASE("hardswish: kernels over every tail, alignment and in place, NaN and sizes", "[hardswish]")
{
    xact_test::check_common<xact::hardswish>();
}

TEST_CASE("hardswish: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[hardswish]")
{
    xact_test::check_dense_both<xact::hardswish>();
}
