// Tests of xact::hardshrink (include/xact/hardshrink.hpp).
#include <xact/hardshrink.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "elementwise_check.hpp"
#include "exact_values.hpp"

namespace {

template <class T>
void hardshrink_points()
{
    const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
    xact_test::check_exact(xact::hardshrink<T>{}, {{0.5, 0.0, 0.0},  // the kinks: 0 there
                                                   {-0.5, -0.0, 0.0},  // x times 0, as PyTorch
                                                   {0.0, 0.0, 0.0},
                                                   {-0.0, -0.0, 0.0},
                                                   {-0.3, -0.0, 0.0},
                                                   {0.75, 0.75, 1.0},
                                                   {-0.75, -0.75, 1.0},
                                                   {3e38, double(T(3e38)), 1.0},
                                                   {inf, inf, 1.0},
                                                   {-inf, -inf, 1.0},
                                                   {nan, nan, nan}});
    xact_test::check_exact(xact::hardshrink<T>{T(0.25)}, {{0.25, 0.0, 0.0}, {-0.25, -0.0, 0.0}, {0.3, double(T(0.3)), 1.0}});
    xact_test::check_exact(xact::hardshrink<T>{T(0)}, {{0.0, 0.0, 0.0}, {-0.0, -0.0, 0.0}, {-1e-40, double(T(-1e-40)), 1.0}});
}

}  // namespace

TEST_CASE("hardshrink: worked values, kinks, limits and signs of zero", "[hardshrink]")
{
    hardshrink_points<float>();
    hardshrink_points<double>();
    xact::hardshrink<> h;
    CHECK(h.lambda == 0.5f);
    const float above = std::nextafter(0.5f, 1.0f);
    CHECK(h(above) == above);
    CHECK(h(-above) == -above);
    CHECK(h.derivative(-above) == 1.0f);
    CHECK(h.derivative_from_output(above) == 1.0f);
    CHECK(h.derivative_from_output(0.0f) == 0.0f);
}

TEST_CASE("hardshrink: reference vectors, float and double, scalar and batch", "[hardshrink]")
{
    xact_test::check_reference("hardshrink", xact_test::one_param<xact::hardshrink>(), "piecewise.csv");
}

TEST_CASE("hardshrink: kernels over every tail, alignment and in place, NaN and sizes", "[hardshrink]")
{
    xact_test::check_common<xact::hardshrink>();
}

TEST_CASE("hardshrink: backward_from_output agrees with backward", "[hardshrink]")
{
    xact_test::check_from_output(xact::hardshrink<float>{});
    xact_test::check_from_output(xact::hardshrink<double>{});
}

TEST_CASE("hardshrink: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[hardshrink]")
{
    xact_test::check_dense_both<xact::hardshrink>();
}
