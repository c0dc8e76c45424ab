// Tests of xact::hardtanh (include/xact/hardtanh.hpp).
#include <xact/hardtanh.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "elementwise_check.hpp"
#include "exact_values.hpp"

namespace {

template <class T>
void hardtanh_points()
{
    const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
    xact_test::check_exact(xact::hardtanh<T>{}, {{-1.0, -1.0, 0.0},  // the kinks: 0 there
                                                 {1.0, 1.0, 0.0},
                                                 {0.0, 0.0, 1.0},
                                                 {-0.0, -0.0, 1.0},  // x passes through
                                                 {0.5, 0.5, 1.0},
                                                 {-0.7, double(T(-0.7)), 1.0},
                                                 {2.0, 1.0, 0.0},
                                                 {-2.0, -1.0, 0.0},
                                                 {1e-40, double(T(1e-40)), 1.0},
                                                 {inf, 1.0, 0.0},
                                                 {-inf, -1.0, 0.0},
                                                 {nan, nan, nan}});
    xact_test::check_exact(xact::hardtanh<T>{T(-2), T(3)}, {{-2.0, -2.0, 0.0},
                                                           {3.0, 3.0, 0.0},
                                                           {-1.0, -1.0, 1.0},
                                                           {2.5, 2.5, 1.0},
                                                           {-0.0, -0.0, 1.0},
                                                           {7.0, 3.0, 0.0},
                                                           {-inf, -2.0, 0.0},
                                                           {inf, 3.0, 0.0}});
    // 0 as min_val: -0 stays -0 (as relu and relu6), -1 gives +0
    xact_test::check_exact(xact::hardtanh<T>{T(0), T(6)}, {{-0.0, -0.0, 0.0}, {-1.0, 0.0, 0.0}, {0.0, 0.0, 0.0}});
}

/// hardtanh from the row's parameter text "min_val max_val".
auto two_params()
{
    return [](auto tag, std::string const& p) {
        using T = decltype(tag);
        if (p.empty()) return xact::hardtanh<T>{};
        std::istringstream in(p);
        double lo = 0, hi = 0;
        in >> lo >> hi;
        return xact::hardtanh<T>{T(lo), T(hi)};
    };
}

}  // namespace

TEST_CASE("hardtanh: worked values, kinks, limits and signs of zero", "[hardtanh]")
{
    hardtanh_points<float>();
    hardtanh_points<double>();
    xact::hardtanh<> h;
    CHECK(h.min_val == -1.0f);
    CHECK(h.max_val == 1.0f);
    CHECK(h.derivative(std::nextafter(1.0f, 0.0f)) == 1.0f);
    CHECK(h.derivative(std::nextafter(-1.0f, 0.0f)) == 1.0f);
    CHECK(h.derivative_from_output(1.0f) == 0.0f);
    CHECK(h.derivative_from_output(-1.0f) == 0.0f);
    CHECK(h.derivative_from_output(0.25f) == 1.0f);
    // min_val = max_val: a constant
    xact::hardtanh<> flat{0.5f, 0.5f};
    CHECK(flat(-3.0f) == 0.5f);
    CHECK(flat(3.0f) == 0.5f);
    CHECK(flat.derivative(0.5f) == 0.0f);
}

TEST_CASE("hardtanh: reference vectors, float and double, scalar and batch", "[hardtanh]")
{
    xact_test::check_reference("hardtanh", two_params(), "piecewise.csv");
}

TEST_CASE("hardtanh: kernels over every tail, alignment and in place, NaN and sizes", "[hardtanh]")
{
    xact_test::check_common<xact::hardtanh>();
    xact_test::check_kernels(xact::hardtanh<float>{-3.0f, 2.5f});
}

TEST_CASE("hardtanh: backward_from_output agrees with backward", "[hardtanh]")
{
    xact_test::check_from_output(xact::hardtanh<float>{});
    xact_test::check_from_output(xact::hardtanh<double>{});
    xact_test::check_from_output(xact::hardtanh<float>{-2.0f, 3.0f});
}

TEST_CASE("hardtanh: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ", "[hardtanh]")
{
    xact_test::check_dense_both<xact::hardtanh>();
}
