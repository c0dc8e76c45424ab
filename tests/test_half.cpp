// Tests of xact::bfloat16 / xact::float16 (include/xact/half.hpp) and of the 16-bit kernels
// (include/xact/detail/half_kernel.hpp): every one of the 65536 inputs of both types, every
// elementwise function, forward, derivative, backward and backward_from_output, against the exact
// value rounded once (long double references; at tiny arguments the leading term of the expansion
// at 0, exact in long double, with the sign of the next term to break an exact midpoint).
#include <xact/xact.hpp>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <xmmintrin.h>
#endif

#include "catch.hpp"

namespace {

using xact::bfloat16;
using xact::float16;

template <class H>
std::vector<H> all_patterns()
{
    std::vector<H> v(65536);
    for (std::uint32_t b = 0; b < 65536; ++b) v[b] = H::from_bits(static_cast<std::uint16_t>(b));
    return v;
}

template <class H>
bool is_nan_bits(std::uint16_t b)
{
    if constexpr (std::is_same<H, bfloat16>::value) return (b & 0x7fffu) > 0x7f80u;
    else return (b & 0x7fffu) > 0x7c00u;
}

/// An exact value: v (long double) and, where v is exactly a 16-bit midpoint only because the
/// terms below long double's precision were dropped, the sign of those terms.
struct exact {
    long double v;
    int dir = 0;
};

/// The exact value rounded once to H (round-to-odd to float, then nearest even), dir breaking a midpoint.
template <class H>
H round_exact(exact e)
{
    const long double v = e.v;
    float f = static_cast<float>(v);
    if (std::isnan(f)) return H(f);
    if (static_cast<long double>(f) != v) {
        std::uint32_t u;
        std::memcpy(&u, &f, 4);
        if (std::fabs(static_cast<long double>(f)) > std::fabs(v)) u -= 1;
        u |= 1;
        std::memcpy(&f, &u, 4);
    } else if (e.dir != 0) {
        std::uint32_t a;
        std::memcpy(&a, &f, 4);
        a &= 0x7fffffffu;
        if (xact::detail::near_midpoint<H>(a, 0)) f = std::nextafter(f, e.dir > 0 ? INFINITY : -INFINITY);
    }
    return H(f);
}

constexpr long double tiny = 0x1p-40L, huge = 0x1p24L;
constexpr long double sqrt_2_over_pi = 0.797884560802865355879892119868763737L;
constexpr long double inv_sqrt_2pi = 0.398942280401432677939946059934381868L;
constexpr long double inv_sqrt2 = 0.707106781186547524400844362104849039L;

int sgn(long double a) { return (a > 0) - (a < 0); }

long double sigmoid_l(long double x) { return 1 / (1 + std::exp(-x)); }
long double sigmoid_d(long double x) { return sigmoid_l(x) * sigmoid_l(-x); }

long double gelu_tanh_u(long double x) { return sqrt_2_over_pi * (x + 0.044715L * x * x * x); }

/// 1 + tanh(u) and 1 - tanh(u) without cancellation.
void one_pm_tanh(long double u, long double& plus, long double& minus)
{
    const long double e = std::exp(-2 * std::fabs(u));  // in (0, 1]
    const long double small = 2 * e / (1 + e), big = 2 / (1 + e);
    plus = u < 0 ? small : big;
    minus = u < 0 ? big : small;
}

/// One checked direction: the 16-bit kernel's output against the exact values, zeros with the
/// sign of the float kernel's result, non-finite inputs and +-0 (the kinks) against the float kernel
/// rounded once.
template <class H>
std::size_t count_misrounded(std::vector<H> const& x, std::vector<H> const& got, std::vector<float> const& float_result,
                             std::vector<exact> const& ref, std::string const& what)
{
    std::size_t bad = 0;
    std::ostringstream first;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const float xf = static_cast<float>(x[i]);
        H want;
        if (!std::isfinite(xf) || xf == 0) {
            want = H(float_result[i]);
        } else {
            want = round_exact<H>(ref[i]);
            if ((want.bits() & 0x7fffu) == 0) want = H(std::signbit(float_result[i]) ? -0.0f : 0.0f);
        }
        const bool ok = is_nan_bits<H>(want.bits()) ? is_nan_bits<H>(got[i].bits()) : want.bits() == got[i].bits();
        if (!ok) {
            if (bad < 4)
                first << " x=" << xf << " got=" << static_cast<float>(got[i]) << " want=" << static_cast<float>(want)
                      << " ref=" << static_cast<double>(ref[i].v) << ";";
            ++bad;
        }
    }
    INFO(what << ": " << bad << " misrounded" << first.str());
    CHECK(bad == 0);
    return bad;
}

/// The reference of a function: forward and derivative as exact values, and optionally f'(y).
template <class Fwd, class Der, class DerY>
struct reference {
    Fwd forward;
    Der derivative;
    DerY from_output;  // nullptr_t when the functor has none
};

template <class Fwd, class Der, class DerY = std::nullptr_t>
reference<Fwd, Der, DerY> make_reference(Fwd f, Der d, DerY y = nullptr)
{
    return {f, d, y};
}

const float dy_values[] = {-1.25f, 0.3f, 7.0f};

template <class H, class F, class R>
void check_exhaustive(F const& f, R const& ref, std::string const& label)
{
    const std::vector<H> x = all_patterns<H>();
    const std::size_t n = x.size();
    std::vector<float> xf(n);
    for (std::size_t i = 0; i < n; ++i) xf[i] = static_cast<float>(x[i]);
    std::vector<H> got(n);
    std::vector<float> fr(n), dr(n);
    std::vector<exact> e(n), de(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isfinite(xf[i]) && xf[i] != 0) {
            e[i] = ref.forward(static_cast<long double>(xf[i]));
            de[i] = ref.derivative(static_cast<long double>(xf[i]));
        }
    }
    xact::forward(f, xf, fr);
    xact::forward(f, x, got);
    count_misrounded<H>(x, got, fr, e, label + " forward");
    xact::derivative(f, xf, dr);
    xact::derivative(f, x, got);
    count_misrounded<H>(x, got, dr, de, label + " derivative");
    for (float g0 : dy_values) {
        const H gh(g0);
        const float g = static_cast<float>(gh);
        std::vector<H> dy(n, gh);
        std::vector<float> dyf(n, g), br(n);
        std::vector<exact> be(n);
        for (std::size_t i = 0; i < n; ++i) be[i] = exact{de[i].v * g, de[i].dir * sgn(g)};
        xact::backward(f, xf, dyf, br);
        xact::backward(f, x, dy, got);
        count_misrounded<H>(x, got, br, be, label + " backward dy=" + std::to_string(g));
        if constexpr (!std::is_same<std::remove_cv_t<decltype(ref.from_output)>, std::nullptr_t>::value) {
            std::vector<exact> ye(n);
            for (std::size_t i = 0; i < n; ++i) {
                if (std::isfinite(xf[i]) && xf[i] != 0) {
                    exact d = ref.from_output(static_cast<long double>(xf[i]));
                    ye[i] = exact{d.v * g, d.dir * sgn(g)};
                }
            }
            xact::backward_from_output(f, xf, dyf, br);
            xact::backward_from_output(f, x, dy, got);
            count_misrounded<H>(x, got, br, ye, label + " backward_from_output dy=" + std::to_string(g));
        }
    }
}

template <class F, class R>
void check_both(F const& f, R const& ref, std::string const& label)
{
    check_exhaustive<bfloat16>(f, ref, label + " bf16");
    check_exhaustive<float16>(f, ref, label + " f16");
}

// ---------------------------------------------------------------- the references
auto linear_reference(long double slope)
{
    return make_reference([slope](long double x) { return exact{x > 0 ? x : slope * x}; },
                          [slope](long double x) { return exact{x > 0 ? 1.0L : slope}; },
                          [slope](long double y) { return exact{y > 0 ? 1.0L : slope}; });
}

/// scale (x for x > 0, else alpha (e^x - 1)): elu (scale 1) and selu.
auto exponential_unit_reference(long double scale, long double alpha)
{
    const long double sa = scale * alpha;  // exact: two floats
    return make_reference(
        [scale, sa](long double x) {
            if (x > 0) return exact{scale * x};
            if (std::fabs(x) < tiny) return exact{sa * x + sa * x * x / 2, sgn(sa)};  // sa x exact
            return exact{sa * std::expm1(x)};
        },
        [scale, sa](long double x) {
            if (x > 0) return exact{scale};
            if (std::fabs(x) < tiny) return exact{sa + sa * x, sgn(sa * x)};
            return exact{sa * std::exp(x)};
        },
        [scale, sa](long double y) { return y > 0 ? exact{scale} : exact{y + sa, std::fabs(y) > huge ? sgn(sa) : 0}; });
}

auto sigmoid_reference()
{
    return make_reference(
        [](long double x) { return std::fabs(x) < tiny ? exact{0.5L + x / 4, sgn(x)} : exact{sigmoid_l(x)}; },
        [](long double x) { return std::fabs(x) < tiny ? exact{0.25L, -1} : exact{sigmoid_d(x)}; },
        [](long double y) {
            if (std::fabs(y) < tiny) return exact{y, -1};
            if (std::fabs(y) > huge) return exact{y - y * y, sgn(y)};  // y^2 exact, y below long double's resolution
            return exact{y * (1 - y)};
        });
}

auto tanh_reference()
{
    return make_reference(
        [](long double x) { return std::fabs(x) < tiny ? exact{x, -sgn(x)} : exact{std::tanh(x)}; },
        [](long double x) {
            if (std::fabs(x) < tiny) return exact{1.0L, -1};
            const long double c = std::cosh(x);
            return exact{1 / (c * c)};
        },
        [](long double y) {
            if (std::fabs(y) < tiny) return exact{1.0L, -1};
            return exact{1 - y * y, std::fabs(y) > huge ? 1 : 0};
        });
}

auto swish_reference(long double beta)
{
    return make_reference(
        [beta](long double x) {
            if (std::fabs(x) < tiny) return exact{x / 2, sgn(beta)};
            return exact{x * sigmoid_l(beta * x)};
        },
        [beta](long double x) {
            if (std::fabs(x) < tiny) return exact{0.5L, sgn(beta * x)};
            const long double z = beta * x;
            return exact{sigmoid_l(z) + z * sigmoid_d(z)};
        });
}

auto gelu_reference()
{
    return make_reference(
        [](long double x) {
            if (std::fabs(x) < tiny) return exact{x / 2, 1};
            return exact{x * std::erfc(-x * inv_sqrt2) / 2};
        },
        [](long double x) {
            if (std::fabs(x) < tiny) return exact{0.5L, sgn(x)};
            return exact{std::erfc(-x * inv_sqrt2) / 2 + x * inv_sqrt_2pi * std::exp(-x * x / 2)};
        });
}

auto gelu_tanh_reference()
{
    return make_reference(
        [](long double x) {
            if (std::fabs(x) < tiny) return exact{x / 2, 1};
            long double p, m;
            one_pm_tanh(gelu_tanh_u(x), p, m);
            return exact{x * p / 2};
        },
        [](long double x) {
            if (std::fabs(x) < tiny) return exact{0.5L, sgn(x)};
            long double p, m;
            one_pm_tanh(gelu_tanh_u(x), p, m);
            const long double du = sqrt_2_over_pi * (1 + 3 * 0.044715L * x * x);
            return exact{p / 2 + x * p * m * du / 2};
        });
}

}  // namespace

// ---------------------------------------------------------------- the types
TEST_CASE("half: bfloat16 and float16 round trip every pattern", "[half]")
{
    for (std::uint32_t b = 0; b < 65536; ++b) {
        const auto u = static_cast<std::uint16_t>(b);
        const bfloat16 h = bfloat16::from_bits(u);
        const float16 g = float16::from_bits(u);
        if (is_nan_bits<bfloat16>(u)) {
            CHECK(std::isnan(static_cast<float>(h)));
            CHECK((bfloat16(static_cast<float>(h)).bits() | 0x0040u) == (u | 0x0040u));
        } else {
            const float f = static_cast<float>(h);
            std::uint32_t fb;
            std::memcpy(&fb, &f, 4);
            REQUIRE(fb == std::uint32_t(u) << 16);
            REQUIRE(bfloat16(f).bits() == u);
        }
        if (is_nan_bits<float16>(u)) {
            CHECK(std::isnan(static_cast<float>(g)));
            CHECK((float16(static_cast<float>(g)).bits() | 0x0200u) == (u | 0x0200u));
        } else {
            const float f = static_cast<float>(g);
            // the exact value: sign, exponent and fraction read off the bits
            const int e = (u >> 10) & 0x1f, m = u & 0x3ff;
            const double want = (u & 0x8000u ? -1.0 : 1.0) *
                                (e == 0x1f ? INFINITY : e == 0 ? std::ldexp(double(m), -24) : std::ldexp(double(1024 + m), e - 25));
            REQUIRE(double(f) == want);
            REQUIRE(std::signbit(f) == ((u & 0x8000u) != 0));
            REQUIRE(float16(f).bits() == u);
        }
    }
}

TEST_CASE("half: round to nearest even, NaN, overflow and subnormals", "[half]")
{
    // bfloat16: 1 + 2^-8 is the midpoint of 1 and 1 + 2^-7: to even (1); 1 + 3 2^-8 to 1 + 2^-6
    CHECK(bfloat16(1.0f + 0x1p-8f).bits() == 0x3f80u);
    CHECK(bfloat16(1.0f + 3 * 0x1p-8f).bits() == 0x3f82u);
    CHECK(bfloat16(std::nextafter(1.0f + 0x1p-8f, 2.0f)).bits() == 0x3f81u);
    CHECK(bfloat16(-(1.0f + 0x1p-8f)).bits() == 0xbf80u);
    CHECK(bfloat16(FLT_MAX).bits() == 0x7f80u);  // beyond the largest bfloat16 + half an ULP
    CHECK(bfloat16(INFINITY).bits() == 0x7f80u);
    CHECK(bfloat16(-0.0f).bits() == 0x8000u);
    CHECK(bfloat16(0x1p-133f).bits() == 0x0001u);  // the smallest bfloat16 subnormal kept
    CHECK(bfloat16(0x1p-134f).bits() == 0x0000u);  // half of it: to even 0
    CHECK(bfloat16(0x1.8p-134f).bits() == 0x0001u);
    CHECK(bfloat16(0x1.8p-133f).bits() == 0x0002u);  // 1.5 subnormal steps: to even 2
    const float snan = std::numeric_limits<float>::signaling_NaN();
    CHECK(std::isnan(static_cast<float>(bfloat16(snan))));
    CHECK((bfloat16(snan).bits() & 0x0040u) != 0);  // quiet
    CHECK(std::isnan(static_cast<float>(bfloat16(-NAN))));
    CHECK(bfloat16(-NAN).bits() >> 15 == 1u);
    // float16
    CHECK(float16(1.0f + 0x1p-11f).bits() == 0x3c00u);
    CHECK(float16(1.0f + 3 * 0x1p-11f).bits() == 0x3c02u);
    CHECK(float16(65504.0f).bits() == 0x7bffu);
    CHECK(float16(std::nextafter(65520.0f, 0.0f)).bits() == 0x7bffu);
    CHECK(float16(65520.0f).bits() == 0x7c00u);  // the midpoint to 2^16: to even, inf
    CHECK(float16(-1e6f).bits() == 0xfc00u);
    CHECK(float16(FLT_MAX).bits() == 0x7c00u);
    CHECK(float16(0x1p-24f).bits() == 0x0001u);
    CHECK(float16(0x1p-25f).bits() == 0x0000u);
    CHECK(float16(std::nextafter(0x1p-25f, 1.0f)).bits() == 0x0001u);
    CHECK(float16(-0x1.8p-24f).bits() == 0x8002u);
    CHECK(float16(0x1p-14f).bits() == 0x0400u);
    CHECK(float16(0x1.ff8p-15f).bits() == 0x03ffu);  // the largest subnormal
    CHECK(float16(0x1.ffcp-15f).bits() == 0x0400u);  // and half a step more: to even 2^-14
    CHECK(float16(1e-30f).bits() == 0x0000u);
    CHECK(float16(0x1p-140f).bits() == 0x0000u);  // a float subnormal
    CHECK((float16(snan).bits() & 0x7e00u) == 0x7e00u);
    CHECK(static_cast<float>(float16::from_bits(0x0001u)) == 0x1p-24f);
    CHECK(static_cast<float>(bfloat16::from_bits(0x0001u)) == 0x1p-133f);
    // every float16 midpoint and its neighbours, against a double reference
    for (std::uint32_t b = 0; b < 0x7c00u; ++b) {
        const double lo = double(static_cast<float>(float16::from_bits(static_cast<std::uint16_t>(b))));
        const double hi = b + 1 == 0x7c00u ? 65536.0 : double(static_cast<float>(float16::from_bits(static_cast<std::uint16_t>(b + 1))));
        const float mid = static_cast<float>((lo + hi) / 2);  // exact: 12 bits
        const std::uint16_t even = (b & 1u) ? static_cast<std::uint16_t>(b + 1) : static_cast<std::uint16_t>(b);
        REQUIRE(float16(mid).bits() == even);
        REQUIRE(float16(std::nextafter(mid, 0.0f)).bits() == b);
        REQUIRE(float16(std::nextafter(mid, INFINITY)).bits() == b + 1);
    }
}

// ---------------------------------------------------------------- every input of every function
TEST_CASE("half: identity, step, relu, leaky_relu, prelu on every input", "[half][half_exhaustive]")
{
    check_both(xact::identity<float>{}, linear_reference(1), "identity");
    check_both(xact::relu<float>{}, linear_reference(0), "relu");
    check_both(xact::leaky_relu<float>{}, linear_reference(static_cast<long double>(0.01f)), "leaky_relu");
    check_both(xact::leaky_relu<float>{0.2f}, linear_reference(static_cast<long double>(0.2f)), "leaky_relu(0.2)");
    check_both(xact::prelu<float>{}, linear_reference(0.25L), "prelu");
    check_both(xact::prelu<float>{-1.3f}, linear_reference(static_cast<long double>(-1.3f)), "prelu(-1.3)");
    auto step_ref = make_reference([](long double x) { return exact{x > 0 ? 1.0L : 0.0L}; },
                                   [](long double) { return exact{0.0L}; }, [](long double) { return exact{0.0L}; });
    check_both(xact::step<float>{}, step_ref, "step");
}

TEST_CASE("half: sigmoid and tanh on every input", "[half][half_exhaustive]")
{
    check_both(xact::sigmoid<float>{}, sigmoid_reference(), "sigmoid");
    check_both(xact::tanh<float>{}, tanh_reference(), "tanh");
}

TEST_CASE("half: elu and selu on every input", "[half][half_exhaustive]")
{
    check_both(xact::elu<float>{}, exponential_unit_reference(1, 1), "elu");
    check_both(xact::elu<float>{0.5f}, exponential_unit_reference(1, 0.5L), "elu(0.5)");
    check_both(xact::elu<float>{2.5f}, exponential_unit_reference(1, 2.5L), "elu(2.5)");
    const xact::selu<float> s{};
    check_both(s, exponential_unit_reference(s.lambda, s.alpha), "selu");
    check_both(xact::selu<float>{1.5f, 2.0f}, exponential_unit_reference(1.5L, 2.0L), "selu(1.5, 2)");
}

TEST_CASE("half: swish on every input", "[half][half_exhaustive]")
{
    check_both(xact::swish<float>{}, swish_reference(1), "swish");
    check_both(xact::swish<float>{1.5f}, swish_reference(1.5L), "swish(1.5)");
    check_both(xact::swish<float>{-0.75f}, swish_reference(-0.75L), "swish(-0.75)");
}

TEST_CASE("half: gelu and gelu_tanh on every input", "[half][half_exhaustive]")
{
    check_both(xact::gelu<float>{}, gelu_reference(), "gelu");
    check_both(xact::gelu_tanh<float>{}, gelu_tanh_reference(), "gelu_tanh");
}
