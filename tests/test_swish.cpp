// Tests of xact::swish (include/xact/swish.hpp).
#include <xact/swish.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("swish: worked values, kinks and limits", "[swish]")
{
    xact::swish<> s;
    CHECK(s.beta == 1.0f);
    CHECK(s(-INFINITY) == 0.0f);
    CHECK(s(INFINITY) == INFINITY);
    CHECK(s.derivative(INFINITY) == 1.0f);
    CHECK(s.derivative(-INFINITY) == 0.0f);
    CHECK(s(-100.0f) == Approx(-3.720075976020836e-42).margin(2e-45));
    CHECK(s(-90.0f) == Approx(-7.3746114e-38).epsilon(1e-6));
    CHECK(xact::silu<>{}(1.0f) == Approx(0.7310585786300049));
    CHECK(xact::swish<double>{}.derivative(0.0) == 0.5);
}

TEST_CASE("swish: reference vectors, float and double, scalar and batch", "[swish]")
{
    xact_test::check_reference("swish", xact_test::one_param<xact::swish>());
}

TEST_CASE("swish: kernels over every tail, alignment and in place, NaN and sizes", "[swish]")
{
    xact_test::check_common<xact::swish>();
}
