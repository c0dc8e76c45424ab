// Tests of xact::softshrink (include/xact/softshrink.hpp).
#include <xact/softshrink.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "elementwise_check.hpp"
#include "exact_values.hpp"

namespace {

template <class T>
void softshrink_points()
{
    const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
    xact_test::check_exact(xact::softshrink<T>{}, {{0.5, 0.0, 0.0},  // the kinks: 0 there
                                                   {-0.5, -0.0, 0.0},  // x times 0, as PyTorch
                                                   {0.0, 0.0, 0.0},
                                                   {-0.0, -0.0, 0.0},
                                                   {0.25, 0.0, 0.0},
                                                   {-0.25, -0.0, 0.0},
                                                   {0.75, 0.25, 1.0},
                                                   {-0.75, -0.25, 1.0},
                                                   {3.0, 2.5, 1.0},
                                                   {-3.0, -2.5, 1.0},
                                                   {3e38, double(T(3e38) - T(0.5)), 1.0},
                                                   {inf, inf, 1.0},
                                                   {-inf, -inf, 1.0},
                                                   {nan, nan, nan}});
    xact_test::check_exact(xact::softshrink<T>{T(1)}, {{1.0, 0.0, 0.0}, {-1.0, -0.0, 0.0}, {2.0, 1.0, 1.0}, {-1.5, -0.5, 1.0}});
    // lambda = 0: the identity, derivative 0 only at 0
    xact_test::check_exact(xact::softshrink<T>{T(0)}, {{0.0, 0.0, 0.0}, {-0.0, -0.0, 0.0}, {-2.0, -2.0, 1.0}, {1e-40, double(T(1e-40)), 1.0}});
}

}  // namespace

TEST_CASE("softshrink: worked values, kinks, limits and signs of zero", "[softshrink]")
{
    softshrink_points<float>();
    softshrink_points<double>();
    xact::softshrink<> s;
    CHECK(s.lambda == 0.5f);
    const float above = std::nextafter(0.5f, 1.0f);
    CHECK(s(above) == above - 0.5f);  // exact: 2^-24, not 0
    CHECK(s(above) > 0.0f);
    CHECK(s.derivative(above) == 1.0f);
    CHECK(s.derivative_from_output(s(above)) == 1.0f);
    CHECK(s.derivative_from_output(0.0f) == 0.0f);
    CHECK(s.derivative_from_output(-0.0f) == 0.0f);
}

TEST_CASE("softshrink: reference vectors, float and double, scalar and batch", "[softshrink]")
{
    xact_test::check_reference("softshrink", xact_test::one_param<xact::softshrink>(), "piecewise.csv");
}

TEST_CASE("softshrink: kernels over every tail, alignment and in place, NaN and sizes", "[softshrink]")
{
    xact_test::check_common<xact::softshrink>();
}

TEST_CASE("softshrink: backward_from_output agrees with backward", "[softshrink]")
{
    xact_test::check_from_output(xact::softshrink<float>{});
    xact_test::check_from_output(xact::softshrink<double>{});
    xact_test::check_from_output(xact::softshrink<float>{0.0f});
}

TEST_CASE("softshrink: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[softshrink]")
{
    xact_test::check_dense_both<xact::softshrink>();
}
