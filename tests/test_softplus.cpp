// Tests of xact::softplus (include/xact/softplus.hpp).
#include <xact/softplus.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("softplus: worked values, tails and limits", "[softplus]")
{
    xact::softplus<> s;
    CHECK(s.beta == 1.0f);
    CHECK(s(0.0f) == Approx(0.6931471805599453));
    CHECK(s.derivative(0.0f) == 0.5f);
    CHECK(s(1.0f) == Approx(1.3132616875182228));
    CHECK(s(-INFINITY) == 0.0f);
    CHECK(s(INFINITY) == INFINITY);
    CHECK(s.derivative(-INFINITY) == 0.0f);
    CHECK(s.derivative(INFINITY) == 1.0f);
    // exact past PyTorch's threshold (beta x > 20): x + log(1 + e^-x), not x
    CHECK(xact::softplus<double>{}(25.0) == Approx(25.000000000013888).epsilon(1e-15));
    CHECK(s(30.0f) == 30.0f);
    // the tail e^x into the subnormals: softplus(-100) = e^-100 = 3.72e-44 within 4 subnormal steps
    CHECK(xact_test::ulp_error(s(-100.0f), 3.7200759760208361e-44) <= 4);
    CHECK(xact_test::ulp_error(s.derivative(-100.0f), 3.7200759760208361e-44) <= 4);
    CHECK(s(-1e-30f) == Approx(0.6931471805599453));
    // no overflow: beta x beyond the range
    CHECK(xact::softplus<float>{2.0f}(3e38f) == 3e38f);
    CHECK(xact::softplus<float>{2.0f}(-3e38f) == 0.0f);
    CHECK(xact::softplus<float>{2.0f}(1.0f) == Approx(std::log1p(std::exp(2.0)) / 2));
    CHECK(std::isnan(xact::softplus<float>{NAN}(1.0f)));
    CHECK(std::isnan(xact::softplus<float>{NAN}.derivative(1.0f)));
    // f'(y) = 1 - e^-y below softplus's range too: finite up to the overflow, then -inf, never NaN
    CHECK(s.derivative_from_output(-80.0f) == Approx(-5.5406223843935100e34));
    CHECK(s.derivative_from_output(-88.5f) == Approx(-2.7230878e38));
    CHECK(s.derivative_from_output(-88.8f) == -INFINITY);
    CHECK(s.derivative_from_output(-1e30f) == -INFINITY);
    CHECK(s.derivative_from_output(-INFINITY) == -INFINITY);
    CHECK(xact::softplus<double>{}.derivative_from_output(-709.5) == Approx(-1.3549863e308));
    CHECK(xact::softplus<double>{}.derivative_from_output(-710.0) == -INFINITY);
    CHECK(xact::softplus<double>{}.derivative_from_output(-1e300) == -INFINITY);
    CHECK(s.derivative_from_output(INFINITY) == 1.0f);
}

TEST_CASE("softplus: reference vectors, float and double, scalar and batch", "[softplus]")
{
    xact_test::check_reference("softplus", xact_test::one_param<xact::softplus>(), "transcendental.csv");
}

TEST_CASE("softplus: kernels over every tail, alignment and in place, NaN and sizes", "[softplus]")
{
    xact_test::check_common<xact::softplus>();
    xact_test::check_kernels(xact::softplus<float>{0.5f});
    xact_test::check_kernels(xact::softplus<double>{2.0});
}

TEST_CASE("softplus: backward_from_output agrees with backward", "[softplus]")
{
    xact_test::check_from_output(xact::softplus<float>{});
    xact_test::check_from_output(xact::softplus<double>{});
    xact_test::check_from_output(xact::softplus<float>{2.0f});
}

TEST_CASE("softplus: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[softplus]")
{
    xact_test::check_dense_both<xact::softplus>();
    xact_test::check_dense(xact::softplus<float>{0.5f});
}
