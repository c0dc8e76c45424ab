// Tests of xact::hardsigmoid (include/xact/hardsigmoid.hpp).
#include <xact/hardsigmoid.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "elementwise_check.hpp"
#include "exact_values.hpp"

namespace {

template <class T>
void hardsigmoid_points()
{
    const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
    const double sixth = double(T(1) / T(6));
    xact_test::check_exact(xact::hardsigmoid<T>{}, {{-3.0, 0.0, 0.0},  // the kinks: 0 there
                                                    {3.0, 1.0, 0.0},
                                                    {0.0, 0.5, sixth},
                                                    {-0.0, 0.5, sixth},
                                                    {1.5, 0.75, sixth},
                                                    {-1.5, 0.25, sixth},
                                                    {-4.0, 0.0, 0.0},
                                                    {4.0, 1.0, 0.0},
                                                    {3e38, 1.0, 0.0},
                                                    {-3e38, 0.0, 0.0},
                                                    {inf, 1.0, 0.0},
                                                    {-inf, 0.0, 0.0},
                                                    {nan, nan, nan}});
}

}  // namespace

TEST_CASE("hardsigmoid: worked values, kinks and limits", "[hardsigmoid]")
{
    hardsigmoid_points<float>();
    hardsigmoid_points<double>();
    xact::hardsigmoid<> h;
    // just inside the kinks: strictly between 0 and 1, derivative 1/6, and back from the output
    const float below3 = std::nextafter(3.0f, 0.0f), above_m3 = std::nextafter(-3.0f, 0.0f);
    CHECK(h(below3) == std::nextafter(1.0f, 0.0f));  // 1 - 2^-22 / 6, correctly rounded
    CHECK(h(above_m3) == float(0x1p-22 / 6));
    CHECK(h.derivative(below3) == 1.0f / 6.0f);
    CHECK(h.derivative_from_output(h(below3)) == 1.0f / 6.0f);
    CHECK(h.derivative_from_output(h(above_m3)) == 1.0f / 6.0f);
    CHECK(h.derivative_from_output(1.0f) == 0.0f);
    CHECK(h.derivative_from_output(0.0f) == 0.0f);
    // correctly rounded with a fused multiply-add; without one (SSE2) within 1 ULP, see the header
    if (xact::detail::has_fused_fma<double>::value) {
        const double below3d = std::nextafter(3.0, 0.0);
        CHECK(xact::hardsigmoid<double>{}(below3d) < 1.0);
        // x / 6 + 1/2 rounded once: the float result equals the double one rounded, at 2.1 and -0.4
        CHECK(h(2.1f) == float(double(2.1f) / 6 + 0.5));
        CHECK(h(-0.4f) == float(double(-0.4f) / 6 + 0.5));
    }
}

TEST_CASE("hardsigmoid: correctly rounded on every 7th float in [-3, 3]", "[hardsigmoid]")
{
    // y is within half an ULP of x / 6 + 1/2 when |6 y - 3 - x| <= 3 ULP(y) (the ULP on the side of
    // the exact value). 6 y - 3 is exact in double, and so is its difference with x but for |x|
    // below 2^-30 (rounded there, far from any tie). Without a fused multiply-add (SSE2) the two
    // products round apart: within 1 ULP.
    const xact::hardsigmoid<float> h;
    const double bound = xact::detail::has_fused_fma<xact::detail::default_batch<float>>::value ? 0.5 : 1.0;
    std::vector<float> x, y;
    for (std::uint32_t b = 0; b < 0x80000000u; b += 7) {
        for (std::uint32_t s : {0u, 0x80000000u}) {
            std::uint32_t u = b | s;
            float v;
            std::memcpy(&v, &u, sizeof v);
            if (std::fabs(v) <= 3.0f) x.push_back(v);
        }
    }
    y.resize(x.size());
    xact::forward(h, x, y);
    std::size_t bad = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double e6 = (6.0 * double(y[i]) - 3.0) - double(x[i]);  // 6 (y - exact)
        bool ok = e6 == 0;
        if (!ok && y[i] > 0) {
            const double ulp = e6 < 0 ? double(std::nextafter(y[i], 2.0f)) - double(y[i])
                                      : double(y[i]) - double(std::nextafter(y[i], 0.0f));
            ok = std::fabs(e6) <= 6 * bound * ulp;
        }
        if (!ok && bad++ == 0) {
            INFO("x = " << x[i] << ": " << y[i] << ", 6 (y - exact) = " << e6);
            CHECK(ok);
        }
    }
    CHECK(bad == 0);
}

TEST_CASE("hardsigmoid: reference vectors, float and double, scalar and batch", "[hardsigmoid]")
{
    xact_test::check_reference("hardsigmoid", xact_test::no_param<xact::hardsigmoid>(), "piecewise.csv");
}

TEST_CASE("hardsigmoid: kernels over every tail, alignment and in place, NaN and sizes", "[hardsigmoid]")
{
    xact_test::check_common<xact::hardsigmoid>();
}

TEST_CASE("hardsigmoid: backward_from_output agrees with backward", "[hardsigmoid]")
{
    xact_test::check_from_output(xact::hardsigmoid<float>{});
    xact_test::check_from_output(xact::hardsigmoid<double>{});
}

TEST_CASE("hardsigmoid: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ",
          "[hardsigmoid]")
{
    xact_test::check_dense_both<xact::hardsigmoid>();
}
