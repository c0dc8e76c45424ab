// Tests of xact::relu6 (include/xact/relu6.hpp).
#include <xact/relu6.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "elementwise_check.hpp"
#include "exact_values.hpp"

namespace {

template <class T>
void relu6_points()
{
    const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
    xact_test::check_exact(xact::relu6<T>{}, {{0.0, 0.0, 0.0},  // the kinks: 0 there
                                              {-0.0, -0.0, 0.0},  // x passes through, as relu
                                              {6.0, 6.0, 0.0},
                                              {3.0, 3.0, 1.0},
                                              {-2.0, 0.0, 0.0},
                                              {7.5, 6.0, 0.0},
                                              {1e-40, double(T(1e-40)), 1.0},
                                              {5.999, double(T(5.999)), 1.0},
                                              {3e38, 6.0, 0.0},
                                              {inf, 6.0, 0.0},
                                              {-inf, 0.0, 0.0},
                                              {nan, nan, nan}});
}

}  // namespace

TEST_CASE("relu6: worked values, kinks, limits and signs of zero", "[relu6]")
{
    relu6_points<float>();
    relu6_points<double>();
    xact::relu6<> r;
    CHECK(r.derivative(std::nextafter(6.0f, 0.0f)) == 1.0f);
    CHECK(r.derivative(std::nextafter(0.0f, 1.0f)) == 1.0f);
    CHECK(r.derivative_from_output(6.0f) == 0.0f);
    CHECK(r.derivative_from_output(0.0f) == 0.0f);
    CHECK(r.derivative_from_output(2.0f) == 1.0f);
    // the same function as hardtanh{0, 6}, bit for bit
    std::vector<float> x{-1.0f, -0.0f, 0.0f, 2.0f, 6.0f, 9.0f}, a(6), b(6);
    xact::forward(r, x, a);
    xact::forward(xact::hardtanh<float>{0.0f, 6.0f}, x, b);
    for (std::size_t i = 0; i < x.size(); ++i) CHECK(xact_test::same_value(a[i], b[i]));
}

TEST_CASE("relu6: reference vectors, float and double, scalar and batch", "[relu6]")
{
    xact_test::check_reference("relu6", xact_test::no_param<xact::relu6>(), "piecewise.csv");
}

TEST_CASE("relu6: kernels over every tail, alignment and in place, NaN and sizes", "[relu6]")
{
    xact_test::check_common<xact::relu6>();
}

TEST_CASE("relu6: backward_from_output agrees with backward", "[relu6]")
{
    xact_test::check_from_output(xact::relu6<float>{});
    xact_test::check_from_output(xact::relu6<double>{});
}

TEST_CASE("relu6: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[relu6]")
{
    xact_test::check_dense_both<xact::relu6>();
}
