// Tests of xact::gated_forward and xact::gated_backward (include/xact/gated.hpp).
#include <xact/gated.hpp>

#include <xact/xact.hpp>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "elementwise_check.hpp"

namespace {

/// |got - ref| in units of T's spacing at ref, subnormal steps below T's smallest normal.
template <class T>
double ulps(T got, double ref)
{
    if (std::isnan(ref) || std::isnan(got)) return std::isnan(ref) && std::isnan(got) ? 0.0 : HUGE_VAL;
    if (std::isinf(ref) || std::isinf(got)) return double(got) == ref ? 0.0 : HUGE_VAL;
    using L = std::numeric_limits<T>;
    const double err = std::fabs(double(got) - ref);
    if (std::fabs(ref) < double(L::min())) return err / double(L::denorm_min());
    int e;
    std::frexp(ref, &e);
    return err / std::ldexp(1.0, e - L::digits);
}

/// The composition the fused kernels must equal bit for bit: forward(f, a, t), then t * b;
/// backward(f, a, dy * b) and dy * forward(f, a).
template <class F, class T = typename F::value_type>
struct composed {
    std::vector<T> y, da, db;
    composed(F const& f, std::vector<T> const& a, std::vector<T> const& b, std::vector<T> const& dy)
        : y(a.size()), da(a.size()), db(a.size())
    {
        std::vector<T> t(a.size()), g(a.size());
        xact::forward(f, a, t);
        for (std::size_t i = 0; i < a.size(); ++i) {
            y[i] = t[i] * b[i];
            db[i] = dy[i] * t[i];
            g[i] = dy[i] * b[i];
        }
        xact::backward(f, a, g, da);
    }
};

template <class T>
std::vector<T> inputs(std::size_t n, double scale, double shift)
{
    std::vector<T> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = T(std::sin(double(i) * 0.37 + shift) * scale);
    return v;
}

/// Every tail length and start offset, split and rows, both gates, in place: equal to the
/// composition bit for bit, nothing written outside the outputs.
template <class F>
void check_layouts(F const& f)
{
    using T = typename F::value_type;
    constexpr std::size_t w = xact::detail::lane_count<xact::detail::default_batch<T>>;
    constexpr T guard = T(-777);
    for (std::size_t offset : {0u, 1u, 3u}) {
        for (std::size_t n = 0; n <= 4 * w + 3; ++n) {
            INFO(F::name << ", n = " << n << ", offset = " << offset);
            const std::vector<T> a = inputs<T>(n, 7, 0.1), b = inputs<T>(n, 3, 1.7), dy = inputs<T>(n, 2, 2.9);
            const composed<F> ref(f, a, b, dy);
            // misaligned copies
            std::vector<T> pa(n + offset), pb(n + offset), pdy(n + offset), out(n + offset + 1, guard),
                da(n + offset + 1, guard), db(n + offset + 1, guard);
            std::copy(a.begin(), a.end(), pa.begin() + offset);
            std::copy(b.begin(), b.end(), pb.begin() + offset);
            std::copy(dy.begin(), dy.end(), pdy.begin() + offset);
            xact::gated_forward(f, pa.data() + offset, pb.data() + offset, out.data() + offset, n);
            xact::gated_backward(f, pa.data() + offset, pb.data() + offset, pdy.data() + offset, da.data() + offset,
                                 db.data() + offset, n);
            for (std::size_t i = 0; i < n; ++i) {
                CHECK(xact_test::same_value(out[offset + i], ref.y[i]));
                CHECK(xact_test::same_value(da[offset + i], ref.da[i]));
                CHECK(xact_test::same_value(db[offset + i], ref.db[i]));
            }
            for (std::size_t i = 0; i < offset; ++i) {
                CHECK(out[i] == guard);
                CHECK(da[i] == guard);
                CHECK(db[i] == guard);
            }
            CHECK(out[offset + n] == guard);
            CHECK(da[offset + n] == guard);
            CHECK(db[offset + n] == guard);
            // in place: y over a and over b; da over a and db over b; da over dy
            std::vector<T> ya = a, yb = b;
            xact::gated_forward(f, ya, b, ya);
            xact::gated_forward(f, a, yb, yb);
            CHECK(ya == ref.y);
            CHECK(yb == ref.y);
            std::vector<T> ia = a, ib = b, idy = dy, tmp(n);
            xact::gated_backward(f, ia, ib, dy, ia, ib);
            CHECK(ia == ref.da);
            CHECK(ib == ref.db);
            xact::gated_backward(f, a, b, idy, idy, tmp);
            CHECK(idy == ref.da);
            // rows: 3 rows of n columns, the gate half first or second; dx over x
            if (n == 0) continue;
            for (xact::gate g : {xact::gate::first, xact::gate::second}) {
                const std::size_t rows = 3;
                std::vector<T> x(rows * 2 * n), ry(rows * n), rdy(rows * n), rdx(rows * 2 * n);
                std::vector<T> ga, gb, gdy;
                for (std::size_t r = 0; r < rows; ++r) {
                    const std::vector<T> ar = inputs<T>(n, 7, 0.1 + double(r)), br = inputs<T>(n, 3, 1.7 + double(r)),
                                         dr = inputs<T>(n, 2, 2.9 + double(r));
                    T* row = x.data() + r * 2 * n;
                    std::copy(ar.begin(), ar.end(), g == xact::gate::first ? row : row + n);
                    std::copy(br.begin(), br.end(), g == xact::gate::first ? row + n : row);
                    std::copy(dr.begin(), dr.end(), rdy.begin() + std::ptrdiff_t(r * n));
                    ga.insert(ga.end(), ar.begin(), ar.end());
                    gb.insert(gb.end(), br.begin(), br.end());
                    gdy.insert(gdy.end(), dr.begin(), dr.end());
                }
                const composed<F> rref(f, ga, gb, gdy);
                if (g == xact::gate::first) {
                    xact::gated_forward(f, x, ry, n);  // the default gate
                    xact::gated_backward(f, x, rdy, rdx, n);
                } else {
                    xact::gated_forward(f, x, ry, n, g);
                    xact::gated_backward(f, x, rdy, rdx, n, g);
                }
                CHECK(ry == rref.y);
                for (std::size_t r = 0; r < rows; ++r) {
                    for (std::size_t j = 0; j < n; ++j) {
                        const T* row = rdx.data() + r * 2 * n;
                        const T got_da = g == xact::gate::first ? row[j] : row[n + j];
                        const T got_db = g == xact::gate::first ? row[n + j] : row[j];
                        CHECK(xact_test::same_value(got_da, rref.da[r * n + j]));
                        CHECK(xact_test::same_value(got_db, rref.db[r * n + j]));
                    }
                }
                std::vector<T> xin = x;
                xact::gated_backward(f, xin, rdy, xin, n, g);
                CHECK(xin == rdx);
            }
        }
    }
}

template <class T>
void check_all_layouts()
{
    check_layouts(xact::silu<T>{});
    check_layouts(xact::gelu<T>{});
    check_layouts(xact::gelu_tanh<T>{});
    check_layouts(xact::relu<T>{});
    check_layouts(xact::sigmoid<T>{});
    check_layouts(xact::leaky_relu<T>{T(0.2)});
    check_layouts(xact::elu<T>{});
    check_layouts(xact::tanh<T>{});
}

struct gated_row {
    std::string function;
    double a, b, dy, y, da, db;
};

std::vector<gated_row> gated_reference()
{
    std::vector<gated_row> rows;
    for (auto& f : xact_test::csv_rows("gated.csv")) {
        REQUIRE(f.size() == 7);
        rows.push_back({f[0], xact_test::parse_double(f[1]), xact_test::parse_double(f[2]),
                        xact_test::parse_double(f[3]), xact_test::parse_double(f[4]), xact_test::parse_double(f[5]),
                        xact_test::parse_double(f[6])});
    }
    REQUIRE(rows.size() >= 400);
    return rows;
}

/// Every reference row through the split kernels: y, da, db within 6 ULP (subnormal steps below
/// the normal range); near the root of f', da within |dy b| 2^-(digits - 1) instead.
template <class T, class F>
double check_reference_for(F const& f, std::vector<gated_row> const& rows)
{
    double worst = 0;
    std::vector<T> a, b, dy;
    std::vector<gated_row const*> mine;
    for (auto const& r : rows) {
        if (r.function != F::name && !(r.function == "silu" && std::string(F::name) == "swish")) continue;
        a.push_back(T(r.a));
        b.push_back(T(r.b));
        dy.push_back(T(r.dy));
        mine.push_back(&r);
    }
    REQUIRE(!mine.empty());
    std::vector<T> y(a.size()), da(a.size()), db(a.size());
    xact::gated_forward(f, a, b, y);
    xact::gated_backward(f, a, b, dy, da, db);
    const double root_tol = std::ldexp(1.0, -(std::numeric_limits<T>::digits - 1));
    for (std::size_t i = 0; i < a.size(); ++i) {
        const gated_row& r = *mine[i];
        INFO(r.function << " a = " << r.a << ", b = " << r.b << ", dy = " << r.dy << ": y " << y[i] << " (" << r.y
                        << "), da " << da[i] << " (" << r.da << "), db " << db[i] << " (" << r.db << ")");
        double ey = ulps(y[i], r.y), ea = ulps(da[i], r.da), eb = ulps(db[i], r.db);
        if (ea > 6 && std::fabs(double(da[i]) - r.da) <= std::fabs(r.dy * r.b) * root_tol) ea = 0;
        // the documented limit: f(a) and f'(a) are rounded to T before the products, so where one
        // is subnormal (or underflows) the product carries its absolute error, 4 subnormal steps,
        // times the other factors
        const double sub = 4 * double(std::numeric_limits<T>::denorm_min());
        const double fa = r.db / r.dy, dfa = r.da / (r.dy * r.b);
        if (std::fabs(fa) < double(std::numeric_limits<T>::min())) {
            if (std::fabs(double(y[i]) - r.y) <= sub * std::fabs(r.b)) ey = 0;
            if (std::fabs(double(db[i]) - r.db) <= sub * std::fabs(r.dy)) eb = 0;
        }
        if (std::fabs(dfa) < double(std::numeric_limits<T>::min()) &&
            std::fabs(double(da[i]) - r.da) <= sub * std::fabs(r.dy * r.b))
            ea = 0;
        CHECK(ey <= 6);
        CHECK(ea <= 6);
        CHECK(eb <= 6);
        worst = std::max({worst, ey, ea, eb});
    }
    return worst;
}

}  // namespace

TEST_CASE("gated: split and rows forms over every tail, alignment, gate order and in place, against the composition",
          "[gated]")
{
    check_all_layouts<float>();
    check_all_layouts<double>();
}

TEST_CASE("gated: reference vectors within 6 ULP, float and double", "[gated]")
{
    const std::vector<gated_row> rows = gated_reference();
    double worst = 0;
    for (double e : {check_reference_for<float>(xact::silu<float>{}, rows),
                     check_reference_for<float>(xact::gelu<float>{}, rows),
                     check_reference_for<float>(xact::gelu_tanh<float>{}, rows),
                     check_reference_for<float>(xact::relu<float>{}, rows),
                     check_reference_for<float>(xact::sigmoid<float>{}, rows)})
        worst = std::max(worst, e);
    WARN("gated reference: worst float error " << worst << " ULP");
    worst = 0;
    for (double e : {check_reference_for<double>(xact::silu<double>{}, rows),
                     check_reference_for<double>(xact::gelu<double>{}, rows),
                     check_reference_for<double>(xact::gelu_tanh<double>{}, rows),
                     check_reference_for<double>(xact::relu<double>{}, rows),
                     check_reference_for<double>(xact::sigmoid<double>{}, rows)})
        worst = std::max(worst, e);
    WARN("gated reference: worst double error " << worst << " ULP");
}

TEMPLATE_TEST_CASE("gated: NaN, infinities and the tails", "[gated]", float, double)
{
    using T = TestType;
    using L = std::numeric_limits<T>;
    const xact::silu<T> silu;
    const std::vector<T> a{L::quiet_NaN(), T(1), T(-100), T(0), T(-90), T(3)};
    const std::vector<T> b{T(1), L::quiet_NaN(), L::infinity(), L::infinity(), T(1e10), T(-2)};
    std::vector<T> y(a.size()), da(a.size()), db(a.size());
    const std::vector<T> dy(a.size(), T(1));
    xact::gated_forward(silu, a, b, y);
    xact::gated_backward(silu, a, b, dy, da, db);
    CHECK(std::isnan(y[0]));
    CHECK(std::isnan(da[0]));
    CHECK(std::isnan(db[0]));
    CHECK(std::isnan(y[1]));
    CHECK(std::isnan(da[1]));
    CHECK(y[2] == -L::infinity());  // silu(-100) < 0 times inf
    CHECK(std::isnan(y[3]));        // f(a) = 0 times inf
    // silu(-90) b keeps the tail's accuracy: -90 e^-90 1e10
    CHECK(double(y[4]) == Approx(-90 * std::exp(-90.0) * 1e10).epsilon(8 * double(L::epsilon())));
    CHECK(y[5] == T(-2) * silu(T(3)));
}

TEST_CASE("gated: sizes that do not fit throw, naming them, and write nothing", "[gated]")
{
    const xact::silu<float> f;
    const std::vector<float> a(6, 1.0f), b(5, 1.0f), dy(6, 1.0f);
    std::vector<float> y(6, 7.0f), da(6, 7.0f), db(6, 7.0f);
    const std::string m = xact_test::invalid_argument_message([&] { xact::gated_forward(f, a, b, y); });
    CHECK(m.find("6") != std::string::npos);
    CHECK(m.find("5") != std::string::npos);
    CHECK_THROWS_AS(xact::gated_forward(f, a, a, std::vector<float>(5)), std::invalid_argument);
    CHECK_THROWS_AS(xact::gated_backward(f, a, b, dy, da, db), std::invalid_argument);
    CHECK_THROWS_AS(xact::gated_backward(f, a, a, std::vector<float>(4), da, db), std::invalid_argument);
    CHECK_THROWS_AS(xact::gated_backward(f, a, a, dy, std::vector<float>(5), db), std::invalid_argument);
    CHECK_THROWS_AS(xact::gated_backward(f, a, a, dy, da, std::vector<float>(7)), std::invalid_argument);
    // rows: cols 0, x not a multiple of 2 cols, y or dy not rows x cols, dx not the size of x
    const std::vector<float> x(12, 1.0f), rdy(6, 1.0f);
    std::vector<float> ry(6, 7.0f), rdx(12, 7.0f);
    CHECK(xact_test::invalid_argument_message([&] { xact::gated_forward(f, x, ry, 0); }) ==
          "xact::gated_forward: cols is 0 (it must be positive)");
    CHECK(xact_test::invalid_argument_message([&] { xact::gated_forward(f, x, ry, 5); }) ==
          "xact::gated_forward: x has 12 elements, not a multiple of 2 x cols = 10");
    CHECK(xact_test::invalid_argument_message([&] { xact::gated_forward(f, x, std::vector<float>(5), 3); }) ==
          "xact::gated_forward: y has 5 elements but rows x cols has 6");
    CHECK_THROWS_AS(xact::gated_backward(f, x, std::vector<float>(5), rdx, 3), std::invalid_argument);
    CHECK_THROWS_AS(xact::gated_backward(f, x, rdy, std::vector<float>(11), 3), std::invalid_argument);
    CHECK_THROWS_AS(xact::gated_backward(f, x, rdy, rdx, 0, xact::gate::second), std::invalid_argument);
    volatile std::size_t huge_v = std::numeric_limits<std::size_t>::max() / 2 + 1;
    const std::size_t huge = huge_v;
    CHECK(xact_test::invalid_argument_message([&] { xact::gated_forward(f, x, ry, huge); }).find("overflows") !=
          std::string::npos);
    CHECK(y == std::vector<float>(6, 7.0f));
    CHECK(da == std::vector<float>(6, 7.0f));
    CHECK(db == std::vector<float>(6, 7.0f));
    CHECK(ry == std::vector<float>(6, 7.0f));
    CHECK(rdx == std::vector<float>(12, 7.0f));
    xact::gated_forward(f, x, ry, 2);  // 3 rows of 2: fits
    CHECK(ry == std::vector<float>(6, f(1.0f)));
}

TEST_CASE("gated: outputs of XACT_STREAM_BYTES and more (streamed stores) equal the composition", "[gated]")
{
    const xact::silu<float> f;
    const std::size_t n = XACT_STREAM_BYTES / sizeof(float) + 37;
    for (std::size_t offset : {0u, 1u}) {
        INFO("offset " << offset);
        std::vector<float> a = inputs<float>(n, 7, 0.1), b = inputs<float>(n, 3, 1.7), dy = inputs<float>(n, 2, 2.9);
        const composed<xact::silu<float>> ref(f, a, b, dy);
        std::vector<float> y(n + offset), da(n + offset), db(n + 2 * offset);
        xact::gated_forward(f, a.data(), b.data(), y.data() + offset, n);
        // da and db start equally aligned (offset) or not (db at 2 offset): both paths
        xact::gated_backward(f, a.data(), b.data(), dy.data(), da.data() + offset, db.data() + 2 * offset, n);
        CHECK(std::equal(ref.y.begin(), ref.y.end(), y.begin() + std::ptrdiff_t(offset)));
        CHECK(std::equal(ref.da.begin(), ref.da.end(), da.begin() + std::ptrdiff_t(offset)));
        CHECK(std::equal(ref.db.begin(), ref.db.end(), db.begin() + std::ptrdiff_t(2 * offset)));
    }
    // the rows form streams on the size of the whole matrix: 4096 rows of 1029 columns
    const std::size_t rows = 1024 * 4, cols = 1029;
    std::vector<float> x = inputs<float>(rows * 2 * cols, 5, 0.3), ry(rows * cols), rdy = inputs<float>(rows * cols, 1, 0.2),
                       rdx(rows * 2 * cols);
    xact::gated_forward(f, x, ry, cols);
    xact::gated_backward(f, x, rdy, rdx, cols);
    std::size_t bad = 0;
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t j = 0; j < cols; ++j) {
            const float av = x[r * 2 * cols + j], bv = x[r * 2 * cols + cols + j], g = rdy[r * cols + j];
            bad += !xact_test::same_value(ry[r * cols + j], f(av) * bv);
            bad += !xact_test::same_value(rdx[r * 2 * cols + j], (g * bv) * f.derivative(av));
            bad += !xact_test::same_value(rdx[r * 2 * cols + cols + j], g * f(av));
        }
    }
    CHECK(bad == 0);
}
