// Tests of xact::relu (include/xact/relu.hpp).
#include <xact/relu.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("relu: worked values, kinks and limits", "[relu]")
{
    std::vector<float> x{-2.1f, 0.8f, 3.4f, -0.3f, 1.2f}, y(5), d(5);
    xact::forward(xact::relu<>{}, x, y);
    xact::derivative(xact::relu<>{}, x, d);
    CHECK(y == std::vector<float>{0.0f, 0.8f, 3.4f, 0.0f, 1.2f});
    CHECK(d == std::vector<float>{0.0f, 1.0f, 1.0f, 0.0f, 1.0f});
    CHECK(xact::relu<>{}.derivative(0.0f) == 0.0f);
    CHECK(xact::relu<>{}(-INFINITY) == 0.0f);
    CHECK(xact::relu<>{}.derivative(INFINITY) == 1.0f);
    // PyTorch passes the gradient through at NaN; xact does not
    std::vector<float> nan_x(3, NAN), dy(3, 1.0f), dx(3);
    xact::backward(xact::relu<>{}, nan_x, dy, dx);
    CHECK(std::isnan(dx[0]));
    CHECK(std::isnan(dx[2]));
}

TEST_CASE("relu: reference vectors, float and double, scalar and batch", "[relu]")
{
    xact_test::check_reference("relu", xact_test::no_param<xact::relu>());
}

TEST_CASE("relu: kernels over every tail, alignment and in place, NaN and sizes", "[relu]")
{
    xact_test::check_common<xact::relu>();
}

TEST_CASE("relu: backward_from_output agrees with backward", "[relu]")
{
    xact_test::check_from_output(xact::relu<float>{});
    xact_test::check_from_output(xact::relu<double>{});
}

TEST_CASE("relu: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[relu]")
{
    xact_test::check_dense_both<xact::relu>();
}
