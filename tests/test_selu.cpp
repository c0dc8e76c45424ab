// Tests of xact::selu (include/xact/selu.hpp).
#include <xact/selu.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("selu: worked values, kinks and limits", "[selu]")
{
    xact::selu<double> s;
    CHECK(s.lambda == 1.0507009873554804934193349852946);
    CHECK(s.alpha == 1.6732632423543772848170429916717);
    CHECK(s.derivative(0.0) == Approx(1.0507009873554805 * 1.6732632423543772));
    CHECK(s(-INFINITY) == Approx(-1.0507009873554805 * 1.6732632423543772));
    CHECK(s(2.0) == Approx(2.101401974710961));
}

TEST_CASE("selu: reference vectors, float and double, scalar and batch", "[selu]")
{
    xact_test::check_reference("selu", xact_test::no_param<xact::selu>());
}

TEST_CASE("selu: kernels over every tail, alignment and in place, NaN and sizes", "[selu]")
{
    xact_test::check_common<xact::selu>();
}

TEST_CASE("selu: backward_from_output agrees with backward", "[selu]")
{
    xact_test::check_from_output(xact::selu<float>{});
    xact_test::check_from_output(xact::selu<double>{});
}
