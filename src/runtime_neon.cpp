// xact::runtime: the neon kernels (aarch64, where NEON is the baseline: no extra flags).
#include "runtime_impl.hpp"

#if !XSIMD_WITH_NEON64
#error "runtime_neon.cpp is for aarch64 targets"
#endif

const xact::runtime::detail::isa_tables xact::runtime::detail::neon_tables = {
    xact::runtime::detail::table<xsimd::neon64>::entries, xact::runtime::detail::gated_table<xsimd::neon64>::entries};
