// Tests of xact::celu (include/xact/celu.hpp).
#include <xact/celu.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("celu: worked values, kinks and limits", "[celu]")
{
    xact::celu<> c;
    CHECK(c.alpha == 1.0f);
    CHECK(c.derivative(0.0f) == 1.0f);
    CHECK(xact::celu<>{0.5f}.derivative(0.0f) == 1.0f);  // e^(0 / alpha): continuous at 0
    CHECK(c(-INFINITY) == -1.0f);
    CHECK(xact::celu<>{2.5f}(-INFINITY) == -2.5f);
    CHECK(c.derivative(-INFINITY) == 0.0f);
    CHECK(c(INFINITY) == INFINITY);
    CHECK(std::signbit(c(-0.0f)));
    CHECK(std::signbit(xact::celu<>{0.5f}(-0.0f)));
    CHECK(xact::celu<>{0.5f}(-1e-30f) == -1e-30f);
    CHECK(xact::celu<>{0.5f}(-1.0f) == Approx(0.5 * std::expm1(-2.0)));
    CHECK(xact::celu<>{2.0f}.derivative(-3.0f) == Approx(std::exp(-1.5)));
    // alpha = 1 is elu
    xact::elu<> e;
    for (float x : {-50.0f, -2.0f, -0.3f, 0.0f, 1.5f}) {
        CHECK(c(x) == e(x));
        CHECK(c.derivative(x) == e.derivative(x));
    }
    // e^(x / alpha) with the quotient's residual: far in the tail, and into the subnormals
    CHECK(xact_test::ulp_error(xact::celu<>{0.3f}.derivative(-30.0f), std::exp(-30.0 / double(0.3f))) <= 2);
    CHECK(xact_test::ulp_error(xact::celu<>{0.5f}.derivative(-50.0f), std::exp(-50.0 / 0.5)) <= 4);
}

TEST_CASE("celu: reference vectors, float and double, scalar and batch", "[celu]")
{
    xact_test::check_reference("celu", xact_test::one_param<xact::celu>(), "transcendental.csv");
}

TEST_CASE("celu: kernels over every tail, alignment and in place, NaN and sizes", "[celu]")
{
    xact_test::check_common<xact::celu>();
    xact_test::check_kernels(xact::celu<float>{0.5f});
    xact_test::check_kernels(xact::celu<double>{2.0});
}

TEST_CASE("celu: backward_from_output agrees with backward", "[celu]")
{
    xact_test::check_from_output(xact::celu<float>{});
    xact_test::check_from_output(xact::celu<double>{});
    xact_test::check_from_output(xact::celu<float>{2.0f});
    xact_test::check_from_output(xact::celu<double>{0.5});
}

TEST_CASE("celu: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[celu]")
{
    xact_test::check_dense_both<xact::celu>();
    xact_test::check_dense(xact::celu<float>{0.5f});
    xact_test::check_dense(xact::celu<double>{3.0});
}
