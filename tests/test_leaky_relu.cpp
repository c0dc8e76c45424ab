// Tests of xact::leaky_relu (include/xact/leaky_relu.hpp).
#include <xact/leaky_relu.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("leaky_relu: worked values, kinks and limits", "[leaky_relu]")
{
    xact::leaky_relu<> l;
    CHECK(l.negative_slope == 0.01f);
    CHECK(l(-0.8f) == Approx(-0.008f));
    CHECK(l.derivative(-0.8f) == 0.01f);
    CHECK(l.derivative(0.0f) == 0.01f);
    CHECK(xact::leaky_relu<>{0.2f}(-1.0f) == -0.2f);
    CHECK(l(-INFINITY) == -INFINITY);
}

TEST_CASE("leaky_relu: reference vectors, float and double, scalar and batch", "[leaky_relu]")
{
    xact_test::check_reference("leaky_relu", xact_test::one_param<xact::leaky_relu>());
}

TEST_CASE("leaky_relu: kernels over every tail, alignment and in place, NaN and sizes", "[leaky_relu]")
{
    xact_test::check_common<xact::leaky_relu>();
}

TEST_CASE("leaky_relu: backward_from_output agrees with backward", "[leaky_relu]")
{
    xact_test::check_from_output(xact::leaky_relu<float>{});
    xact_test::check_from_output(xact::leaky_relu<double>{});
}

TEST_CASE("leaky_relu: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[leaky_relu]")
{
    xact_test::check_dense_both<xact::leaky_relu>();
}
