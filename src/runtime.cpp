// xact::runtime: ISA selection and lookup. Compiled with the baseline flags only; the kernels are
// in runtime_<isa>.cpp.
#include <xact/runtime.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

#include <xact/detail/config.hpp>

#if XACT_X86
#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#else
#include <cpuid.h>
#endif
#endif

#include "runtime_impl.hpp"

namespace xact {
namespace runtime {
namespace {

#if XACT_X86
constexpr std::string_view known_isas[] = {"avx512", "avx2", "sse2"};
#elif defined(__aarch64__)
constexpr std::string_view known_isas[] = {"neon"};  // every aarch64 CPU has it
#else
constexpr std::string_view known_isas[] = {detail::default_isa};
#endif

/// The baseline ISA's tables: the last of known_isas, which every CPU of the target runs.
const detail::isa_tables& baseline_tables() noexcept
{
#if XACT_X86
    return detail::sse2_tables;
#elif defined(__aarch64__)
    return detail::neon_tables;
#else
    return detail::default_tables;
#endif
}

#if XACT_X86
/// CPUID leaf 1, ECX bit 29 (xsimd 8 does not report F16C).
bool has_f16c() noexcept
{
#if defined(_MSC_VER) && !defined(__clang__)
    int r[4];
    __cpuid(r, 1);
    return (r[2] >> 29) & 1;
#else
    unsigned a = 0, b = 0, c = 0, d = 0;
    return __get_cpuid(1, &a, &b, &c, &d) && ((c >> 29) & 1);
#endif
}
#endif

/// The ISA's tables if this CPU runs it, else nullptr.
const detail::isa_tables* tables_if_supported(std::string_view isa) noexcept
{
#if !XACT_X86
    return isa == known_isas[0] ? &baseline_tables() : nullptr;
#else
    auto cpu = xsimd::available_architectures();
    if (isa == "sse2") return &detail::sse2_tables;
    // the avx2 sources use FMA and F16C (the float16 conversions) besides AVX2
    if (isa == "avx2") return cpu.fma3_avx2 && cpu.avx2 && has_f16c() ? &detail::avx2_tables : nullptr;
    // the avx512 sources use F, CD, DQ, BW and VL
    bool avx512 = cpu.avx512f && cpu.avx512cd && cpu.avx512dq && cpu.avx512bw && cpu.fma3_avx2;
#if defined(__GNUC__)
    // xsimd 8 reads CPUID only; GCC and Clang also check that the OS saves the AVX-512 state
    avx512 = avx512 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
             __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq");
#endif
    return avx512 ? &detail::avx512_tables : nullptr;
#endif
}

struct isa_kernels {
    std::string_view isa;
    std::vector<kernel> kernels;  // in table order, default parameters
    std::vector<gated_kernel> gated;
};

struct state {
    std::vector<isa_kernels> by_isa;  // supported ISAs, best first
    std::vector<std::string_view> supported;
    std::vector<std::string_view> names;
    const isa_kernels* active = nullptr;

    state()
    {
        for (std::string_view isa : known_isas) {
            if (const detail::isa_tables* t = tables_if_supported(isa)) {
                isa_kernels k{isa, {}, {}};
                for (std::size_t i = 0; i < detail::entry_count; ++i) {
                    k.kernels.emplace_back(t->activations[i], isa.data(), t->activations[i].default_param);
                }
                for (std::size_t i = 0; i < detail::gated_count; ++i) k.gated.emplace_back(t->gated[i], isa.data());
                by_isa.push_back(std::move(k));
                supported.push_back(isa);
            }
        }
        for (std::size_t i = 0; i < detail::entry_count; ++i) names.emplace_back(baseline_tables().activations[i].name);
        for (std::size_t i = 0; i < detail::gated_count; ++i) names.emplace_back(baseline_tables().gated[i].name);
        std::sort(names.begin(), names.end());

        const char* env = std::getenv("XACT_ISA");
        std::string message;
        std::string_view chosen = choose_isa(env ? env : "", supported, message);
        if (!message.empty()) std::fprintf(stderr, "%s\n", message.c_str());
        active = lookup(chosen);
    }

    const isa_kernels* lookup(std::string_view isa) const noexcept
    {
        for (const isa_kernels& k : by_isa) {
            if (k.isa == isa) return &k;
        }
        return nullptr;
    }
};

const state& the_state() noexcept
{
    static const state s;
    return s;
}

template <class K>
const K* find_named(const std::vector<K>& kernels, std::string_view name) noexcept
{
    for (const K& c : kernels) {
        if (name == c.name()) return &c;
    }
    return nullptr;
}

const kernel* find_in(const isa_kernels& k, std::string_view name) noexcept { return find_named(k.kernels, name); }

}  // namespace

const char* isa() noexcept { return the_state().active->isa.data(); }

const std::vector<std::string_view>& names() noexcept { return the_state().names; }

const std::vector<std::string_view>& supported_isas() noexcept { return the_state().supported; }

const kernel* find(std::string_view name) noexcept { return find_in(*the_state().active, name); }

std::optional<kernel> find(std::string_view name, double param) noexcept
{
    const kernel* k = find(name);
    if (!k || !k->param_name() || !kernel::param_in_range(param) || !k->accepts(param, k->param(1))) {
        return std::nullopt;
    }
    return k->with_param(param);
}

std::optional<kernel> find(std::string_view name, double param, double param2) noexcept
{
    const kernel* k = find(name);
    if (!k || k->param_count() < 2 || !kernel::param_in_range(param) || !kernel::param_in_range(param2) ||
        !k->accepts(param, param2)) {
        return std::nullopt;
    }
    return k->with_params(param, param2);
}

const kernel* find_for_isa(std::string_view isa, std::string_view name) noexcept
{
    const isa_kernels* k = the_state().lookup(isa);
    return k ? find_in(*k, name) : nullptr;
}

const gated_kernel* find_gated(std::string_view name) noexcept
{
    return find_named(the_state().active->gated, name);
}

const gated_kernel* find_gated_for_isa(std::string_view isa, std::string_view name) noexcept
{
    const isa_kernels* k = the_state().lookup(isa);
    return k ? find_named(k->gated, name) : nullptr;
}

std::string_view choose_isa(std::string_view requested, const std::vector<std::string_view>& supported,
                            std::string& message)
{
    message.clear();
    std::string_view best = supported.empty() ? std::end(known_isas)[-1] : supported.front();
    if (requested.empty()) return best;
    std::string lower(requested);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (std::string_view isa : supported) {
        if (lower == isa) return isa;
    }
    bool known = std::find(std::begin(known_isas), std::end(known_isas), lower) != std::end(known_isas);
    std::string list;
    for (std::string_view isa : known_isas) list += (list.empty() ? "" : ", ") + std::string(isa);
    message = "xact: XACT_ISA=" + std::string(requested) +
              (known ? " is not supported by this CPU" : " is not one of " + list) + "; using " + std::string(best);
    return best;
}

}  // namespace runtime
}  // namespace xact
