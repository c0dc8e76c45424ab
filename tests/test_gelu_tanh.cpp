// Tests of xact::gelu_tanh (include/xact/gelu_tanh.hpp).
#include <xact/gelu_tanh.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("gelu_tanh: worked values, kinks and limits", "[gelu_tanh]")
{
    xact::gelu_tanh<> g;
    CHECK(g(-INFINITY) == 0.0f);
    CHECK(g(1e20f) == 1e20f);
    CHECK(g.derivative(INFINITY) == 1.0f);
    CHECK(g.derivative(-INFINITY) == 0.0f);
    CHECK(g(1.0f) == Approx(0.8411919906082768).epsilon(1e-6));
}

TEST_CASE("gelu_tanh: reference vectors, float and double, scalar and batch", "[gelu_tanh]")
{
    xact_test::check_reference("gelu_tanh", xact_test::no_param<xact::gelu_tanh>());
}

TEST_CASE("gelu_tanh: kernels over every tail, alignment and in place, NaN and sizes", "[gelu_tanh]")
{
    xact_test::check_common<xact::gelu_tanh>();
}

TEST_CASE("gelu_tanh: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[gelu_tanh]")
{
    xact_test::check_dense_both<xact::gelu_tanh>();
}
