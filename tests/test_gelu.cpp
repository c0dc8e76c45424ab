// Tests of xact::gelu (include/xact/gelu.hpp).
#include <xact/gelu.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("gelu: worked values, kinks and limits", "[gelu]")
{
    xact::gelu<> g;
    std::vector<float> x{-1.0f, -0.3f, 0.0f, 0.5f, 2.0f}, y(5);
    xact::forward(g, x, y);
    std::vector<double> seed{-0.159, -0.115, 0.0, 0.346, 1.954};
    for (std::size_t i = 0; i < 5; ++i) CHECK(y[i] == Approx(seed[i]).margin(5e-4));
    CHECK(g(-INFINITY) == 0.0f);
    CHECK(g.derivative(INFINITY) == 1.0f);
    CHECK(g.derivative(-INFINITY) == 0.0f);
    CHECK(g(-12.0f) == Approx(-2.1317774e-32).epsilon(1e-6));
}

TEST_CASE("gelu: reference vectors, float and double, scalar and batch", "[gelu]")
{
    xact_test::check_reference("gelu", xact_test::no_param<xact::gelu>());
}

TEST_CASE("gelu: kernels over every tail, alignment, in place; NaN; sizes", "[gelu]")
{
    xact_test::check_common<xact::gelu>();
}
