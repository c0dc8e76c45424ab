// Tests of xact::identity (include/xact/identity.hpp).
#include <xact/identity.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("identity: worked values, kinks and limits", "[identity]")
{
    CHECK(xact::identity<>{}(-3.5f) == -3.5f);
    CHECK(xact::identity<>{}.derivative(1e30f) == 1.0f);
    CHECK(xact::identity<double>{}.derivative(-INFINITY) == 1.0);
}

TEST_CASE("identity: reference vectors, float and double, scalar and batch", "[identity]")
{
    xact_test::check_reference("identity", xact_test::no_param<xact::identity>());
}

TEST_CASE("identity: kernels over every tail, alignment and in place, NaN and sizes", "[identity]")
{
    xact_test::check_common<xact::identity>();
}

TEST_CASE("identity: backward_from_output agrees with backward", "[identity]")
{
    xact_test::check_from_output(xact::identity<float>{});
    xact_test::check_from_output(xact::identity<double>{});
}

TEST_CASE("identity: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[identity]")
{
    xact_test::check_dense_both<xact::identity>();
}
