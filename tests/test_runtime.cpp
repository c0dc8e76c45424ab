// xact::runtime: the compiled kernels of every ISA this machine has against the header-only
// kernels of this build, lookup, parameters and the XACT_ISA parser.
#ifdef XACT_TEST_RUNTIME

#include <xact/runtime.hpp>
#include <xact/xact.hpp>

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "catch.hpp"
#include "elementwise_check.hpp"

namespace {

namespace rt = xact::runtime;

/// The runtime's name for the architecture this file is compiled for ("" if it has none).
const char* build_isa()
{
    using A = xact::detail::default_arch;
#if XACT_X86
    if (std::is_same<A, xsimd::avx512bw>::value) return "avx512";
    if (std::is_same<A, xsimd::fma3<xsimd::avx2>>::value) return "avx2";
    if (std::is_same<A, xsimd::sse2>::value) return "sse2";
    return "";
#elif defined(__aarch64__)
    return std::is_same<A, xsimd::neon64>::value ? "neon" : "";
#else
    return A::name();  // the runtime's one table is of the default architecture
#endif
}

/// The runtime's ISAs on this target, best first: the last runs on every CPU of the target.
std::vector<std::string_view> target_isas()
{
#if XACT_X86
    return {"avx512", "avx2", "sse2"};
#elif defined(__aarch64__)
    return {"neon"};
#else
    return {xact::detail::default_arch::name()};
#endif
}

/// Calls fn with the header-only functor over T registered as `name`, parameter p.
template <class T, class Fn>
bool with_functor(std::string_view name, double p, Fn&& fn)
{
    T t = static_cast<T>(p);
    if (name == "elu") return fn(xact::elu<T>{t});
    if (name == "gelu") return fn(xact::gelu<T>{});
    if (name == "gelu_tanh") return fn(xact::gelu_tanh<T>{});
    if (name == "identity") return fn(xact::identity<T>{});
    if (name == "leaky_relu") return fn(xact::leaky_relu<T>{t});
    if (name == "prelu") return fn(xact::prelu<T>{t});
    if (name == "relu") return fn(xact::relu<T>{});
    if (name == "selu") return fn(xact::selu<T>{});
    if (name == "sigmoid") return fn(xact::sigmoid<T>{});
    if (name == "silu" || name == "swish") return fn(xact::swish<T>{t});
    if (name == "step") return fn(xact::step<T>{});
    if (name == "tanh") return fn(xact::tanh<T>{});
    if (name == "hardshrink") return fn(xact::hardshrink<T>{t});
    if (name == "hardsigmoid") return fn(xact::hardsigmoid<T>{});
    if (name == "hardswish") return fn(xact::hardswish<T>{});
    if (name == "hardtanh") return fn(xact::hardtanh<T>{t});  // max_val kept, as with_param(p)
    if (name == "relu6") return fn(xact::relu6<T>{});
    if (name == "softshrink") return fn(xact::softshrink<T>{t});
    if (name == "softsign") return fn(xact::softsign<T>{});
    if (name == "softplus") return fn(xact::softplus<T>{t});
    if (name == "mish") return fn(xact::mish<T>{});
    if (name == "celu") return fn(xact::celu<T>{t});
    if (name == "logsigmoid") return fn(xact::logsigmoid<T>{});
    if (name == "tanhshrink") return fn(xact::tanhshrink<T>{});
    if (name == "quick_gelu") return fn(xact::quick_gelu<T>{});
    FAIL("no functor for " << name);
    return false;
}

template <class T>
using bits_t = std::conditional_t<sizeof(T) == 4, std::int32_t, std::int64_t>;

/// Distance in representable values (0 between 0 and -0; huge across a sign change).
template <class T>
double ulp_distance(T a, T b)
{
    using U = std::make_unsigned_t<bits_t<T>>;
    auto ordered = [](T v) {
        bits_t<T> i;
        std::memcpy(&i, &v, sizeof v);
        return i < 0 ? std::numeric_limits<bits_t<T>>::min() - i : i;
    };
    bits_t<T> p = ordered(a), q = ordered(b);
    return static_cast<double>(p > q ? U(p) - U(q) : U(q) - U(p));
}

template <class T>
bool same_bits(T a, T b)
{
    return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
}

/// Inputs over the whole range: specials, subnormals, the tails and a dense middle. The count is
/// not a multiple of any batch width, so the padded last batch is covered.
template <class T>
std::vector<T> inputs()
{
    using L = std::numeric_limits<T>;
    std::vector<T> x{T(0), -T(0), L::infinity(), -L::infinity(), L::quiet_NaN(), L::denorm_min(),
                     -L::denorm_min(), L::min(), -L::min(), L::max(), L::lowest(), T(1), T(-1)};
    std::mt19937 gen(42);
    std::uniform_real_distribution<T> mid(T(-12), T(12)), wide(T(-120), T(120));
    std::uniform_real_distribution<double> exponent(-40, 40);
    for (int i = 0; i < 3000; ++i) x.push_back(mid(gen));
    for (int i = 0; i < 1000; ++i) x.push_back(wide(gen));
    for (int i = 0; i < 1000; ++i) {
        T v = static_cast<T>(std::pow(2.0, exponent(gen)));
        x.push_back(i % 2 ? v : -v);
    }
    x.push_back(T(0.5));
    return x;
}

template <class T>
struct compare {
    bool exact;
    double abs_tol;  // absolute allowance, scaled by |dy| for backward; 0 for none

    void operator()(std::string_view what, const std::vector<T>& x, const std::vector<T>& scale,
                    const std::vector<T>& got, const std::vector<T>& want)
    {
        for (std::size_t i = 0; i < x.size(); ++i) {
            bool ok;
            if (exact) {
                ok = same_bits(got[i], want[i]);
            } else {
                double u = (std::isnan(got[i]) && std::isnan(want[i])) ? 0 : ulp_distance(got[i], want[i]);
                double diff = std::fabs(double(got[i]) - double(want[i]));
                ok = u <= 8 || diff <= abs_tol * std::max(1.0, std::fabs(double(scale[i])));
            }
            if (!ok) {
                FAIL_CHECK(what << " at x = " << std::hexfloat << x[i] << ": runtime " << got[i] << ", header-only "
                                << want[i] << std::defaultfloat << " (" << ulp_distance(got[i], want[i]) << " ULP)");
                return;
            }
        }
    }
};

template <class T>
void check_isa(std::string_view isa)
{
    const std::vector<T> x = inputs<T>();
    const std::size_t n = x.size();
    std::vector<T> dy(n);
    std::mt19937 gen(7);
    std::uniform_real_distribution<T> g(T(-2), T(2));
    for (T& v : dy) v = g(gen);
    std::vector<T> got(n), want(n);

    for (std::string_view name : rt::names()) {
        if (rt::find_gated(name)) continue;  // the gated units: their own test
        const rt::kernel* k = rt::find_for_isa(isa, name);
        REQUIRE(k != nullptr);
        CHECK(std::string_view(k->isa()) == isa);
        bool tricky = name == "swish" || name == "silu" || name == "gelu" || name == "gelu_tanh";
        tricky = tricky || name == "mish" || name == "quick_gelu";  // derivatives with an interior root
        double abs_tol = tricky ? std::ldexp(1.0, std::numeric_limits<T>::digits == 24 ? -24 : -52) : 0;
        bool exact = isa == build_isa();
        // the default parameter, and another one for the activations that take one
        std::vector<double> params{k->param()};
        if (k->param_name()) params.push_back(name == "swish" ? 1.7 : 0.3);
        for (double p : params) {
            rt::kernel kp = k->with_param(p);
            INFO(isa << " " << name << " param " << p << (sizeof(T) == 4 ? " float" : " double"));
            with_functor<T>(name, p, [&](auto f) {
                compare<T> fwd{exact, 0}, der{exact, 2 * abs_tol};
                kp.forward(x.data(), got.data(), n);
                xact::forward(f, x.data(), want.data(), n);
                fwd("forward", x, x, got, want);
                kp.derivative(x.data(), got.data(), n);
                xact::derivative(f, x.data(), want.data(), n);
                der("derivative", x, x, got, want);
                kp.backward(x.data(), dy.data(), got.data(), n);
                xact::backward(f, x.data(), dy.data(), want.data(), n);
                der("backward", x, dy, got, want);
                return true;
            });
        }
    }
}

/// The file in tests/data with the reference rows of `name`.
std::string reference_file(std::string const& name)
{
    for (const char* p : {"hardshrink", "hardsigmoid", "hardswish", "hardtanh", "relu6", "softshrink", "softsign"}) {
        if (name == p) return "piecewise.csv";
    }
    for (const char* p : {"softplus", "mish", "celu", "logsigmoid", "tanhshrink", "quick_gelu"}) {
        if (name == p) return "transcendental.csv";
    }
    return "elementwise.csv";
}

/// A pointer for the shape checks that throw before any access.
template <class T>
const T* x_dummy()
{
    static const T v[1] = {T(0)};
    return v;
}

}  // namespace

TEST_CASE("runtime: every activation is registered once, sorted", "[runtime]")
{
    const auto& names = rt::names();
    std::vector<std::string_view> expected{"elu",   "geglu", "geglu_tanh", "gelu",    "gelu_tanh", "glu",
                                           "identity", "leaky_relu", "prelu", "reglu", "relu", "selu",
                                           "sigmoid", "silu", "step", "swiglu", "swish", "tanh"};
    for (std::string_view piecewise : {"hardshrink", "hardsigmoid", "hardswish", "hardtanh", "relu6", "softshrink",
                                       "softsign"}) {
        expected.push_back(piecewise);
    }
    for (const char* n : {"celu", "logsigmoid", "mish", "quick_gelu", "softplus", "tanhshrink"}) expected.push_back(n);
    std::sort(expected.begin(), expected.end());
    CHECK(names == expected);
    for (std::string_view name : names) {
        if (const rt::gated_kernel* g = rt::find_gated(name)) {
            CHECK(rt::find(name) == nullptr);
            CHECK(std::string_view(g->name()) == name);
            CHECK(std::string_view(g->isa()) == rt::isa());
            CHECK(g == rt::find_gated_for_isa(rt::isa(), name));
            continue;
        }
        const rt::kernel* k = rt::find(name);
        REQUIRE(k != nullptr);
        CHECK(std::string_view(k->name()) == name);
        CHECK(std::string_view(k->isa()) == rt::isa());
        CHECK(k == rt::find_for_isa(rt::isa(), name));
    }
}

TEST_CASE("runtime: the ISA in use is a supported one", "[runtime]")
{
    const auto& supported = rt::supported_isas();
    REQUIRE(!supported.empty());
    CHECK(supported.back() == target_isas().back());
    for (std::string_view isa : supported) {
        CHECK(std::find(target_isas().begin(), target_isas().end(), isa) != target_isas().end());
    }
    CHECK(std::find(supported.begin(), supported.end(), std::string_view(rt::isa())) != supported.end());
    // this build's own instruction set must be one the CPU has
    if (*build_isa()) {
        CHECK(std::find(supported.begin(), supported.end(), std::string_view(build_isa())) != supported.end());
    }
}

TEST_CASE("runtime: unknown names", "[runtime]")
{
    CHECK(rt::find("") == nullptr);
    CHECK(rt::find("softmax") == nullptr);
    CHECK(rt::find("Sigmoid") == nullptr);
    CHECK(rt::find("sigmoid ") == nullptr);
    CHECK(!rt::find("softmax", 1.0));
    CHECK(!rt::find("sigmoid", 1.0));  // no parameter to set
    CHECK(rt::find_for_isa(target_isas().back(), "softmax") == nullptr);
    // an ISA of another target
    CHECK(rt::find_for_isa(target_isas().back() == "neon" ? "sse2" : "neon", "relu") == nullptr);
    CHECK(rt::find_for_isa("", "relu") == nullptr);
}

TEST_CASE("runtime: a null name finds nothing", "[runtime]")
{
    const char* none = nullptr;
    CHECK(rt::find(none) == nullptr);
    CHECK(!rt::find(none, 0.5));
}

TEST_CASE("runtime: parameters outside float's range are rejected", "[runtime]")
{
    // 1e300 would become inf in the float kernels (and then NaN outputs)
    for (double p : {1e300, -1e300, 1e39, std::numeric_limits<double>::infinity(),
                     -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()}) {
        CAPTURE(p);
        CHECK(!rt::find("elu", p));
        CHECK(!rt::find("leaky_relu", p));
        CHECK(!rt::find("swish", p));
        CHECK_THROWS_AS(rt::find("prelu")->with_param(p), std::invalid_argument);
    }
    // the largest float is still accepted, and computes
    auto k = rt::find("leaky_relu", double(FLT_MAX));
    REQUIRE(k);
    float x = -1.0f, y = 0.0f;
    k->forward(&x, &y, 1);
    CHECK(y == -FLT_MAX);
}

TEST_CASE("runtime: parameters", "[runtime]")
{
    struct {
        const char* name;
        const char* param;
        double default_value;
    } const cases[] = {{"leaky_relu", "negative_slope", 0.01f},
                       {"prelu", "slope", 0.25},
                       {"elu", "alpha", 1.0},
                       {"swish", "beta", 1.0},
                       {"silu", "beta", 1.0}};
    for (const auto& c : cases) {
        INFO(c.name);
        const rt::kernel* k = rt::find(c.name);
        REQUIRE(k != nullptr);
        REQUIRE(k->param_name() != nullptr);
        CHECK(std::string_view(k->param_name()) == c.param);
        CHECK(k->param() == Approx(c.default_value));
    }
    CHECK(rt::find("sigmoid")->param_name() == nullptr);
    CHECK(rt::find("selu")->param_name() == nullptr);

    auto leaky = rt::find("leaky_relu", 0.2);
    REQUIRE(leaky);
    CHECK(leaky->param() == 0.2);
    float xf[2] = {-1.0f, 3.0f}, yf[2];
    leaky->forward(xf, yf, 2);
    CHECK(yf[0] == -0.2f);
    CHECK(yf[1] == 3.0f);
    double xd[2] = {-1.0, 3.0}, yd[2];
    leaky->forward(xd, yd, 2);
    CHECK(yd[0] == -0.2);
    leaky->derivative(xd, yd, 2);
    CHECK(yd[0] == 0.2);
    CHECK(yd[1] == 1.0);
    double dy[2] = {2.0, 5.0};
    leaky->backward(xd, dy, yd, 2);
    CHECK(yd[0] == 0.4);
    CHECK(yd[1] == 5.0);
    // the default kernel is unchanged
    rt::find("leaky_relu")->forward(xf, yf, 1);
    CHECK(yf[0] == -0.01f);
}

#if XACT_X86
TEST_CASE("runtime: XACT_ISA parsing", "[runtime]")
{
    std::vector<std::string_view> all{"avx512", "avx2", "sse2"}, no512{"avx2", "sse2"};
    std::string msg = "stale";
    CHECK(rt::choose_isa("", all, msg) == "avx512");
    CHECK(msg.empty());
    CHECK(rt::choose_isa("avx2", all, msg) == "avx2");
    CHECK(msg.empty());
    CHECK(rt::choose_isa("SSE2", all, msg) == "sse2");
    CHECK(msg.empty());
    CHECK(rt::choose_isa("avx512", all, msg) == "avx512");
    CHECK(rt::choose_isa("avx512", no512, msg) == "avx2");
    CHECK(msg == "xact: XACT_ISA=avx512 is not supported by this CPU; using avx2");
    CHECK(rt::choose_isa("avx", no512, msg) == "avx2");
    CHECK(msg == "xact: XACT_ISA=avx is not one of avx512, avx2, sse2; using avx2");
    CHECK(rt::choose_isa("bogus", all, msg) == "avx512");
    CHECK(msg == "xact: XACT_ISA=bogus is not one of avx512, avx2, sse2; using avx512");
    CHECK(rt::choose_isa(" avx2", all, msg) == "avx512");
    CHECK(!msg.empty());
    // the returned view refers to the list's element
    CHECK(rt::choose_isa("avx2", all, msg).data() == all[1].data());
}
#else
TEST_CASE("runtime: XACT_ISA parsing", "[runtime]")
{
    // one ISA on this target
    const std::string_view only = target_isas().front();
    std::vector<std::string_view> all{only};
    std::string msg = "stale", upper(only);
    CHECK(rt::choose_isa("", all, msg) == only);
    CHECK(msg.empty());
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    CHECK(rt::choose_isa(upper, all, msg) == only);
    CHECK(msg.empty());
    CHECK(rt::choose_isa("avx2", all, msg) == only);
    CHECK(msg == "xact: XACT_ISA=avx2 is not one of " + std::string(only) + "; using " + std::string(only));
    CHECK(rt::choose_isa(only, {}, msg) == only);  // nothing supported: the baseline
    CHECK(!msg.empty());
    CHECK(rt::choose_isa(only, all, msg).data() == all[0].data());
}
#endif

TEST_CASE("runtime: every ISA's kernels match the header-only kernels", "[runtime]")
{
    // Bit for bit on the ISA this file is compiled for. The others round differently (no FMA on
    // SSE2, other contractions): each is within 4 ULP of the exact value, so they may be 8 ULP
    // apart, and twice 2^-24 (2^-52 for double) at the roots of the swish and gelu derivatives.
    for (std::string_view isa : rt::supported_isas()) {
        check_isa<float>(isa);
        check_isa<double>(isa);
    }
}

/// The 16-bit kernels of `isa` against the header-only ones, on all 65536 bit patterns of H: equal
/// bit for bit on every ISA, since both round correctly (and they share the block loop).
template <class H>
void check_isa_half(std::string_view isa)
{
    std::vector<H> x(65536), dy(65536), got(65536), want(65536);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = H::from_bits(static_cast<std::uint16_t>(i));
    const float scales[] = {0.75f, -1.5f, 3.0f, 1e-3f, -96.0f};
    for (std::size_t i = 0; i < dy.size(); ++i) dy[i] = H(scales[i % 5]);
    for (std::string_view name : rt::names()) {
        if (rt::find_gated(name)) continue;
        const rt::kernel* k = rt::find_for_isa(isa, name);
        REQUIRE(k != nullptr);
        std::vector<double> params{k->param()};
        if (k->param_name()) params.push_back(name == "swish" ? 1.7 : 0.3);
        for (double p : params) {
            rt::kernel kp = k->with_param(p);
            with_functor<float>(name, p, [&](auto f) {
                std::size_t diff[3] = {0, 0, 0};
                std::ostringstream first;  // the first differences of each
                // equal bits, or both NaN (NaN's sign and payload are not part of the contract), or
                // both zero: the sign of a result that underflows in the float kernel is that
                // kernel's (gelu' beyond x = -14 is +0 on SSE2 and -0 with a fused multiply-add)
                auto count = [&](std::size_t& c, const char* what) {
                    for (std::size_t i = 0; i < x.size(); ++i) {
                        const float u = static_cast<float>(got[i]), v = static_cast<float>(want[i]);
                        if (got[i].bits() == want[i].bits() || (u != u && v != v) || (u == 0 && v == 0)) continue;
                        if (c++ < 3)
                            first << what << " at " << std::hexfloat << static_cast<float>(x[i]) << ": runtime " << u
                                  << ", header-only " << v << std::defaultfloat << "; ";
                    }
                };
                kp.forward(x.data(), got.data(), x.size());
                xact::forward(f, x, want);
                count(diff[0], "forward");
                kp.derivative(x.data(), got.data(), x.size());
                xact::derivative(f, x, want);
                count(diff[1], "derivative");
                kp.backward(x.data(), dy.data(), got.data(), x.size());
                xact::backward(f, x, dy, want);
                count(diff[2], "backward");
                INFO(isa << " " << name << " param " << p << (sizeof(H) == 2 && std::is_same<H, xact::bfloat16>::value
                                                                   ? " bfloat16"
                                                                   : " float16"));
                INFO(first.str());
                CHECK(diff[0] == 0);
                CHECK(diff[1] == 0);
                CHECK(diff[2] == 0);
                return true;
            });
        }
    }
}

TEST_CASE("runtime: every ISA's bfloat16 and float16 kernels equal the header-only ones on every input", "[runtime]")
{
    for (std::string_view isa : rt::supported_isas()) {
        check_isa_half<xact::bfloat16>(isa);
        check_isa_half<xact::float16>(isa);
    }
}

TEST_CASE("runtime: every ISA's kernels meet the accuracy bound on the reference vectors", "[runtime]")
{
    // The reference rows of tests/data/elementwise.csv through each ISA's kernels: double within
    // 1e-12 relative of the exact values; float within 4 ULP (2^-24 absolute at the interior roots
    // of the swish and gelu derivatives) of the exact values where x is a float, and elsewhere of
    // the double header-only functor at the float input (itself checked against the exact values).
    using namespace xact_test;
    for (std::string_view isa : rt::supported_isas()) {
        for (std::string_view name : rt::names()) {
            if (rt::find_gated(name)) continue;  // no elementwise reference rows
            std::string table = name == "silu" ? "swish" : std::string(name);
            auto rows = reference_rows(table, reference_file(table));
            for (auto const& r : rows) {
                if (name == "silu" && !r.param.empty() && std::stod(r.param) != 1.0) continue;
                const rt::kernel* k = rt::find_for_isa(isa, name);
                REQUIRE(k != nullptr);
                rt::kernel kp = *k;
                if (!r.param.empty()) {
                    std::istringstream in(r.param);  // one parameter, or hardtanh's two
                    double p = 0, q = 0;
                    in >> p;
                    kp = (in >> q) ? k->with_params(p, q) : k->with_param(p);
                }
                INFO(isa << " " << name << "(" << r.param << ") at x = " << r.x);
                double x = r.x, fd, dd;
                kp.forward(&x, &fd, 1);
                kp.derivative(&x, &dd, 1);
                CHECK(close_double(fd, r.fx, 1e-12));
                CHECK((close_double(dd, r.dfx, 1e-12) ||
                       (has_interior_root(table) && std::fabs(r.x) < 4 && std::fabs(dd - r.dfx) <= 0x1p-53)));
                // quick_gelu's float constant differs from the rows' double one: its float rows
                // (quick_gelu_float) are checked in tests/test_quick_gelu.cpp
                if (table == "quick_gelu") continue;
                float xf = float(r.x), ff, df;
                kp.forward(&xf, &ff, 1);
                kp.derivative(&xf, &df, 1);
                double ref_f = r.fx, ref_d = r.dfx;
                if (double(xf) != r.x && !std::isnan(r.x)) {
                    double xd = xf;
                    kp.forward(&xd, &ref_f, 1);
                    kp.derivative(&xd, &ref_d, 1);
                }
                bool root = has_interior_root(table) && std::fabs(xf) < 4;
                CHECK(ulp_error(ff, ref_f) <= 4);
                CHECK((ulp_error(df, ref_d) <= 4 || (root && std::fabs(df - ref_d) <= 0x1p-24)));
            }
        }
    }
}

TEST_CASE("runtime: in place, unaligned and short arrays", "[runtime]")
{
    for (std::string_view isa : rt::supported_isas()) {
        const rt::kernel* k = rt::find_for_isa(isa, "sigmoid");
        for (std::size_t n = 0; n <= 40; ++n) {
            std::vector<float> buf(n + 1), ref(n + 1);
            for (std::size_t i = 0; i <= n; ++i) buf[i] = ref[i] = 0.25f * float(i) - 3.0f;
            k->forward(ref.data() + 1, ref.data() + 1, n);  // in place, misaligned
            std::vector<float> out(n + 1, 99.0f);
            k->forward(buf.data() + 1, out.data() + 1, n);
            CHECK(out[0] == 99.0f);  // nothing written before the output
            for (std::size_t i = 1; i <= n; ++i) CHECK(out[i] == ref[i]);
        }
    }
}

TEMPLATE_TEST_CASE("runtime: the gated units of every ISA equal that ISA's activation times b, split and rows",
                   "[runtime]", float, double)
{
    using T = TestType;
    const std::vector<std::pair<std::string_view, std::string_view>> units{
        {"swiglu", "silu"}, {"geglu", "gelu"}, {"geglu_tanh", "gelu_tanh"}, {"reglu", "relu"}, {"glu", "sigmoid"}};
    CHECK(rt::find_gated("nope") == nullptr);
    CHECK(rt::find_gated(static_cast<const char*>(nullptr)) == nullptr);
    CHECK(rt::find_gated("silu") == nullptr);
    const std::size_t rows = 3, cols = 37, n = rows * cols;
    std::vector<T> a(n), b(n), dy(n);
    for (std::size_t i = 0; i < n; ++i) {
        a[i] = T(std::sin(double(i) * 0.61) * 6);
        b[i] = T(std::cos(double(i) * 0.29) * 3);
        dy[i] = T(std::sin(double(i) * 1.3 + 0.4));
    }
    for (std::string_view isa : rt::supported_isas()) {
        for (auto const& u : units) {
            INFO(isa << " " << u.first);
            const rt::gated_kernel* g = rt::find_gated_for_isa(isa, u.first);
            REQUIRE(g != nullptr);
            CHECK(std::string_view(g->activation()) == u.second);
            CHECK(std::string_view(g->isa()) == isa);
            const rt::kernel* f = rt::find_for_isa(isa, u.second);
            REQUIRE(f != nullptr);
            std::vector<T> t(n), y(n), da(n), db(n), want_y(n), want_da(n), want_db(n), g2(n);
            f->forward(a.data(), t.data(), n);
            for (std::size_t i = 0; i < n; ++i) {
                want_y[i] = t[i] * b[i];
                want_db[i] = dy[i] * t[i];
                g2[i] = dy[i] * b[i];
            }
            f->backward(a.data(), g2.data(), want_da.data(), n);
            g->forward(a.data(), b.data(), y.data(), n);
            g->backward(a.data(), b.data(), dy.data(), da.data(), db.data(), n);
            CHECK(y == want_y);
            CHECK(da == want_da);
            CHECK(db == want_db);
            for (xact::gate side : {xact::gate::first, xact::gate::second}) {
                std::vector<T> x(2 * n), ry(n), rdy(n), rdx(2 * n);
                for (std::size_t r = 0; r < rows; ++r) {
                    for (std::size_t j = 0; j < cols; ++j) {
                        const std::size_t i = r * cols + j, gate_at = side == xact::gate::first ? 0 : cols;
                        x[r * 2 * cols + gate_at + j] = a[i];
                        x[r * 2 * cols + (cols - gate_at) + j] = b[i];
                        rdy[i] = dy[i];
                    }
                }
                g->forward(x.data(), ry.data(), rows, cols, side);
                g->backward(x.data(), rdy.data(), rdx.data(), rows, cols, side);
                CHECK(ry == want_y);
                for (std::size_t r = 0; r < rows; ++r) {
                    for (std::size_t j = 0; j < cols; ++j) {
                        const std::size_t i = r * cols + j, gate_at = side == xact::gate::first ? 0 : cols;
                        CHECK(rdx[r * 2 * cols + gate_at + j] == want_da[i]);
                        CHECK(rdx[r * 2 * cols + (cols - gate_at) + j] == want_db[i]);
                    }
                }
            }
            volatile std::size_t huge_v = std::size_t(-1) / 4;  // rows x 2 x 3 overflows
            const std::size_t huge = huge_v;
            CHECK_THROWS_AS(g->forward(x_dummy<T>(), y.data(), huge, 3), std::invalid_argument);
        }
    }
}

TEST_CASE("runtime: two parameters (hardtanh) and parameters an activation refuses", "[runtime]")
{
    const rt::kernel* k = rt::find("hardtanh");
    REQUIRE(k != nullptr);
    CHECK(k->param_count() == 2);
    CHECK(std::string_view(k->param_name(0)) == "min_val");
    CHECK(std::string_view(k->param_name(1)) == "max_val");
    CHECK(k->param_name(2) == nullptr);
    CHECK(std::string_view(k->param_name()) == "min_val");
    CHECK(k->param(0) == -1.0);
    CHECK(k->param(1) == 1.0);
    CHECK(k->param() == -1.0);
    CHECK(rt::find("relu")->param_count() == 0);
    CHECK(rt::find("softshrink")->param_count() == 1);
    CHECK(std::string_view(rt::find("hardshrink")->param_name()) == "lambda");
    CHECK(rt::find("softshrink")->param(1) == 0.0);
    CHECK(rt::find("softshrink")->param_name(1) == nullptr);

    auto clip = rt::find("hardtanh", -2.0, 3.0);
    REQUIRE(clip);
    CHECK(clip->param(0) == -2.0);
    CHECK(clip->param(1) == 3.0);
    float xf[5] = {-5.0f, -2.0f, 0.5f, 3.0f, 9.0f}, yf[5], df[5];
    clip->forward(xf, yf, 5);
    clip->derivative(xf, df, 5);
    CHECK(std::vector<float>(yf, yf + 5) == std::vector<float>{-2.0f, -2.0f, 0.5f, 3.0f, 3.0f});
    CHECK(std::vector<float>(df, df + 5) == std::vector<float>{0.0f, 0.0f, 1.0f, 0.0f, 0.0f});
    double xd[3] = {-5.0, 2.5, 9.0}, yd[3], dy[3] = {2.0, 2.0, 2.0};
    clip->forward(xd, yd, 3);
    CHECK(std::vector<double>(yd, yd + 3) == std::vector<double>{-2.0, 2.5, 3.0});
    clip->backward(xd, dy, yd, 3);
    CHECK(std::vector<double>(yd, yd + 3) == std::vector<double>{0.0, 2.0, 0.0});
    // one parameter sets min_val and keeps max_val
    auto low = rt::find("hardtanh", -0.5);
    REQUIRE(low);
    CHECK(low->param(0) == -0.5);
    CHECK(low->param(1) == 1.0);
    low->forward(xf, yf, 5);
    CHECK(std::vector<float>(yf, yf + 5) == std::vector<float>{-0.5f, -0.5f, 0.5f, 1.0f, 1.0f});
    CHECK(low->with_params(0.0, 6.0).param(1) == 6.0);
    // the same kernel as relu6
    auto six = rt::find("hardtanh", 0.0, 6.0);
    REQUIRE(six);
    float r6[5];
    six->forward(xf, yf, 5);
    rt::find("relu6")->forward(xf, r6, 5);
    CHECK(std::vector<float>(yf, yf + 5) == std::vector<float>(r6, r6 + 5));

    // refused: min_val > max_val, one parameter beyond the default max_val, non-finite values,
    // two parameters for an activation with one or none, negative lambdas
    CHECK(!rt::find("hardtanh", 2.0, 1.0));
    CHECK(rt::find("hardtanh", 1.0, 1.0).has_value());
    CHECK(!rt::find("hardtanh", 1.5));
    CHECK(!rt::find("hardtanh", -1.0, std::numeric_limits<double>::infinity()));
    CHECK(!rt::find("hardtanh", std::numeric_limits<double>::quiet_NaN(), 1.0));
    CHECK(!rt::find("hardtanh", -1.0, 1e300));
    CHECK(!rt::find("leaky_relu", 0.1, 0.2));
    CHECK(!rt::find("relu", 0.1, 0.2));
    CHECK(!rt::find("nope", 0.1, 0.2));
    CHECK(!rt::find(static_cast<const char*>(nullptr), 0.1, 0.2));
    CHECK(!rt::find("softshrink", -0.5));
    CHECK(!rt::find("hardshrink", -0.5));
    CHECK(rt::find("softshrink", 0.0).has_value());
    CHECK(k->accepts(-1.0, 1.0));
    CHECK(!k->accepts(1.0, -1.0));
    CHECK(rt::find("relu")->accepts(5.0, -5.0));
    CHECK_THROWS_AS(k->with_params(3.0, 2.0), std::invalid_argument);
    CHECK_THROWS_AS(k->with_param(2.0), std::invalid_argument);
    CHECK_THROWS_AS(rt::find("softshrink")->with_param(-1.0), std::invalid_argument);
    CHECK_THROWS_AS(k->with_params(0.0, std::numeric_limits<double>::infinity()), std::invalid_argument);
    try {
        k->with_params(3.0, 2.0);
    } catch (std::invalid_argument const& e) {
        const std::string msg = e.what();
        CHECK(msg.find("hardtanh") != std::string::npos);
        CHECK(msg.find("min_val") != std::string::npos);
        CHECK(msg.find("max_val") != std::string::npos);
    }
    // lambda through the runtime
    auto shrink = rt::find("softshrink", 1.0);
    REQUIRE(shrink);
    shrink->forward(xf, yf, 5);
    CHECK(std::vector<float>(yf, yf + 5) == std::vector<float>{-4.0f, -1.0f, 0.0f, 2.0f, 8.0f});
}


TEST_CASE("runtime: softplus and celu take their parameter", "[runtime]")
{
    const rt::kernel* sp = rt::find("softplus");
    REQUIRE(sp != nullptr);
    REQUIRE(sp->param_name() != nullptr);
    CHECK(std::string_view(sp->param_name()) == "beta");
    CHECK(sp->param() == 1.0);
    const rt::kernel* ce = rt::find("celu");
    REQUIRE(ce != nullptr);
    REQUIRE(ce->param_name() != nullptr);
    CHECK(std::string_view(ce->param_name()) == "alpha");
    CHECK(ce->param() == 1.0);
    for (const char* name : {"mish", "logsigmoid", "tanhshrink", "quick_gelu"}) {
        INFO(name);
        REQUIRE(rt::find(name) != nullptr);
        CHECK(rt::find(name)->param_name() == nullptr);
        CHECK(!rt::find(name, 1.0));
    }

    auto soft2 = rt::find("softplus", 2.0);
    REQUIRE(soft2);
    float x[3] = {-1.0f, 0.5f, 30.0f}, y[3], want[3];
    soft2->forward(x, y, 3);
    xact::forward(xact::softplus<float>{2.0f}, x, want, 3);
    for (int i = 0; i < 3; ++i) CHECK(y[i] == want[i]);
    auto celu_half = rt::find("celu", 0.5);
    REQUIRE(celu_half);
    double xd[3] = {-3.0, -0.25, 2.0}, yd[3], wd[3];
    celu_half->derivative(xd, yd, 3);
    xact::derivative(xact::celu<double>{0.5}, xd, wd, 3);
    for (int i = 0; i < 3; ++i) CHECK(yd[i] == wd[i]);
    CHECK(yd[2] == 1.0);
}

#endif  // XACT_TEST_RUNTIME
