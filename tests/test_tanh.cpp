// Tests of xact::tanh (include/xact/tanh.hpp).
#include <xact/tanh.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("tanh: worked values, kinks and limits", "[tanh]")
{
    xact::tanh<> t;
    CHECK(t(-1.5f) == Approx(-0.905).margin(5e-4));
    CHECK(t.derivative(-1.5f) == Approx(0.181).margin(5e-4));
    CHECK(t(0.3f) == Approx(0.291).margin(5e-4));
    CHECK(t.derivative(0.3f) == Approx(0.915).margin(5e-4));
    CHECK(t.derivative(0.0f) == 1.0f);
    CHECK(t(1e30f) == 1.0f);
    CHECK(t(-INFINITY) == -1.0f);
    CHECK(t.derivative(INFINITY) == 0.0f);
    CHECK(t.derivative(-30.0f) == Approx(3.5026043050786074e-26).epsilon(1e-6));
    CHECK(t(1e-30f) == 1e-30f);
}

TEST_CASE("tanh: reference vectors, float and double, scalar and batch", "[tanh]")
{
    xact_test::check_reference("tanh", xact_test::no_param<xact::tanh>());
}

TEST_CASE("tanh: kernels over every tail, alignment and in place, NaN and sizes", "[tanh]")
{
    xact_test::check_common<xact::tanh>();
}

TEST_CASE("tanh: backward_from_output agrees with backward", "[tanh]")
{
    xact_test::check_from_output(xact::tanh<float>{});
    xact_test::check_from_output(xact::tanh<double>{});
}

TEST_CASE("tanh: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[tanh]")
{
    xact_test::check_dense_both<xact::tanh>();
}
