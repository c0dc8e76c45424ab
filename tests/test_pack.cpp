// detail/pack.hpp: a formula on a pack of batches gives, bit for bit (a NaN's sign and payload
// aside), the formula on each batch; the kernels' four-batch loop therefore agrees with the
// one-batch loop on every input.
#include <xact/xact.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "catch.hpp"

// Packs exist only for SIMD batches (the scalar fallback's kernels run one element at a time).
#if XACT_SIMD
namespace {

/// Equal bit for bit (so +0 differs from -0), or both NaN: a NaN's sign and payload are not part
/// of the contract (x86 passes on whichever NaN operand comes first, and the compiler may commute
/// a product's operands differently in the two loops).
template <class T>
bool same_result(T a, T b)
{
    return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
}

/// Inputs of every kind: random bit patterns, ordinary values, the specials.
template <class T>
std::vector<T> mixed_inputs(std::size_t n)
{
    using U = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    const T specials[] = {T(0),
                          -T(0),
                          T(1),
                          T(-1),
                          std::numeric_limits<T>::infinity(),
                          -std::numeric_limits<T>::infinity(),
                          std::numeric_limits<T>::quiet_NaN(),
                          std::numeric_limits<T>::denorm_min(),
                          -std::numeric_limits<T>::min(),
                          std::numeric_limits<T>::max(),
                          T(-88.5),
                          T(-750),
                          T(1e-20)};
    std::mt19937_64 rng(12345);
    std::uniform_real_distribution<double> uniform(-30.0, 30.0);
    std::vector<T> x(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (i % 5 == 0) {
            x[i] = specials[(i / 5) % (sizeof specials / sizeof specials[0])];
        } else if (i % 5 == 1) {
            U u = static_cast<U>(rng());
            std::memcpy(&x[i], &u, sizeof u);
        } else {
            x[i] = T(uniform(rng));
        }
    }
    return x;
}

/// The pack of four batches and each of its members, through forward, derivative and (where the
/// functor has it) derivative_from_output: every lane equal bit for bit.
template <class F>
void check_pack(F const& f)
{
    using T = typename F::value_type;
    using B = xsimd::batch<T>;
    using P = xact::detail::pack<B, 4>;
    constexpr std::size_t w = B::size;
    const std::vector<T> x = mixed_inputs<T>(64 * 4 * w);
    for (std::size_t i = 0; i < x.size(); i += 4 * w) {
        P p(xact::detail::pack_generate{}, [&](auto k) { return B::load_unaligned(x.data() + i + decltype(k)::value * w); });
        P fp = f.forward(p), dp = f.derivative(p);
        for (std::size_t k = 0; k < 4; ++k) {
            alignas(64) T a[w], b[w], c[w], d[w];
            fp.m[k].store_aligned(a);
            f.forward(p.m[k]).store_aligned(b);
            dp.m[k].store_aligned(c);
            f.derivative(p.m[k]).store_aligned(d);
            for (std::size_t j = 0; j < w; ++j) {
                INFO(F::name << " at x = " << x[i + k * w + j] << ": forward " << a[j] << " vs " << b[j]
                             << ", derivative " << c[j] << " vs " << d[j]);
                CHECK(same_result(a[j], b[j]));
                CHECK(same_result(c[j], d[j]));
            }
        }
    }
}

/// The kernel over 4w + 1 elements (the pack loop, then the padded tail) against one batch at a time.
template <class F>
void check_kernel_loops(F const& f)
{
    using T = typename F::value_type;
    constexpr std::size_t w = xsimd::batch<T>::size;
    const std::vector<T> x = mixed_inputs<T>(4 * w + 1);
    std::vector<T> all(x.size()), one(x.size());
    xact::forward(f, x, all);
    for (std::size_t i = 0; i < x.size(); i += w) xact::forward(f, x.data() + i, one.data() + i, std::min(w, x.size() - i));
    for (std::size_t i = 0; i < x.size(); ++i) {
        INFO(F::name << " at x = " << x[i]);
        CHECK(same_result(all[i], one[i]));
    }
}

/// f called with every functor configuration the pack tests cover.
template <class T, class F>
void each_functor(F const& f)
{
    f(xact::identity<T>{});
    f(xact::step<T>{});
    f(xact::relu<T>{});
    f(xact::leaky_relu<T>{});
    f(xact::prelu<T>{});
    f(xact::elu<T>{});
    f(xact::selu<T>{});
    f(xact::sigmoid<T>{});
    f(xact::tanh<T>{});
    f(xact::swish<T>{});
    f(xact::swish<T>{T(1.7)});
    f(xact::gelu<T>{});
    f(xact::gelu_tanh<T>{});
}

}  // namespace

TEMPLATE_TEST_CASE("a formula on a pack equals the formula on each batch, bit for bit", "[pack]", float, double)
{
    each_functor<TestType>([](auto const& f) { check_pack(f); });
}

TEMPLATE_TEST_CASE("the kernels' four-batch loop equals the one-batch loop", "[pack]", float, double)
{
    each_functor<TestType>([](auto const& f) { check_kernel_loops(f); });
}

TEST_CASE("pack arithmetic, division and comparisons act member by member", "[pack]")
{
    using B = xsimd::batch<float>;
    using P = xact::detail::pack<B, 4>;
    constexpr std::size_t w = B::size;
    P a(xact::detail::pack_generate{}, [](auto k) { return B(float(decltype(k)::value) + 0.5f); });
    P b(2.0f);
    P s = a * b - 1.0f, q = xact::detail::div(a, b);
    auto lt = a < P(2.0f);
    P sel = xact::detail::select(lt, a, b);
    for (std::size_t k = 0; k < 4; ++k) {
        const float ak = float(k) + 0.5f;
        alignas(64) float sv[w], qv[w], selv[w];
        s.m[k].store_aligned(sv);
        q.m[k].store_aligned(qv);
        sel.m[k].store_aligned(selv);
        CHECK(sv[0] == ak * 2.0f - 1.0f);
        CHECK(qv[w - 1] == ak / 2.0f);
        CHECK(selv[0] == (ak < 2.0f ? ak : 2.0f));
    }
}
#endif  // XACT_SIMD
