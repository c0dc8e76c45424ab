// xact: the 16-bit floating-point storage types xact::bfloat16 and xact::float16.
//
//   xact::bfloat16   1 sign, 8 exponent, 7 fraction bits: float's range at 8 significant bits
//   xact::float16    IEEE 754 binary16: 1 sign, 5 exponent, 10 fraction bits (max 65504)
//
// Value types for arrays: 2 bytes, trivially copyable, standard layout. No arithmetic: the
// kernels (<xact/kernels.hpp>) widen them exactly to float, compute, and round once.
//   explicit T(float)              round to nearest, ties to even; NaN stays NaN (made quiet);
//                                  subnormals are kept; float16 beyond its range rounds to +-inf
//   explicit operator float()      exact
//   T::from_bits(u16), t.bits()    the bit pattern
// The conversions are integer arithmetic on the bits, so they do not depend on the floating-point
// environment (FTZ/DAZ or the rounding mode). The detail functions take a tag type, so that code
// compiled for different instruction sets (xact::runtime) instantiates copies of its own.
#ifndef XACT_HALF_HPP
#define XACT_HALF_HPP

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace xact {
namespace detail {

template <class Tag = void>
inline std::uint32_t float_bits(float x) noexcept
{
    std::uint32_t u;
    std::memcpy(&u, &x, sizeof u);
    return u;
}

template <class Tag = void>
inline float bits_float(std::uint32_t u) noexcept
{
    float x;
    std::memcpy(&x, &u, sizeof x);
    return x;
}

/// float -> bfloat16 bits, round to nearest even; NaN quiet with its sign and top payload bits.
template <class Tag = void>
inline std::uint16_t bfloat16_from_float(float x) noexcept
{
    std::uint32_t u = float_bits(x);
    if ((u & 0x7fffffffu) > 0x7f800000u) return static_cast<std::uint16_t>((u >> 16) | 0x0040u);
    // adding 0x7fff plus the lowest kept bit carries exactly when the dropped half is above the
    // midpoint, or at it with an odd kept part; a carry out of the largest finite value gives inf
    return static_cast<std::uint16_t>((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
}

template <class Tag = void>
inline float bfloat16_to_float(std::uint16_t h) noexcept { return bits_float(std::uint32_t(h) << 16); }

/// float -> binary16 bits, round to nearest even; NaN quiet; beyond 65520 (the midpoint between
/// 65504 and 2^16, which goes to the even 2^16) +-inf; subnormal results kept.
template <class Tag = void>
inline std::uint16_t float16_from_float(float x) noexcept
{
    const std::uint32_t u = float_bits(x);
    const std::uint32_t sign = (u >> 16) & 0x8000u;
    std::uint32_t a = u & 0x7fffffffu;
    if (a > 0x7f800000u) return static_cast<std::uint16_t>(sign | 0x7e00u | ((a >> 13) & 0x3ffu));
    if (a >= 0x477ff000u) return static_cast<std::uint16_t>(sign | 0x7c00u);
    if (a >= 0x38800000u) {  // >= 2^-14: normal; rebias the exponent by 112 and round 13 bits
        a += 0xc8000fffu + ((a >> 13) & 1u);
        return static_cast<std::uint16_t>(sign | (a >> 13));
    }
    if (a <= 0x33000000u) return static_cast<std::uint16_t>(sign);  // <= 2^-25: to zero (2^-25 ties to even 0)
    // a subnormal result: the significand in units of 2^-24 is sig >> (126 - e)
    const std::uint32_t e = a >> 23, sig = (a & 0x7fffffu) | 0x800000u, shift = 126 - e;
    const std::uint32_t r = sig >> shift, rem = sig & ((1u << shift) - 1), half = 1u << (shift - 1);
    return static_cast<std::uint16_t>(sign | (r + (rem > half || (rem == half && (r & 1u)))));
}

template <class Tag = void>
inline float float16_to_float(std::uint16_t h) noexcept
{
    const std::uint32_t sign = std::uint32_t(h & 0x8000u) << 16, e = (h >> 10) & 0x1fu;
    std::uint32_t m = h & 0x3ffu;
    if (e == 0x1f) return bits_float(sign | 0x7f800000u | (m << 13));
    if (e != 0) return bits_float(sign | ((e + 112) << 23) | (m << 13));
    // zero or subnormal: m 2^-24, an exact normal float (or zero); built from the bits
    if (m == 0) return bits_float(sign);
    std::uint32_t shift = 0;
    while ((m & 0x400u) == 0) {
        m <<= 1;
        ++shift;
    }
    return bits_float(sign | ((113 - shift) << 23) | ((m & 0x3ffu) << 13));
}

}  // namespace detail

/// bfloat16: float's upper 16 bits, rounded.
struct bfloat16 {
    std::uint16_t value_bits;

    bfloat16() = default;
    explicit bfloat16(float x) noexcept : value_bits(detail::bfloat16_from_float(x)) {}
    explicit operator float() const noexcept { return detail::bfloat16_to_float(value_bits); }
    static bfloat16 from_bits(std::uint16_t b) noexcept
    {
        bfloat16 h;
        h.value_bits = b;
        return h;
    }
    std::uint16_t bits() const noexcept { return value_bits; }
};

/// float16: IEEE 754 binary16.
struct float16 {
    std::uint16_t value_bits;

    float16() = default;
    explicit float16(float x) noexcept : value_bits(detail::float16_from_float(x)) {}
    explicit operator float() const noexcept { return detail::float16_to_float(value_bits); }
    static float16 from_bits(std::uint16_t b) noexcept
    {
        float16 h;
        h.value_bits = b;
        return h;
    }
    std::uint16_t bits() const noexcept { return value_bits; }
};

static_assert(sizeof(bfloat16) == 2 && std::is_trivially_copyable<bfloat16>::value &&
                  std::is_standard_layout<bfloat16>::value,
              "bfloat16 is a 2-byte value type");
static_assert(sizeof(float16) == 2 && std::is_trivially_copyable<float16>::value &&
                  std::is_standard_layout<float16>::value,
              "float16 is a 2-byte value type");

namespace detail {

/// Whether T is one of xact's 16-bit storage types.
template <class T>
struct is_half : std::integral_constant<bool, std::is_same<T, bfloat16>::value || std::is_same<T, float16>::value> {
};

}  // namespace detail
}  // namespace xact

#endif
