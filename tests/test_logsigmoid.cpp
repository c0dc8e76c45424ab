// Tests of xact::logsigmoid (include/xact/logsigmoid.hpp).
#include <xact/logsigmoid.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("logsigmoid: worked values, tails and limits", "[logsigmoid]")
{
    xact::logsigmoid<> l;
    CHECK(l(0.0f) == Approx(-0.6931471805599453));
    CHECK(l.derivative(0.0f) == 0.5f);
    CHECK(l(-1.0f) == Approx(-1.3132616875182228));
    CHECK(l(-INFINITY) == -INFINITY);
    CHECK(l(INFINITY) == 0.0f);
    // below 0 everywhere, so -0 where it underflows (x past 104), on the scalar and the batch path
    CHECK(std::signbit(l(INFINITY)));
    std::vector<float> big(67, 200.0f), out(big.size());
    big[5] = INFINITY;
    xact::forward(l, big, out);
    for (float v : out) CHECK((v == 0.0f && std::signbit(v)));
    CHECK(l.derivative(-INFINITY) == 1.0f);
    CHECK(l.derivative(INFINITY) == 0.0f);
    // -softplus(-x) exactly
    xact::softplus<> s;
    for (float x : {-30.0f, -3.5f, -0.25f, 0.0f, 0.7f, 4.0f, 30.0f}) CHECK(l(x) == -s(-x));
    // the tail -e^-x into the subnormals, and x - log(1 + e^x) without cancellation
    CHECK(xact_test::ulp_error(l(100.0f), -3.7200759760208361e-44) <= 4);
    CHECK(l(-1e30f) == -1e30f);
    CHECK(xact_test::ulp_error(l(-20.0f), -20.000000002061154) <= 1);
    // f'(y) = 1 - e^y above logsigmoid's range too: finite up to the overflow, then -inf, never NaN
    CHECK(l.derivative_from_output(88.5f) == Approx(-2.7230878e38));
    CHECK(l.derivative_from_output(88.8f) == -INFINITY);
    CHECK(l.derivative_from_output(1e30f) == -INFINITY);
    CHECK(l.derivative_from_output(INFINITY) == -INFINITY);
    CHECK(l.derivative_from_output(-INFINITY) == 1.0f);
    CHECK(xact::logsigmoid<double>{}.derivative_from_output(709.5) == Approx(-1.3549863e308));
    CHECK(xact::logsigmoid<double>{}.derivative_from_output(1e300) == -INFINITY);
}

TEST_CASE("logsigmoid: reference vectors, float and double, scalar and batch", "[logsigmoid]")
{
    xact_test::check_reference("logsigmoid", xact_test::no_param<xact::logsigmoid>(), "transcendental.csv");
}

TEST_CASE("logsigmoid: kernels over every tail, alignment and in place, NaN and sizes", "[logsigmoid]")
{
    xact_test::check_common<xact::logsigmoid>();
}

TEST_CASE("logsigmoid: backward_from_output agrees with backward", "[logsigmoid]")
{
    xact_test::check_from_output(xact::logsigmoid<float>{});
    xact_test::check_from_output(xact::logsigmoid<double>{});
}

TEST_CASE("logsigmoid: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ",
          "[logsigmoid]")
{
    xact_test::check_dense_both<xact::logsigmoid>();
}
