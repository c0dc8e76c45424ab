// Tests of xact::sigmoid (include/xact/sigmoid.hpp).
#include <xact/sigmoid.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("sigmoid: worked values, kinks and limits", "[sigmoid]")
{
    xact::sigmoid<> s;
    CHECK(s(2.1f) == Approx(0.891).margin(5e-4));
    CHECK(s(-0.4f) == Approx(0.401).margin(5e-4));
    CHECK(s.derivative(0.0f) == 0.25f);
    CHECK(s(-INFINITY) == 0.0f);
    CHECK(s(INFINITY) == 1.0f);
    CHECK(s(-1000.0f) == 0.0f);
    CHECK(s(1000.0f) == 1.0f);
    CHECK(s.derivative(INFINITY) == 0.0f);
    CHECK(s.derivative(-INFINITY) == 0.0f);
    // s (1 - s) would be 0 here; e / (1 + e)^2 is not
    CHECK(s.derivative(40.0f) == Approx(4.248354255291589e-18).epsilon(1e-6));
    CHECK(xact::sigmoid<double>{}.derivative(-40.0) == Approx(4.248354255291589e-18).epsilon(1e-13));
}

TEST_CASE("sigmoid: reference vectors, float and double, scalar and batch", "[sigmoid]")
{
    xact_test::check_reference("sigmoid", xact_test::no_param<xact::sigmoid>());
}

TEST_CASE("sigmoid: kernels over every tail, alignment and in place, NaN and sizes", "[sigmoid]")
{
    xact_test::check_common<xact::sigmoid>();
}

TEST_CASE("sigmoid: backward_from_output agrees with backward", "[sigmoid]")
{
    xact_test::check_from_output(xact::sigmoid<float>{});
    xact_test::check_from_output(xact::sigmoid<double>{});
}
