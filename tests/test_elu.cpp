// Tests of xact::elu (include/xact/elu.hpp).
#include <xact/elu.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("elu: worked values, kinks and limits", "[elu]")
{
    xact::elu<> e;
    CHECK(e.alpha == 1.0f);
    CHECK(e.derivative(0.0f) == 1.0f);
    CHECK(xact::elu<>{0.5f}.derivative(0.0f) == 0.5f);
    CHECK(e(-INFINITY) == -1.0f);
    CHECK(e.derivative(-INFINITY) == 0.0f);
    CHECK(e(-1e-30f) == -1e-30f);
    CHECK(e(-1.0f) == Approx(-0.6321205588285577));
}

TEST_CASE("elu: reference vectors, float and double, scalar and batch", "[elu]")
{
    xact_test::check_reference("elu", xact_test::one_param<xact::elu>());
}

TEST_CASE("elu: kernels over every tail, alignment and in place, NaN and sizes", "[elu]")
{
    xact_test::check_common<xact::elu>();
}

TEST_CASE("elu: backward_from_output agrees with backward", "[elu]")
{
    xact_test::check_from_output(xact::elu<float>{});
    xact_test::check_from_output(xact::elu<double>{});
}

TEST_CASE("elu: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[elu]")
{
    xact_test::check_dense_both<xact::elu>();
}
