// xact::runtime: the avx2 kernels (compiled with the avx2 flags, see CMakeLists.txt).
#include "runtime_impl.hpp"

#if !XSIMD_WITH_FMA3_AVX2
#error "runtime_avx2.cpp must be compiled with the avx2 flags"
#endif

const xact::runtime::detail::isa_tables xact::runtime::detail::avx2_tables = {
    xact::runtime::detail::table<xsimd::fma3<xsimd::avx2>>::entries, xact::runtime::detail::gated_table<xsimd::fma3<xsimd::avx2>>::entries};
