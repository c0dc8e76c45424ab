// xact::runtime: the one table of targets other than x86 and aarch64, on the default architecture
// (xsimd's where it has one for the target, else detail::scalar_arch: the formulas on T).
#include "runtime_impl.hpp"

const xact::runtime::detail::isa_tables xact::runtime::detail::default_tables = {
    xact::runtime::detail::table<xact::detail::default_arch>::entries,
    xact::runtime::detail::gated_table<xact::detail::default_arch>::entries};
