// Tests of xact::step (include/xact/step.hpp).
#include <xact/step.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("step: worked values, kinks and limits", "[step]")
{
    // the seed's perceptron: the neuron fires at x >= 0
    CHECK(xact::step<>{}(0.2f) == 1.0f);
    CHECK(xact::step<>{}(0.0f) == 1.0f);
    CHECK(xact::step<>{}(-0.0f) == 1.0f);
    CHECK(xact::step<>{}(-0.1f) == 0.0f);
    CHECK(xact::step<>{}.derivative(0.0f) == 0.0f);
    CHECK(xact::step<>{}(-INFINITY) == 0.0f);
    CHECK(xact::step<>{}(INFINITY) == 1.0f);
}

TEST_CASE("step: reference vectors, float and double, scalar and batch", "[step]")
{
    xact_test::check_reference("step", xact_test::no_param<xact::step>());
}

TEST_CASE("step: kernels over every tail, alignment and in place, NaN and sizes", "[step]")
{
    xact_test::check_common<xact::step>();
}

TEST_CASE("step: backward_from_output agrees with backward", "[step]")
{
    xact_test::check_from_output(xact::step<float>{});
    xact_test::check_from_output(xact::step<double>{});
}

TEST_CASE("step: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[step]")
{
    xact_test::check_dense_both<xact::step>();
}
