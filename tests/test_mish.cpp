// Tests of xact::mish (include/xact/mish.hpp).
#include <xact/mish.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("mish: worked values, tails and limits", "[mish]")
{
    xact::mish<> m;
    CHECK(m(1.0f) == Approx(0.8650983882673103));
    CHECK(m(-1.0f) == Approx(-0.30340146137410895));
    CHECK(m.derivative(0.0f) == Approx(0.6));  // tanh(log 2)
    CHECK(m(-INFINITY) == 0.0f);
    CHECK(m(INFINITY) == INFINITY);
    CHECK(m.derivative(-INFINITY) == 0.0f);
    CHECK(m.derivative(INFINITY) == 1.0f);
    CHECK(std::signbit(m(-0.0f)));
    CHECK(m(3e38f) == 3e38f);
    CHECK(m(-3e38f) == 0.0f);
    // the tail x e^x into the subnormals: mish(-100) = -100 e^-100 (1 + e^-100 / 2 ...)
    CHECK(xact_test::ulp_error(m(-95.0f), -95.0 * std::exp(-95.0)) <= 4);
    CHECK(xact_test::ulp_error(m.derivative(-95.0f), -94.0 * std::exp(-95.0)) <= 4);
    // near the root of f' (x = -1.1924) within 2^-24 absolute
    CHECK(std::fabs(m.derivative(-1.1924f)) < 1e-5f);
    // the worst points of the every-float sweep before n = e^2 + 2e was one fused multiply-add
    // (4.22 and 4.00 ULP), scalar and kernel
    const std::vector<float> x{-0.5967164635658264f, -0.5807366967201233f};
    const double want[] = {0.23669517373443857973, 0.24517445260867822152};
    std::vector<float> d(x.size());
    xact::derivative(m, x, d);
    for (std::size_t i = 0; i < x.size(); ++i) {
        CHECK(xact_test::ulp_error(m.derivative(x[i]), want[i]) <= 4);
        CHECK(xact_test::ulp_error(d[i], want[i]) <= 4);
    }
    // double below 2^-40: x - x t, not 0.6 x (whose relative error x / 3 is 3641 ULP at 7.6e-13)
    CHECK(xact_test::close_double(xact::mish<double>{}(7.578797436618927e-13), 4.54727846197319419025e-13, 0x1p-50));
}

TEST_CASE("mish: reference vectors, float and double, scalar and batch", "[mish]")
{
    xact_test::check_reference("mish", xact_test::no_param<xact::mish>(), "transcendental.csv");
}

TEST_CASE("mish: kernels over every tail, alignment and in place, NaN and sizes", "[mish]")
{
    xact_test::check_common<xact::mish>();
}

TEST_CASE("mish: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[mish]")
{
    xact_test::check_dense_both<xact::mish>();
}
