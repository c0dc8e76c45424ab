// Tests of xact::quick_gelu (include/xact/quick_gelu.hpp).
#include <xact/quick_gelu.hpp>

#include <cmath>
#include <vector>

#include "elementwise_check.hpp"

TEST_CASE("quick_gelu: worked values, tails and limits", "[quick_gelu]")
{
    xact::quick_gelu<> q;
    CHECK(xact::quick_gelu<float>::coefficient == 1.702f);
    CHECK(xact::quick_gelu<double>::coefficient == 1.702);
    CHECK(q(1.0f) == Approx(1.0 / (1.0 + std::exp(-1.702))));
    CHECK(q.derivative(0.0f) == 0.5f);
    CHECK(q(-INFINITY) == 0.0f);
    CHECK(q(INFINITY) == INFINITY);
    CHECK(q.derivative(-INFINITY) == 0.0f);
    CHECK(q.derivative(INFINITY) == 1.0f);
    CHECK(std::signbit(q(-0.0f)));
    CHECK(q(3e38f) == 3e38f);  // 1.702 x overflows, x s(1.702 x) does not
    // swish with beta = 1.702 rounded to T
    xact::swish<float> s{1.702f};
    for (float x : {-60.0f, -3.0f, -0.75f, 0.0f, 0.4f, 9.0f}) {
        CHECK(q(x) == s(x));
        CHECK(q.derivative(x) == s.derivative(x));
    }
    // the tail x e^(c x) into the subnormals (c x = -85.1: e^(c x) alone would be near the edge)
    const double c = double(1.702f), x = -50.0;
    CHECK(xact_test::ulp_error(q(-50.0f), x * std::exp(c * x) / (1 + std::exp(c * x))) <= 4);
}

// The CSV holds quick_gelu with the double constant (rows quick_gelu) and with the float one
// (rows quick_gelu_float, float inputs): each type against the exact values of its own function.
template <class T>
void check_quick_gelu_rows(std::string const& rows_name)
{
    auto rows = xact_test::reference_rows(rows_name, "transcendental.csv");
    std::vector<T> x;
    for (auto const& r : rows) x.push_back(T(r.x));
    std::vector<T> y(x.size()), d(x.size());
    xact::quick_gelu<T> q;
    xact::forward(q, x, y);
    xact::derivative(q, x, d);
    double worst[2] = {0, 0};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        INFO(rows_name << " at x = " << rows[i].x);
        CHECK(xact_test::same_value(y[i], q.forward(x[i])));
        CHECK(xact_test::same_value(d[i], q.derivative(x[i])));
        if (std::is_same<T, double>::value) {
            CHECK(xact_test::close_double(double(y[i]), rows[i].fx, 1e-12));
            // f' has a root at x = -0.7511: near it, 2^-53 absolute
            CHECK((xact_test::close_double(double(d[i]), rows[i].dfx, 1e-12) ||
                   (std::fabs(rows[i].x) < 4 && std::fabs(double(d[i]) - rows[i].dfx) <= 0x1p-53)));
        } else {
            const double ef = xact_test::ulp_error(float(y[i]), rows[i].fx);
            const double ed = xact_test::ulp_error(float(d[i]), rows[i].dfx);
            INFO("forward " << ef << " ULP, derivative " << ed << " ULP");
            CHECK(ef <= 4);
            CHECK((ed <= 4 || (std::fabs(rows[i].x) < 4 && std::fabs(double(d[i]) - rows[i].dfx) <= 0x1p-24)));
            worst[0] = std::max(worst[0], ef);
            if (ed <= 4) worst[1] = std::max(worst[1], ed);
        }
    }
    if (!std::is_same<T, double>::value) {
        WARN("quick_gelu: largest float error on the reference rows: forward " << worst[0] << " ULP, derivative "
                                                                                << worst[1] << " ULP");
    }
}

TEST_CASE("quick_gelu: reference vectors, float and double, scalar and batch", "[quick_gelu]")
{
    check_quick_gelu_rows<double>("quick_gelu");
    check_quick_gelu_rows<float>("quick_gelu_float");
}

TEST_CASE("quick_gelu: kernels over every tail, alignment and in place, NaN and sizes", "[quick_gelu]")
{
    xact_test::check_common<xact::quick_gelu>();
}

TEST_CASE("quick_gelu: a dense sweep of float and double, batch equals scalar, also under FTZ and DAZ",
          "[quick_gelu]")
{
    xact_test::check_dense_both<xact::quick_gelu>();
}
