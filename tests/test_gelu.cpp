// Tests of xact::gelu (include/xact/gelu.hpp).
#include <xact/gelu.hpp>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("gelu: worked values, kinks and limits", "[gelu]")
{
    xact::gelu<> g;
    std::vector<float> x{-1.0f, -0.3f, 0.0f, 0.5f, 2.0f}, y(5);
    xact::forward(g, x, y);
    std::vector<double> seed{-0.159, -0.115, 0.0, 0.346, 1.954};
    for (std::size_t i = 0; i < 5; ++i) CHECK(y[i] == Approx(seed[i]).margin(5e-4));
    CHECK(g(-INFINITY) == 0.0f);
    CHECK(g.derivative(INFINITY) == 1.0f);
    CHECK(g.derivative(-INFINITY) == 0.0f);
    CHECK(g(-12.0f) == Approx(-2.1317774e-32).epsilon(1e-6));
}

TEST_CASE("gelu: reference vectors, float and double, scalar and batch", "[gelu]")
{
    xact_test::check_reference("gelu", xact_test::no_param<xact::gelu>());
}

TEST_CASE("gelu: kernels over every tail, alignment and in place, NaN and sizes", "[gelu]")
{
    xact_test::check_common<xact::gelu>();
}

TEST_CASE("gelu: float over a dense grid, the tail and the clamp, against long double", "[gelu]")
{
    // The float path is a table of 16 polynomial pieces over |x| <= 15 (scalar, AVX-512) or one
    // polynomial after a division and a correction for the division's rounding (other batches);
    // this walks a dense grid (every 1021st float up to 16 in magnitude) and the table's piece
    // borders |x| = j + 1/2 with their neighbours through the batch kernel and the scalar functor,
    // and checks the contract: 4 ULP, 2^-24 absolute for the derivative near its root (|x| < 4),
    // flushing below FLT_MIN allowed.
    xact::gelu<float> g;
    std::vector<float> x;
    for (std::uint32_t b = 0x00000001u; b < 0x41800000u; b += 1021) {
        float v;
        std::memcpy(&v, &b, sizeof v);
        x.push_back(v);
        x.push_back(-v);
    }
    for (int j = 0; j <= 14; ++j) {
        float border = float(j) + 0.5f;
        for (float v : {std::nextafter(border, 0.0f), border, std::nextafter(border, 16.0f)}) {
            x.push_back(v);
            x.push_back(-v);
        }
    }
    std::vector<float> y(x.size()), d(x.size());
    xact::forward(g, x, y);
    xact::derivative(g, x, d);
    double worst[2] = {0, 0};
    std::size_t failures = 0;
    float first_failure = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        long double xl = x[i];
        long double phi = std::exp(-xl * xl / 2) * 0.398942280401432677939946059934L;
        long double cdf = std::erfc(-xl * 0.707106781186547524400844362104849L) / 2;
        double f = double(xl * cdf), df = double(cdf + xl * phi);
        float ds = g.derivative(x[i]);
        double ef = std::max(xact_test::ulp_error(y[i], f), xact_test::ulp_error(g(x[i]), f));
        double ed = std::max(xact_test::ulp_error(d[i], df), xact_test::ulp_error(ds, df));
        bool near_root = std::fabs(x[i]) < 4 && std::fabs(d[i] - df) <= 0x1p-24 && std::fabs(ds - df) <= 0x1p-24;
        if (ef > 4 || (ed > 4 && !near_root)) {
            if (failures++ == 0) first_failure = x[i];
        }
        worst[0] = std::max(worst[0], ef);
        if (!near_root) worst[1] = std::max(worst[1], ed);
    }
    INFO("first failure at x = " << first_failure);
    CHECK(failures == 0);
    WARN("gelu float grid: forward " << worst[0] << " ULP, derivative " << worst[1] << " ULP");
    // the clamp: far tails are exactly 0 / x / 1, never NaN
    for (float v : {15.0f, 15.5f, 30.0f, 1e30f, FLT_MAX}) {
        CHECK(g(-v) == 0.0f);
        CHECK(g(v) == v);
        CHECK(g.derivative(-v) == 0.0f);
        CHECK(g.derivative(v) == 1.0f);
    }
    CHECK(std::isnan(g(std::nanf(""))));
    CHECK(std::isnan(g.derivative(std::nanf(""))));
}

TEST_CASE("gelu: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[gelu]")
{
    xact_test::check_dense_both<xact::gelu>();
}
