// xact::runtime: the sse2 kernels (compiled with the sse2 flags, see CMakeLists.txt).
#include "runtime_impl.hpp"

#if !XSIMD_WITH_SSE2
#error "runtime_sse2.cpp must be compiled with the sse2 flags"
#endif

const xact::runtime::detail::entry* const xact::runtime::detail::sse2_entries =
    xact::runtime::detail::table<xsimd::sse2>::entries;
