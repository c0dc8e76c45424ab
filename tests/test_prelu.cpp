// Tests of xact::prelu (include/xact/prelu.hpp).
#include <xact/prelu.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("prelu: worked values, kinks and limits", "[prelu]")
{
    xact::prelu<> p;
    CHECK(p.slope == 0.25f);
    CHECK(p(-2.0f) == -0.5f);
    CHECK(p.derivative(0.0f) == 0.25f);
    CHECK(p.slope_derivative(-3.0f) == -3.0f);
    CHECK(p.slope_derivative(0.0f) == 0.0f);
    CHECK(p.slope_derivative(2.0f) == 0.0f);
    CHECK(std::isnan(p.slope_derivative(NAN)));
    std::vector<float> x, dy;
    float expect = 0;
    for (int i = 0; i < 37; ++i) {
        x.push_back(float(i - 20) / 4);
        dy.push_back(float(i % 5) - 2);
        expect += x.back() <= 0 ? dy.back() * x.back() : 0.0f;
    }
    CHECK(xact::slope_gradient(p, x, dy) == Approx(expect));
    CHECK_THROWS_AS(xact::slope_gradient(p, x, std::vector<float>(40)), std::invalid_argument);
}

TEST_CASE("prelu: reference vectors, float and double, scalar and batch", "[prelu]")
{
    xact_test::check_reference("prelu", xact_test::one_param<xact::prelu>());
}

TEST_CASE("prelu: kernels over every tail, alignment and in place, NaN and sizes", "[prelu]")
{
    xact_test::check_common<xact::prelu>();
}

TEST_CASE("prelu: backward_from_output agrees with backward", "[prelu]")
{
    xact_test::check_from_output(xact::prelu<float>{});
    xact_test::check_from_output(xact::prelu<double>{});
}

TEST_CASE("prelu: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[prelu]")
{
    xact_test::check_dense_both<xact::prelu>();
}
