// xact: configuration and the one place that includes xsimd.
#ifndef XACT_DETAIL_CONFIG_HPP
#define XACT_DETAIL_CONFIG_HPP

#define XACT_VERSION_MAJOR 0
#define XACT_VERSION_MINOR 1
#define XACT_VERSION_PATCH 0

// GCC 12 reports false -Wmaybe-uninitialized (and -Wuninitialized, on the undefined-register
// idiom of its own AVX-512 intrinsics that xsimd uses) inside xsimd's AVX-512 kernels; the pragma is scoped
// to xsimd's own headers, so the warning stays on for everything else.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#include <xsimd/xsimd.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

// xsimd changed a few spellings between 8.x and later releases (bitwise_cast takes the element
// type from 11 on, hadd became reduce_add in 9); XACT_XSIMD_GE(major) selects the spelling.
#define XACT_XSIMD_GE(major) (XSIMD_VERSION_MAJOR >= (major))

// A kernel loop with every call inside it inlined, whatever the compiler's size heuristics say: a
// formula on a pack of four batches is four times the code of one batch, enough to stop GCC
// inlining its helpers, and an outlined helper passes its packs through memory. Not under
// AddressSanitizer, whose instrumentation of the flattened loops takes GCC minutes per file (the
// same code runs, only not forced inline). Define XACT_FLATTEN (empty) to choose for yourself.
#if defined(__SANITIZE_ADDRESS__)
#define XACT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define XACT_ASAN 1
#endif
#endif
#ifndef XACT_FLATTEN
#if (defined(__GNUC__) || defined(__clang__)) && !defined(XACT_ASAN)
#define XACT_FLATTEN __attribute__((flatten))
#else
#define XACT_FLATTEN
#endif
#endif

#endif
