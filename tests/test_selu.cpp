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

TEST_CASE("selu: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[selu]")
{
    xact_test::check_dense_both<xact::selu>();
}

#if defined(__SSE2__) || defined(_M_X64)
TEST_CASE("selu: the derivative near the bottom of the normal range is the same under FTZ and DAZ", "[selu]")
{
    // selu'(x) = scale alpha e^x: e^x alone would be subnormal at x = -87.337 and flushed
    const float x = -87.337f;
    const xact::selu<float> s;
    const float want = s.derivative(x);
    CHECK(std::isnormal(want));
    CHECK(xact_test::ulp_error(want, 1.0507009873554805 * 1.6732632423543772 * std::exp(double(x))) <= 4);
    std::vector<float> in{x, x - 0.25f}, out(2), want_k(2);
    xact::derivative(s, in, want_k);
    xact_test::ftz_daz guard;
    CHECK(s.derivative(x) == want);
    xact::derivative(s, in, out);
    CHECK(out == want_k);
}
#endif
