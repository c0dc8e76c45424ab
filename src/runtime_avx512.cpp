// xact::runtime: the avx512 kernels (compiled with the avx512 flags, see CMakeLists.txt).
#include "runtime_impl.hpp"

#if !XSIMD_WITH_AVX512BW
#error "runtime_avx512.cpp must be compiled with the avx512 flags"
#endif

const xact::runtime::detail::isa_tables xact::runtime::detail::avx512_tables = {
    xact::runtime::detail::table<xsimd::avx512bw>::entries, xact::runtime::detail::gated_table<xsimd::avx512bw>::entries};
