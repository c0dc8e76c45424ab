// Tests of xact::sigmoid (include/xact/sigmoid.hpp).
#include <xact/sigmoid.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("sigmoid: worked values, kinks and limits", "[sigmoid]")
{
    xact::sigmoid<> s;
    CHECK(s(2.1f) == Approx(0.891).margin(5e-4));
    CHECK(s(-0.4f) == Approx(0.401).margin(5e-4));
    CHECK(s.derivative(0.0f) == 0.25f);
    CHECK(s(-INFINITY) == 0.0f);
    CHECK(s(INFINITY) == 1.0f);
    CHECK(s(-1000.0f) == 0.0f);
    CHECK(s(1000.0f) == 1.0f);
    CHECK(s.derivative(INFINITY) == 0.0f);
    CHECK(s.derivative(-INFINITY) == 0.0f);
    // s (1 - s) would be 0 here; e / (1 + e)^2 is not
    CHECK(s.derivative(40.0f) == Approx(4.248354255291589e-18).epsilon(1e-6));
    CHECK(xact::sigmoid<double>{}.derivative(-40.0) == Approx(4.248354255291589e-18).epsilon(1e-13));
}

TEST_CASE("sigmoid: reference vectors, float and double, scalar and batch", "[sigmoid]")
{
    xact_test::check_reference("sigmoid", xact_test::no_param<xact::sigmoid>());
}

TEST_CASE("sigmoid: kernels over every tail, alignment and in place, NaN and sizes", "[sigmoid]")
{
    xact_test::check_common<xact::sigmoid>();
}

TEST_CASE("sigmoid: backward_from_output agrees with backward", "[sigmoid]")
{
    xact_test::check_from_output(xact::sigmoid<float>{});
    xact_test::check_from_output(xact::sigmoid<double>{});
}

TEST_CASE("sigmoid: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[sigmoid]")
{
    xact_test::check_dense_both<xact::sigmoid>();
}

TEST_CASE("sigmoid: results in the subnormal range are kept, within 4 subnormal steps", "[sigmoid]")
{
    // sigmoid(x) = e^x / (1 + e^x) = e^x to far below the subnormal spacing here
    xact::sigmoid<float> sf;
    for (float x : {-87.5f, -88.8f, -89.0f, -95.25f, -100.0f, -103.0f, -103.9f}) {
        INFO("x = " << x);
        const double ref = std::exp(double(x));
        std::vector<float> in{x}, out(1);
        xact::forward(sf, in, out);
        CHECK(sf(x) > 0.0f);
        CHECK(xact_test::ulp_error(sf(x), ref) <= 4);
        CHECK(out[0] == sf(x));
    }
    CHECK(sf(-89.0f) == Approx(2.2273635617957437e-39).epsilon(1e-6));
    CHECK(sf(-100.0f) == Approx(3.720075976020836e-44).epsilon(0.05));  // 26 subnormal steps
    CHECK(sf(-104.0f) == 0.0f);  // below half the smallest subnormal
    xact::sigmoid<double> sd;
    for (double x : {-708.5, -711.0, -720.0, -740.0, -744.0}) {
        INFO("x = " << x);
        const long double ref = std::exp(static_cast<long double>(x));
        std::vector<double> in{x}, out(1);
        xact::forward(sd, in, out);
        CHECK(sd(x) > 0.0);
        CHECK(double(std::fabs(sd(x) - ref)) <= 4 * std::numeric_limits<double>::denorm_min() +
                                                    4 * std::numeric_limits<double>::epsilon() * double(ref));
        CHECK(out[0] == sd(x));
    }
    CHECK(sd(-711.0) == Approx(1.6467336752247916e-309).epsilon(1e-12));
}
