// Tests of xact::swish (include/xact/swish.hpp).
#include <xact/swish.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("swish: worked values, kinks and limits", "[swish]")
{
    xact::swish<> s;
    CHECK(s.beta == 1.0f);
    CHECK(s(-INFINITY) == 0.0f);
    CHECK(s(INFINITY) == INFINITY);
    CHECK(s.derivative(INFINITY) == 1.0f);
    CHECK(s.derivative(-INFINITY) == 0.0f);
    CHECK(s(-100.0f) == Approx(-3.720075976020836e-42).margin(2e-45));
    CHECK(s(-90.0f) == Approx(-7.3746114e-38).epsilon(1e-6));
    CHECK(xact::silu<>{}(1.0f) == Approx(0.7310585786300049));
    CHECK(xact::swish<double>{}.derivative(0.0) == 0.5);
}

TEST_CASE("swish: reference vectors, float and double, scalar and batch", "[swish]")
{
    xact_test::check_reference("swish", xact_test::one_param<xact::swish>());
}

TEST_CASE("swish: kernels over every tail, alignment and in place, NaN and sizes", "[swish]")
{
    xact_test::check_common<xact::swish>();
}

TEST_CASE("swish: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[swish]")
{
    xact_test::check_dense_both<xact::swish>();
}

TEMPLATE_TEST_CASE("swish: a NaN beta gives NaN on every path", "[swish]", float, double)
{
    using T = TestType;
    const T nan = std::numeric_limits<T>::quiet_NaN();
    const xact::swish<T> s{nan};
    std::vector<T> x{T(-3), T(0), T(1), T(40), T(-100), std::numeric_limits<T>::infinity()};
    x.resize(2 * xact::detail::lane_count<xact::detail::default_batch<T>> + 3, T(0.5));
    std::vector<T> y(x.size()), d(x.size());
    xact::forward(s, x, y);
    xact::derivative(s, x, d);
    for (std::size_t i = 0; i < x.size(); ++i) {
        INFO("x = " << x[i]);
        CHECK(std::isnan(s(x[i])));
        CHECK(std::isnan(s.derivative(x[i])));
        CHECK(std::isnan(y[i]));
        CHECK(std::isnan(d[i]));
    }
}

TEMPLATE_TEST_CASE("swish: beta = 0 is x / 2 everywhere, infinities included", "[swish]", float, double)
{
    using T = TestType;
    const T inf = std::numeric_limits<T>::infinity();
    const xact::swish<T> s{T(0)};
    std::vector<T> x{-inf, T(-3), -T(0), T(0), T(5), inf}, y(x.size()), d(x.size());
    xact::forward(s, x, y);
    xact::derivative(s, x, d);
    for (std::size_t i = 0; i < x.size(); ++i) {
        INFO("x = " << x[i]);
        CHECK(xact_test::same_value(s(x[i]), x[i] / 2));
        CHECK(xact_test::same_value(y[i], x[i] / 2));
        CHECK(s.derivative(x[i]) == T(0.5));
        CHECK(d[i] == T(0.5));
    }
}
