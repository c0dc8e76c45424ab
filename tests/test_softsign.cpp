// Tests of xact::softsign (include/xact/softsign.hpp).
#include <xact/softsign.hpp>

#include <cfloat>
#include <cmath>
#include <limits>
#include <vector>

#include "elementwise_check.hpp"
#include "exact_values.hpp"

namespace {

template <class T>
void softsign_points()
{
    const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
    xact_test::check_exact(xact::softsign<T>{}, {{0.0, 0.0, 1.0},
                                                 {-0.0, -0.0, 1.0},  // odd: the sign of zero kept
                                                 {1.0, 0.5, 0.25},
                                                 {-1.0, -0.5, 0.25},
                                                 {3.0, 0.75, 0.0625},
                                                 {-3.0, -0.75, 0.0625},
                                                 {inf, 1.0, 0.0},
                                                 {-inf, -1.0, 0.0},
                                                 {nan, nan, nan}});
}

}  // namespace

TEST_CASE("softsign: worked values, limits, no overflow and subnormal derivatives", "[softsign]")
{
    softsign_points<float>();
    softsign_points<double>();
    xact::softsign<> s;
    CHECK(s(3e38f) == 1.0f);
    CHECK(s(FLT_MAX) == 1.0f);
    CHECK(s(-FLT_MAX) == -1.0f);
    CHECK(s(1e-40f) == 1e-40f);
    CHECK(s(0.5f) == Approx(1.0 / 3.0).epsilon(1e-7));
    // (1 + |x|)^2 would overflow: 1 / (1 + |x|) squared keeps the subnormal value
    CHECK(s.derivative(1e20f) == Approx(1e-40).epsilon(1e-4));
    CHECK(s.derivative(1e20f) > 0.0f);
    CHECK(s.derivative(-1e20f) == s.derivative(1e20f));
    CHECK(s.derivative(1e30f) == 0.0f);
    CHECK(xact::softsign<double>{}.derivative(1e160) == Approx(1e-320).epsilon(1e-3));
    CHECK(s.derivative_from_output(0.5f) == 0.25f);
    CHECK(s.derivative_from_output(-0.75f) == 0.0625f);
    CHECK(s.derivative_from_output(1.0f) == 0.0f);
    // batch and scalar at the large and tiny arguments
    std::vector<float> x{1e20f, -1e20f, 1.8e19f, 3e38f, 1e-40f, 1e10f}, y(6), d(6);
    xact::forward(s, x, y);
    xact::derivative(s, x, d);
    for (std::size_t i = 0; i < x.size(); ++i) {
        CHECK(xact_test::same_value(y[i], s(x[i])));
        CHECK(xact_test::same_value(d[i], s.derivative(x[i])));
    }
}

TEST_CASE("softsign: reference vectors, float and double, scalar and batch", "[softsign]")
{
    xact_test::check_reference("softsign", xact_test::no_param<xact::softsign>(), "piecewise.csv");
}

TEST_CASE("softsign: kernels over every tail, alignment and in place, NaN and sizes", "[softsign]")
{
    xact_test::check_common<xact::softsign>();
}

TEST_CASE("softsign: backward_from_output agrees with backward", "[softsign]")
{
    xact_test::check_from_output(xact::softsign<float>{});
    xact_test::check_from_output(xact::softsign<double>{});
}

TEST_CASE("softsign: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[softsign]")
{
    xact_test::check_dense_both<xact::softsign>();
}
