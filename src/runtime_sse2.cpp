// xact::runtime: the sse2 kernels (compiled with the sse2 flags, see CMakeLists.txt).
#include "runtime_impl.hpp"

#if !XSIMD_WITH_SSE2
#error "runtime_sse2.cpp must be compiled with the sse2 flags"
#endif

const xact::runtime::detail::isa_tables xact::runtime::detail::sse2_tables = {
    xact::runtime::detail::table<xsimd::sse2>::entries, xact::runtime::detail::gated_table<xsimd::sse2>::entries};
