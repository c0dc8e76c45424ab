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
#include <optional>
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
                             std::vector<exact> const& ref, std::string const& what, bool within_one_step = false)
{
    std::size_t bad = 0, off_by_more = 0;
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
            // the neighbour of the correctly rounded value: the same sign, one step of the format away
            const unsigned g = got[i].bits(), w = want.bits();
            const bool neighbour = (g & 0x8000u) == (w & 0x8000u) && ((g & 0x7fffu) + 1 == (w & 0x7fffu) ||
                                                                     (w & 0x7fffu) + 1 == (g & 0x7fffu));
            off_by_more += !neighbour;
        }
    }
    INFO(what << ": " << bad << " misrounded, " << off_by_more << " more than one step off" << first.str());
    if (within_one_step) {
        // the gated units' contract over 16-bit arrays: within one unit of the format
        CHECK(off_by_more == 0);
        if (bad != 0) WARN(what << ": " << bad << " of " << x.size() << " not correctly rounded (within one step)");
    } else {
        CHECK(bad == 0);
    }
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

// 3 makes hardswish's dy (2x + 3) / 6 = (2x + 3) / 2 an exact 16-bit midpoint for many x
const float dy_values[] = {-1.25f, 0.3f, 7.0f, 3.0f};

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


/// x relu6(x + 3) / 6 and its derivative, 0 at -3 and 1 at 3 (the header's kinks).
auto hardswish_reference()
{
    return make_reference(
        [](long double x) {
            if (x <= -3) return exact{0.0L};
            if (x >= 3) return exact{x};
            if (std::fabs(x) < tiny) return exact{x / 2, 1};  // + x^2 / 6
            return exact{x * (x + 3) / 6};                      // x + 3 and the product exact
        },
        [](long double x) {
            if (x <= -3) return exact{0.0L};
            if (x >= 3) return exact{1.0L};
            if (std::fabs(x) < tiny) return exact{0.5L, sgn(x)};
            return exact{(2 * x + 3) / 6};
        });
}

auto hardsigmoid_reference()
{
    const auto inside = [](long double x) { return x > -3 && x < 3; };
    return make_reference(
        [](long double x) {
            if (x <= -3) return exact{0.0L};
            if (x >= 3) return exact{1.0L};
            if (std::fabs(x) < tiny) return exact{0.5L, sgn(x)};
            return exact{(x + 3) / 6};
        },
        [inside](long double x) { return exact{inside(x) ? 1.0L / 6 : 0.0L}; },
        [](long double y) { return exact{y > 0 && y < 1 ? 1.0L / 6 : 0.0L}; });
}

/// clamp(x, lo, hi): hardtanh and relu6 (0 at both kinks).
auto clamp_reference(long double lo, long double hi)
{
    const auto slope = [lo, hi](long double x) { return exact{x > lo && x < hi ? 1.0L : 0.0L}; };
    return make_reference([lo, hi](long double x) { return exact{x < lo ? lo : x > hi ? hi : x}; }, slope, slope);
}

/// Hard (soft = false) or soft thresholding at lambda.
auto shrink_reference(long double lambda, bool soft)
{
    return make_reference(
        [lambda, soft](long double x) {
            if (std::fabs(x) <= lambda) return exact{0.0L};
            return exact{!soft ? x : x > 0 ? x - lambda : x + lambda};
        },
        [lambda](long double x) { return exact{std::fabs(x) > lambda ? 1.0L : 0.0L}; },
        [lambda, soft](long double y) { return exact{std::fabs(y) > (soft ? 0 : lambda) ? 1.0L : 0.0L}; });
}

/// x tanh(log(1 + e^x)), with e = e^-|x| so that nothing overflows.
auto mish_reference()
{
    return make_reference(
        [](long double x) {
            const long double e = std::exp(-std::fabs(x));
            if (x >= 0) return exact{x * (1 + 2 * e) / (1 + 2 * e + 2 * e * e)};
            return exact{x * e * (e + 2) / (e * (e + 2) + 2)};
        },
        [](long double x) {
            const long double e = std::exp(-std::fabs(x));
            if (x >= 0) {
                const long double p = 1 + 2 * e + 2 * e * e;
                return exact{((1 + 2 * e) * p + 4 * x * e * e * (1 + e)) / (p * p)};
            }
            const long double d = e * (e + 2) + 2;
            return exact{e * ((e + 2) * d + 4 * x * (1 + e)) / (d * d)};
        });
}

/// log(1 + e^(beta x)) / beta, f' = s(beta x), f'(y) = 1 - e^(-beta y).
auto softplus_reference(long double beta)
{
    return make_reference(
        [beta](long double x) {
            const long double z = beta * x;
            return exact{std::fmax(x, 0.0L) + std::log1p(std::exp(-std::fabs(z))) / beta};
        },
        [beta](long double x) {
            if (std::fabs(x) < tiny) return exact{0.5L, sgn(beta * x)};
            return exact{sigmoid_l(beta * x)};
        },
        [beta](long double y) {
            if (std::fabs(y) < tiny) return exact{beta * y, -1};  // - (beta y)^2 / 2
            return exact{-std::expm1(-beta * y)};
        });
}

/// log s(x), f' = s(-x), f'(y) = 1 - e^y.
auto logsigmoid_reference()
{
    return make_reference(
        [](long double x) { return exact{std::fmin(x, 0.0L) - std::log1p(std::exp(-std::fabs(x)))}; },
        [](long double x) {
            if (std::fabs(x) < tiny) return exact{0.5L, -sgn(x)};
            return exact{sigmoid_l(-x)};
        },
        [](long double y) {
            if (std::fabs(y) < tiny) return exact{-y, -1};  // - y^2 / 2
            return exact{-std::expm1(y)};
        });
}

/// x / (1 + |x|), f' = 1 / (1 + |x|)^2, f'(y) = (1 - |y|)^2.
auto softsign_reference()
{
    return make_reference(
        [](long double x) {
            if (std::fabs(x) < tiny) return exact{x, -sgn(x)};  // - x |x|
            return exact{x / (1 + std::fabs(x))};
        },
        [](long double x) {
            if (std::fabs(x) < tiny) return exact{1.0L, -1};
            if (std::fabs(x) > 0x1p32L) {
                // 1 + |x| rounds in long double: u^2 (1 - 2u + 3u^2) with u = 1 / |x|, below u^2
                const long double u = 1 / std::fabs(x);
                return exact{u * u * (1 - 2 * u + 3 * u * u), -1};
            }
            const long double s = 1 / (1 + std::fabs(x));
            return exact{s * s};
        },
        [](long double y) {
            if (std::fabs(y) < tiny) return exact{1.0L, -1};
            const long double s = 1 - std::fabs(y);
            return exact{s * s};
        });
}

/// x - tanh x (its Taylor series near 0, where the difference cancels), f' = tanh^2 x.
auto tanhshrink_reference()
{
    return make_reference(
        [](long double x) {
            if (std::fabs(x) < 0x1p-8L) {
                const long double y = x * x;
                return exact{x * y * (1.0L / 3 + y * (-2.0L / 15 + y * (17.0L / 315 - y * 62.0L / 2835)))};
            }
            return exact{x - std::tanh(x)};
        },
        [](long double x) {
            // below 2^-20, x^2 (exact, 22 bits) lies 2^-39 above tanh^2 x, too close for another
            // 22-bit value between them: x^2 rounded, down where it is a midpoint
            if (std::fabs(x) < 0x1p-20L) return exact{x * x, -1};
            const long double t = std::tanh(x);
            return exact{t * t};
        });
}

/// alpha (e^(x / alpha) - 1) for x <= 0, else x; f'(y) = (y + alpha) / alpha for y <= 0.
auto celu_reference(long double alpha)
{
    return make_reference(
        [alpha](long double x) {
            if (x > 0) return exact{x};
            if (std::fabs(x) < tiny) return exact{x, 1};  // + x^2 / (2 alpha)
            return exact{alpha * std::expm1(x / alpha)};
        },
        [alpha](long double x) {
            if (x > 0) return exact{1.0L};
            if (std::fabs(x) < tiny) return exact{1.0L, -1};
            return exact{std::exp(x / alpha)};
        },
        [alpha](long double y) {
            if (y > 0) return exact{1.0L};
            // y / alpha + 1; past 2^60 the 1 is below long double's resolution: its sign
            if (std::fabs(y / alpha) > 0x1p60L) return exact{y / alpha, 1};
            return exact{y / alpha + 1};
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

TEST_CASE("half: hardswish, hardsigmoid, hardtanh, relu6 on every input", "[half][half_exhaustive]")
{
    check_both(xact::hardswish<float>{}, hardswish_reference(), "hardswish");
    check_both(xact::hardsigmoid<float>{}, hardsigmoid_reference(), "hardsigmoid");
    check_both(xact::hardtanh<float>{}, clamp_reference(-1, 1), "hardtanh");
    check_both(xact::hardtanh<float>{-2.5f, 0.75f}, clamp_reference(-2.5L, 0.75L), "hardtanh(-2.5, 0.75)");
    check_both(xact::relu6<float>{}, clamp_reference(0, 6), "relu6");
}

TEST_CASE("half: hardshrink and softshrink on every input", "[half][half_exhaustive]")
{
    check_both(xact::hardshrink<float>{}, shrink_reference(0.5L, false), "hardshrink");
    check_both(xact::hardshrink<float>{1.7f}, shrink_reference(static_cast<long double>(1.7f), false),
               "hardshrink(1.7)");
    check_both(xact::softshrink<float>{}, shrink_reference(0.5L, true), "softshrink");
    check_both(xact::softshrink<float>{0.3f}, shrink_reference(static_cast<long double>(0.3f), true),
               "softshrink(0.3)");
}

TEST_CASE("half: mish, tanhshrink, softsign and quick_gelu on every input", "[half][half_exhaustive]")
{
    check_both(xact::mish<float>{}, mish_reference(), "mish");
    check_both(xact::tanhshrink<float>{}, tanhshrink_reference(), "tanhshrink");
    check_both(xact::softsign<float>{}, softsign_reference(), "softsign");
    check_both(xact::quick_gelu<float>{},
               swish_reference(static_cast<long double>(xact::quick_gelu<float>::coefficient)), "quick_gelu");
}

TEST_CASE("half: softplus, logsigmoid and celu on every input", "[half][half_exhaustive]")
{
    check_both(xact::softplus<float>{}, softplus_reference(1), "softplus");
    check_both(xact::softplus<float>{1.5f}, softplus_reference(1.5L), "softplus(1.5)");
    check_both(xact::logsigmoid<float>{}, logsigmoid_reference(), "logsigmoid");
    check_both(xact::celu<float>{}, celu_reference(1), "celu");
    check_both(xact::celu<float>{0.3f}, celu_reference(static_cast<long double>(0.3f)), "celu(0.3)");
}

// ---------------------------------------------------------------- the kernels' other contracts
namespace {

/// Patterns around the interesting places: near 16-bit midpoints of gelu's results, subnormals, NaN.
template <class H>
std::vector<H> mixed_patterns(std::size_t n)
{
    std::vector<H> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = H::from_bits(static_cast<std::uint16_t>(i * 40503u + 7u));
    return v;
}

template <class H>
void check_tails_and_aliasing()
{
    const xact::gelu<float> f{};
    const std::vector<H> all = all_patterns<H>();
    std::vector<H> y_all(all.size()), d_all(all.size()), b_all(all.size());
    const std::vector<H> g_all(all.size(), H(-1.25f));
    xact::forward(f, all, y_all);
    xact::derivative(f, all, d_all);
    xact::backward(f, all, g_all, b_all);
    const std::vector<H> src = mixed_patterns<H>(1200);
    std::vector<H> buf(1200 + 8), out(1200 + 8), dy(1200 + 8, H(-1.25f));
    std::size_t bad = 0;
    for (std::size_t off = 0; off < 4; ++off) {
        for (std::size_t n : {0u, 1u, 2u, 7u, 8u, 15u, 16u, 17u, 31u, 33u, 63u, 64u, 65u, 100u, 511u, 512u, 513u, 1025u, 1200u}) {
            if (off + n > buf.size()) continue;
            std::copy(src.begin(), src.begin() + std::ptrdiff_t(n), buf.begin() + std::ptrdiff_t(off));
            const H sentinel = H::from_bits(0x1234);
            std::fill(out.begin(), out.end(), sentinel);
            xact::forward(f, buf.data() + off, out.data() + off, n);
            for (std::size_t i = 0; i < out.size(); ++i) {
                const bool inside = i >= off && i < off + n;
                const std::uint16_t want = inside ? y_all[src[i - off].bits()].bits() : sentinel.bits();
                const bool wrong = is_nan_bits<H>(want) ? !is_nan_bits<H>(out[i].bits()) : out[i].bits() != want;
                if (wrong && bad < 3)
                    WARN("tail mismatch: forward off " << off << " n " << n << " at " << i << " got " << out[i].bits()
                                                       << " want " << want);
                bad += wrong;
            }
            // in place: y = x, d = x, dx = x and dx = dy
            std::vector<H> a(buf), b(buf), c(buf), e(dy);
            xact::forward(f, a.data() + off, a.data() + off, n);
            xact::derivative(f, b.data() + off, b.data() + off, n);
            xact::backward(f, c.data() + off, dy.data() + off, c.data() + off, n);
            xact::backward(f, buf.data() + off, e.data() + off, e.data() + off, n);
            for (std::size_t i = 0; i < n; ++i) {
                const std::uint16_t p = src[i].bits();
                // NaN results: NaN is the contract, not a payload
                auto differ = [](H u, H v) {
                    return is_nan_bits<H>(v.bits()) ? !is_nan_bits<H>(u.bits()) : u.bits() != v.bits();
                };
                const bool wrong[4] = {differ(a[off + i], y_all[p]), differ(b[off + i], d_all[p]),
                                       differ(c[off + i], b_all[p]), differ(e[off + i], b_all[p])};
                for (int w = 0; w < 4; ++w) {
                    if (wrong[w] && bad < 3)
                        WARN("tail mismatch: check " << w << " off " << off << " n " << n << " i " << i << " x "
                                                     << static_cast<float>(src[i]));
                    bad += wrong[w];
                }
            }
        }
    }
    CHECK(bad == 0);
}

}  // namespace

TEST_CASE("half: every tail length, misaligned starts and in place", "[half]")
{
    check_tails_and_aliasing<bfloat16>();
    check_tails_and_aliasing<float16>();
}

TEST_CASE("half: size mismatch throws naming both sizes and writes nothing", "[half]")
{
    std::vector<bfloat16> x(3, bfloat16(1.0f)), y(4, bfloat16(5.0f)), dy(3, bfloat16(1.0f));
    const std::string m = xact_test::invalid_argument_message([&] { xact::forward(xact::relu<float>{}, x, y); });
    CHECK(m.find('3') != std::string::npos);
    CHECK(m.find('4') != std::string::npos);
    CHECK(xact_test::invalid_argument_message([&] { xact::backward(xact::relu<float>{}, x, dy, y); }) != "");
    CHECK(xact_test::invalid_argument_message([&] { xact::derivative(xact::relu<float>{}, x, y); }) != "");
    CHECK(xact_test::invalid_argument_message(
              [&] { xact::backward_from_output(xact::relu<float>{}, x, dy, y); }) != "");
    std::vector<float16> h(2);
    CHECK(xact_test::invalid_argument_message([&] { xact::slope_gradient(xact::prelu<float>{}, h, std::vector<float16>(5)); })
              .find('5') != std::string::npos);
    for (const bfloat16& v : y) CHECK(v.bits() == bfloat16(5.0f).bits());
}

TEST_CASE("half: NaN, infinities, signed zeros and subnormal results", "[half]")
{
    const std::vector<bfloat16> x = {bfloat16(NAN), bfloat16(-INFINITY), bfloat16(INFINITY), bfloat16(-0.0f),
                                     bfloat16(-89.0f), bfloat16(0.0f)};
    std::vector<bfloat16> y(x.size());
    xact::forward(xact::sigmoid<float>{}, x, y);
    CHECK(std::isnan(static_cast<float>(y[0])));
    CHECK(static_cast<float>(y[1]) == 0.0f);
    CHECK(static_cast<float>(y[2]) == 1.0f);
    CHECK(static_cast<float>(y[3]) == 0.5f);
    // sigmoid(-89) = 2.2e-39: a bfloat16 subnormal, kept
    CHECK(y[4].bits() == bfloat16(static_cast<float>(1 / (1 + std::exp(89.0L)))).bits());
    CHECK(y[4].bits() != 0);
    xact::forward(xact::tanh<float>{}, x, y);
    CHECK(std::isnan(static_cast<float>(y[0])));
    CHECK(y[3].bits() == 0x8000u);  // tanh(-0) = -0
    CHECK(y[5].bits() == 0x0000u);
    std::vector<float16> h = {float16(NAN), float16(-INFINITY), float16(70000.0f)}, hy(3);
    xact::derivative(xact::gelu<float>{}, h, hy);
    CHECK(std::isnan(static_cast<float>(hy[0])));
    CHECK(static_cast<float>(hy[1]) == 0.0f);
    CHECK(static_cast<float>(hy[2]) == 1.0f);
}

#if defined(__SSE2__)
TEST_CASE("half: results do not depend on FTZ and DAZ", "[half]")
{
    const std::vector<bfloat16> x = all_patterns<bfloat16>();
    const std::vector<float16> h = all_patterns<float16>();
    std::vector<bfloat16> y0(x.size()), y1(x.size());
    std::vector<float16> g0(h.size()), g1(h.size());
    xact::forward(xact::sigmoid<float>{}, x, y0);
    xact::derivative(xact::elu<float>{}, h, g0);
    const unsigned saved = _mm_getcsr();
    _mm_setcsr(saved | 0x8040u);  // FTZ and DAZ
    xact::forward(xact::sigmoid<float>{}, x, y1);
    xact::derivative(xact::elu<float>{}, h, g1);
    const unsigned after = _mm_getcsr();
    _mm_setcsr(saved);
    CHECK((after & 0x8040u) == 0x8040u);  // the caller's mode is restored
    std::size_t diff = 0;
    for (std::size_t i = 0; i < x.size(); ++i) diff += (y0[i].bits() != y1[i].bits()) + (g0[i].bits() != g1[i].bits());
    CHECK(diff == 0);
}
#endif

TEST_CASE("half: slope_gradient sums in float", "[half]")
{
    const std::vector<bfloat16> x = mixed_patterns<bfloat16>(5000);
    std::vector<bfloat16> dy(x.size());
    long double exact_sum = 0, magnitude = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        dy[i] = bfloat16(std::sin(float(i)));
        const long double xv = static_cast<float>(x[i]), g = static_cast<float>(dy[i]);
        if (std::isfinite(static_cast<double>(xv)) && std::fabs(xv) < 1e30L && xv <= 0) {
            exact_sum += g * xv;
            magnitude += std::fabs(g * xv);
        }
    }
    // only finite, moderate inputs: the others are replaced by 0
    std::vector<bfloat16> xs(x);
    for (auto& v : xs) {
        const float f = static_cast<float>(v);
        if (!std::isfinite(f) || std::fabs(f) >= 1e30f) v = bfloat16(0.0f);
    }
    const float got = xact::slope_gradient(xact::prelu<float>{}, xs, dy);
    static_assert(std::is_same<decltype(xact::slope_gradient(xact::prelu<float>{}, xs, dy)), float>::value,
                  "16-bit slope gradients are float");
    CHECK(std::fabs(static_cast<long double>(got) - exact_sum) <= magnitude * 1e-6L);
}

#if defined(XACT_TEST_RUNTIME)
#include <xact/runtime.hpp>

TEST_CASE("half: xact::runtime kernels over bfloat16 and float16", "[half][runtime]")
{
    const std::vector<bfloat16> x = all_patterns<bfloat16>();
    const std::vector<float16> h = all_patterns<float16>();
    std::vector<bfloat16> a(x.size()), b(x.size()), g(x.size(), bfloat16(0.75f));
    std::vector<float16> c(h.size()), d(h.size()), gh(h.size(), float16(0.75f));
    for (const char* name : {"gelu", "elu", "leaky_relu", "silu"}) {
        // gelu takes no parameter; the others take 0.5
        const xact::runtime::kernel* plain = xact::runtime::find(name);
        REQUIRE(plain != nullptr);
        const std::optional<xact::runtime::kernel> k =
            std::string(name) == "gelu" ? std::optional<xact::runtime::kernel>(*plain) : xact::runtime::find(name, 0.5);
        REQUIRE(k);
        k->forward(x.data(), a.data(), x.size());
        k->forward(h.data(), c.data(), h.size());
        std::size_t diff = 0;
        auto compare = [&](auto header) {
            xact::forward(header, x, b);
            xact::forward(header, h, d);
            for (std::size_t i = 0; i < x.size(); ++i)
                diff += (a[i].bits() != b[i].bits()) + (c[i].bits() != d[i].bits());
            k->backward(x.data(), g.data(), a.data(), x.size());
            k->backward(h.data(), gh.data(), c.data(), h.size());
            xact::backward(header, x, g, b);
            xact::backward(header, h, gh, d);
            for (std::size_t i = 0; i < x.size(); ++i)
                diff += (a[i].bits() != b[i].bits()) + (c[i].bits() != d[i].bits());
            k->derivative(x.data(), a.data(), x.size());
            xact::derivative(header, x, b);
            for (std::size_t i = 0; i < x.size(); ++i) diff += a[i].bits() != b[i].bits();
        };
        const std::string n = name;
        if (n == "gelu") compare(xact::gelu<float>{});
        else if (n == "elu") compare(xact::elu<float>{0.5f});
        else if (n == "leaky_relu") compare(xact::leaky_relu<float>{0.5f});
        else compare(xact::swish<float>{0.5f});
        INFO(name);
        CHECK(diff == 0);
    }
}
#endif

// ---------------------------------------------------------------- gated units over 16-bit arrays
namespace {

template <class H, class F, class R>
void check_gated_exhaustive(F const& f, R const& ref, std::string const& label)
{
    const std::vector<H> a = all_patterns<H>();
    const std::size_t n = a.size();
    std::vector<float> af(n);
    for (std::size_t i = 0; i < n; ++i) af[i] = static_cast<float>(a[i]);
    for (float b0 : {-1.25f, 3.0f}) {
        const H bh(b0), gh(0.3f);
        const float b = static_cast<float>(bh), g = static_cast<float>(gh);
        const std::vector<H> bv(n, bh), gv(n, gh);
        const std::vector<float> bf(n, b), gf(n, g);
        std::vector<H> y(n), da(n), db(n);
        std::vector<float> yf(n), daf(n), dbf(n);
        xact::gated_forward(f, a, bv, y);
        xact::gated_backward(f, a, bv, gv, da, db);
        xact::gated_forward(f, af, bf, yf);
        xact::gated_backward(f, af, bf, gf, daf, dbf);
        std::vector<exact> ye(n), dae(n), dbe(n);
        for (std::size_t i = 0; i < n; ++i) {
            if (!std::isfinite(af[i]) || af[i] == 0) continue;
            const exact e = ref.forward(af[i]), d = ref.derivative(af[i]);
            ye[i] = exact{e.v * b, e.dir * sgn(b)};
            dae[i] = exact{d.v * b * g, d.dir * sgn(b) * sgn(g)};
            dbe[i] = exact{e.v * g, e.dir * sgn(g)};
        }
        const std::string l = label + " b=" + std::to_string(b);
        count_misrounded<H>(a, y, yf, ye, l + " gated_forward", true);
        count_misrounded<H>(a, da, daf, dae, l + " gated_backward da", true);
        count_misrounded<H>(a, db, dbf, dbe, l + " gated_backward db", true);
    }
}

}  // namespace

TEST_CASE("half: gated units on every input", "[half][half_exhaustive]")
{
    check_gated_exhaustive<bfloat16>(xact::silu<float>{}, swish_reference(1), "swiglu bf16");
    check_gated_exhaustive<float16>(xact::silu<float>{}, swish_reference(1), "swiglu f16");
    check_gated_exhaustive<bfloat16>(xact::gelu<float>{}, gelu_reference(), "geglu bf16");
    check_gated_exhaustive<float16>(xact::gelu<float>{}, gelu_reference(), "geglu f16");
    // the rows form and aliasing: dx may be x
    std::vector<bfloat16> x = mixed_patterns<bfloat16>(2 * 3 * 70), y(3 * 70), dy(3 * 70, bfloat16(0.5f));
    std::vector<bfloat16> ya(3 * 70), dx(x.size());
    for (auto& v : x)
        if (std::isnan(static_cast<float>(v))) v = bfloat16(1.0f);
    xact::gated_forward(xact::gelu<float>{}, x, y, 70);
    std::size_t bad = 0;
    for (std::size_t r = 0; r < 3; ++r) {
        std::vector<bfloat16> a(x.begin() + std::ptrdiff_t(r * 140), x.begin() + std::ptrdiff_t(r * 140 + 70));
        std::vector<bfloat16> b(x.begin() + std::ptrdiff_t(r * 140 + 70), x.begin() + std::ptrdiff_t(r * 140 + 140));
        std::vector<bfloat16> t(70);
        xact::gated_forward(xact::gelu<float>{}, a, b, t);
        for (std::size_t j = 0; j < 70; ++j) bad += t[j].bits() != y[r * 70 + j].bits();
    }
    xact::gated_backward(xact::gelu<float>{}, x, dy, dx, 70);
    std::vector<bfloat16> x2(x);
    xact::gated_backward(xact::gelu<float>{}, x2, dy, x2, 70);
    for (std::size_t i = 0; i < x.size(); ++i) bad += dx[i].bits() != x2[i].bits();
    CHECK(bad == 0);
}

TEST_CASE("half: prelu with channels and maxout over 16-bit arrays", "[half]")
{
    // [N = 2][channels = 3][inner = 5]; products formed exactly and rounded once
    const std::vector<float> alpha = {0.1f, -0.3f, 1.7f};
    std::vector<bfloat16> x = mixed_patterns<bfloat16>(30), y(30), dy(30), dx(30);
    std::vector<float16> h = mixed_patterns<float16>(30), hy(30);
    for (std::size_t i = 0; i < 30; ++i) dy[i] = bfloat16(0.5f + float(i) / 7);
    xact::prelu_forward(x, alpha, y, 3, 5);
    xact::prelu_forward(h, alpha, hy, 3, 5);
    std::vector<float> dalpha(3);
    xact::prelu_backward(x, alpha, dy, dx, dalpha, 3, 5);
    double want_da[3] = {0, 0, 0};
    std::size_t bad = 0;
    for (std::size_t i = 0; i < 30; ++i) {
        const std::size_t c = (i / 5) % 3;
        const float v = static_cast<float>(x[i]), g = static_cast<float>(dy[i]), hv = static_cast<float>(h[i]);
        const long double a = alpha[c];
        const bfloat16 want_y = round_exact<bfloat16>(exact{v > 0 ? v : a * v});
        const float16 want_h = round_exact<float16>(exact{hv > 0 ? hv : a * hv});
        const bfloat16 want_dx = round_exact<bfloat16>(exact{v > 0 ? g : a * g});
        if (std::isnan(v)) {
            bad += !std::isnan(static_cast<float>(y[i])) + !std::isnan(static_cast<float>(dx[i]));
        } else {
            bad += (y[i].bits() != want_y.bits()) + (dx[i].bits() != want_dx.bits());
            if (!(v > 0)) want_da[c] += double(g) * double(v);
        }
        if (std::isnan(hv)) bad += !std::isnan(static_cast<float>(hy[i]));
        else bad += hy[i].bits() != want_h.bits();
    }
    CHECK(bad == 0);
    for (std::size_t c = 0; c < 3; ++c)
        if (std::isfinite(want_da[c])) CHECK(double(dalpha[c]) == Approx(want_da[c]).epsilon(1e-6));
    // maxout: exact selection, ties to the first
    const std::vector<bfloat16> pieces = {bfloat16(1.0f), bfloat16(5.0f), bfloat16(-2.0f), bfloat16(-3.0f)};
    std::vector<bfloat16> top(2), back(4, bfloat16(9.0f));
    std::vector<std::size_t> where(2);
    xact::maxout<float>{2}.forward(pieces, top, where);
    CHECK(static_cast<float>(top[0]) == 5.0f);
    CHECK(static_cast<float>(top[1]) == -2.0f);
    CHECK(where == std::vector<std::size_t>{1, 0});
    xact::maxout<float>{2}.backward(where, std::vector<bfloat16>{bfloat16(0.5f), bfloat16(-1.0f)}, back);
    CHECK(static_cast<float>(back[0]) == 0.0f);
    CHECK(static_cast<float>(back[1]) == 0.5f);
    CHECK(static_cast<float>(back[2]) == -1.0f);
    CHECK(static_cast<float>(back[3]) == 0.0f);
}

TEST_CASE("half: softmax and log_softmax over 16-bit rows within 1 ULP", "[half]")
{
    const std::size_t cols = 1000, rows = 3;
    std::vector<bfloat16> x(rows * cols), y(x.size()), dy(x.size());
    std::vector<float16> h(x.size()), hy(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        x[i] = bfloat16(8 * std::sin(0.37f * float(i)));
        h[i] = float16(8 * std::sin(0.37f * float(i)));
        dy[i] = bfloat16(std::cos(0.11f * float(i)));
    }
    auto ulps = [](long double got, long double ref, int mant) {
        const long double a = std::fabs(ref);
        int e = a > 0 ? std::ilogb(a) : -126;
        if (e < (mant == 7 ? -126 : -14)) e = mant == 7 ? -126 : -14;
        return std::fabs(got - ref) / std::ldexp(1.0L, e - mant);
    };
    for (bool log : {false, true}) {
        if (log) {
            xact::log_softmax<float>{}.forward(x, y, cols);
            xact::log_softmax<float>{}.forward(h, hy, cols);
        } else {
            xact::softmax<float>{}.forward(x, y, cols);
            xact::softmax<float>{}.forward(h, hy, cols);
        }
        long double worst = 0, worst_h = 0;
        for (std::size_t r = 0; r < rows; ++r) {
            long double mx = -INFINITY, mh = -INFINITY, s = 0, sh = 0;
            for (std::size_t j = 0; j < cols; ++j) {
                mx = std::max<long double>(mx, static_cast<float>(x[r * cols + j]));
                mh = std::max<long double>(mh, static_cast<float>(h[r * cols + j]));
            }
            for (std::size_t j = 0; j < cols; ++j) {
                s += std::exp(static_cast<float>(x[r * cols + j]) - mx);
                sh += std::exp(static_cast<float>(h[r * cols + j]) - mh);
            }
            for (std::size_t j = 0; j < cols; ++j) {
                const std::size_t i = r * cols + j;
                const long double z = static_cast<float>(x[i]) - mx, zh = static_cast<float>(h[i]) - mh;
                const long double ref = log ? z - std::log(s) : std::exp(z) / s;
                const long double refh = log ? zh - std::log(sh) : std::exp(zh) / sh;
                worst = std::max(worst, ulps(static_cast<float>(y[i]), ref, 7));
                worst_h = std::max(worst_h, ulps(static_cast<float>(hy[i]), refh, 10));
            }
        }
        INFO((log ? "log_softmax" : "softmax") << " bf16 " << double(worst) << " f16 " << double(worst_h));
        CHECK(worst <= 1);
        CHECK(worst_h <= 1);
    }
    // backward: dx = y (dy - <dy, y>) against long double, in place over dy
    xact::softmax<float>{}.forward(x, y, cols);
    std::vector<bfloat16> g(dy);
    xact::softmax<float>{}.backward(y, g, g, cols);
    long double worst = 0;
    for (std::size_t r = 0; r < rows; ++r) {
        long double dot = 0;
        for (std::size_t j = 0; j < cols; ++j)
            dot += static_cast<long double>(static_cast<float>(y[r * cols + j])) * static_cast<float>(dy[r * cols + j]);
        for (std::size_t j = 0; j < cols; ++j) {
            const std::size_t i = r * cols + j;
            const long double yv = static_cast<float>(y[i]), ref = yv * (static_cast<float>(dy[i]) - dot);
            // the subtraction dy - <dy, y> cancels: allowed its absolute float error too
            const long double allowance = std::fabs(yv) * 4 * 0x1p-24L * (std::fabs(dot) + 1);
            const long double err = std::fabs(static_cast<float>(g[i]) - ref);
            if (err > allowance) worst = std::max(worst, ulps(static_cast<float>(g[i]), ref, 7));
        }
    }
    CHECK(worst <= 1);
}
