// xact: configuration and the one place that includes xsimd.
#ifndef XACT_DETAIL_CONFIG_HPP
#define XACT_DETAIL_CONFIG_HPP

#define XACT_VERSION_MAJOR 0
#define XACT_VERSION_MINOR 1
#define XACT_VERSION_PATCH 0

// xact's formulas rely on IEEE arithmetic: NaN tests, signed zeros, exact error-free
// transformations whose terms -ffast-math would reassociate away (tanh(0) would be 0.333 and
// sigmoid(NaN) 0). A header-only library is compiled with its user's flags, so rather than give
// silent wrong answers it stops here. Compile the files that include xact without the fast-math
// options (or the ones these macros report), or link xact::runtime, which is compiled with xact's
// own flags and can be called from fast-math code. (Clang reports only -ffast-math and
// -ffinite-math-only by a macro.)
#if defined(__FAST_MATH__) || (defined(__FINITE_MATH_ONLY__) && __FINITE_MATH_ONLY__) || \
    defined(__ASSOCIATIVE_MATH__) || defined(__RECIPROCAL_MATH__) || defined(__NO_SIGNED_ZEROS__)
#error "xact needs IEEE floating-point semantics: compile without -ffast-math, -ffinite-math-only, -fassociative-math, -freciprocal-math and -fno-signed-zeros, or call the compiled kernels of xact::runtime (<xact/runtime.hpp>) instead"
#endif

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

// Whether xsimd has a SIMD architecture for the target. Where it has none (riscv64 without V, for
// one) its batch functions are not declared: xact's batch overloads are left out and the kernels
// run the formulas on T (detail::scalar_arch, detail/simd.hpp).
#if defined(XSIMD_NO_SUPPORTED_ARCHITECTURE)
#define XACT_SIMD 0
#else
#define XACT_SIMD 1
#endif

// Whether the target is x86 (the semantics of some SIMD instructions differ elsewhere).
#if defined(__x86_64__) || defined(__i386__) || defined(_M_X64) || defined(_M_IX86)
#define XACT_X86 1
#else
#define XACT_X86 0
#endif

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
