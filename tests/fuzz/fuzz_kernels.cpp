// libFuzzer target: every kernel against the scalar call, and the vector activations against their
// definitions, over fuzzed values, parameters, lengths, start offsets and in-place use. Built with
// clang's -fsanitize=fuzzer,address,undefined by scripts/fuzz.sh; any disagreement traps.
//
// Input layout: byte 0 picks the function, byte 1 the type (bit 0: double), the direction (bits
// 1-2) and in-place use (bit 3); bytes 2-3 the start offset (0-15 elements) and a shape byte;
// bytes 4-11 the parameter (a double's bits; NaN, infinities and huge values included); the rest
// are the values (float or double bits), as many as fit, so every length occurs.
#include <xact/xact.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <vector>

namespace {

template <class T>
bool same(T a, T b)
{
    if (a != a || b != b) return a != a && b != b;
    return std::memcmp(&a, &b, sizeof a) == 0;
}

[[noreturn]] void fail(const char* what, std::size_t i, double x, double got, double want)
{
    std::fprintf(stderr, "%s: lane %zu, x = %a: kernel %a, scalar %a\n", what, i, x, got, want);
    std::abort();
}

struct input {
    const std::uint8_t* p;
    std::size_t n;
    std::uint8_t byte(std::size_t i) const { return i < n ? p[i] : 0; }
    double param() const
    {
        double d = 0;
        if (n >= 12) std::memcpy(&d, p + 4, sizeof d);
        return d;
    }
    template <class T>
    std::vector<T> values() const
    {
        std::vector<T> v;
        for (std::size_t i = 12; i + sizeof(T) <= n; i += sizeof(T)) {
            T x;
            std::memcpy(&x, p + i, sizeof x);
            v.push_back(x);
        }
        return v;
    }
};

/// forward, derivative or backward (dir 0, 1, 2) of f over x, from a start offset, in place or
/// not, against the scalar calls lane by lane; a kernel must never write past its output.
template <class F>
void check_elementwise(F const& f, std::vector<typename F::value_type> const& x, unsigned dir, bool in_place,
                       std::size_t offset)
{
    using T = typename F::value_type;
    const std::size_t n = x.size();
    constexpr T guard = T(-12345.5);
    std::vector<T> buf(offset + n + 1, guard), dy(n);
    for (std::size_t i = 0; i < n; ++i) dy[i] = x[(i * 7 + 3) % n] * T(0.5) + T(1);
    T* out = buf.data() + offset;
    std::vector<T> in(x);
    if (in_place) std::copy(x.begin(), x.end(), out);
    const T* src = in_place ? out : in.data();
    if (dir == 0) xact::forward(f, src, out, n);
    if (dir == 1) xact::derivative(f, src, out, n);
    if (dir == 2) {
        if (in_place) {  // dx over dy
            std::copy(dy.begin(), dy.end(), out);
            xact::backward(f, in.data(), out, out, n);
        } else {
            xact::backward(f, in.data(), dy.data(), out, n);
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        const T want = dir == 0 ? f.forward(x[i]) : dir == 1 ? f.derivative(x[i]) : T(dy[i] * f.derivative(x[i]));
        if (!same(out[i], want)) fail(F::name, i, double(x[i]), double(out[i]), double(want));
    }
    for (std::size_t i = 0; i < offset; ++i)
        if (!same(buf[i], guard)) fail("write before the output", i, 0, double(buf[i]), double(guard));
    if (!same(buf[offset + n], guard)) fail("write past the output", n, 0, double(buf[offset + n]), double(guard));
}

/// softmax and log_softmax: each finite row's softmax lies in [0, 1] and sums to 1, exp of
/// log_softmax is softmax, a NaN or +inf makes the row NaN, and the backward is finite where its
/// inputs are.
template <class T>
void check_softmax(std::vector<T> x, std::size_t cols, T temperature, bool in_place)
{
    const std::size_t n = x.size() - x.size() % cols;
    x.resize(n);
    if (n == 0) return;
    std::vector<T> y(n), ly(n);
    const bool valid = temperature > 0 && std::isfinite(temperature) && std::isfinite(T(1) / temperature);
    try {
        if (in_place) {
            y = x;
            xact::softmax<T>{temperature}.forward(y, y, cols);
        } else {
            xact::softmax<T>{temperature}.forward(x, y, cols);
        }
        xact::log_softmax<T>{temperature}.forward(x, ly, cols);
    } catch (std::invalid_argument const&) {
        if (valid) std::abort();
        return;
    }
    if (!valid) std::abort();
    for (std::size_t r = 0; r < n; r += cols) {
        bool poisoned = false, any_finite = false;
        for (std::size_t i = r; i < r + cols; ++i) {
            poisoned |= x[i] != x[i] || x[i] == std::numeric_limits<T>::infinity();
            any_finite |= std::isfinite(x[i]);
        }
        double sum = 0;
        for (std::size_t i = r; i < r + cols; ++i) {
            if (poisoned || !any_finite) {
                if (!std::isnan(y[i]) || !std::isnan(ly[i])) fail("softmax NaN row", i, double(x[i]), double(y[i]), NAN);
                continue;
            }
            if (!(y[i] >= 0 && y[i] <= 1)) fail("softmax range", i, double(x[i]), double(y[i]), 0);
            if (!(ly[i] <= 0)) fail("log_softmax sign", i, double(x[i]), double(ly[i]), 0);
            // exp(log_softmax) = softmax, to the error of both (relative, and absolute near 0)
            const double e = std::exp(double(ly[i]));
            const double tol = 64 * double(std::numeric_limits<T>::epsilon()) * (e + std::fabs(double(ly[i])) * e) +
                               4 * double(std::numeric_limits<T>::min());
            if (std::fabs(e - double(y[i])) > tol) fail("exp(log_softmax) != softmax", i, double(x[i]), e, double(y[i]));
            sum += double(y[i]);
        }
        if (!poisoned && any_finite && std::fabs(sum - 1) > 16 * double(std::numeric_limits<T>::epsilon()))
            fail("softmax row sum", r, 0, sum, 1);
    }
    std::vector<T> dy(n), dx(n);
    for (std::size_t i = 0; i < n; ++i) dy[i] = T(std::sin(double(i)));
    xact::softmax<T>{temperature}.backward(y, dy, dx, cols);
    for (std::size_t i = 0; i < n; ++i)
        if (std::isfinite(y[i]) && !std::isfinite(dx[i]) && std::isfinite(T(1) / temperature) && temperature >= 1)
            fail("softmax backward not finite", i, double(y[i]), double(dx[i]), 0);
}

/// maxout: the largest piece of each group (NaN wins, the first on ties), and its backward.
template <class T>
void check_maxout(std::vector<T> const& x, std::size_t pieces)
{
    const std::size_t groups = x.size() / pieces;
    std::vector<T> xs(x.begin(), x.begin() + groups * pieces), y(groups);
    std::vector<std::size_t> arg(groups);
    xact::maxout<T>{pieces}.forward(xs, y, arg);
    for (std::size_t g = 0; g < groups; ++g) {
        if (arg[g] >= pieces) fail("maxout argmax", g, 0, double(arg[g]), double(pieces));
        if (!same(y[g], xs[g * pieces + arg[g]])) fail("maxout value", g, 0, double(y[g]), double(xs[g * pieces + arg[g]]));
        for (std::size_t k = 0; k < pieces; ++k) {
            const T v = xs[g * pieces + k];
            if (y[g] == y[g] && (v != v || v > y[g])) fail("maxout not the maximum", g, double(v), double(y[g]), double(v));
        }
    }
    std::vector<T> dy(groups, T(1)), dx(xs.size(), T(7));
    xact::maxout<T>{pieces}.backward(arg, dy, dx);
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const T want = arg[i / pieces] == i % pieces ? T(1) : T(0);
        if (!same(dx[i], want)) fail("maxout backward", i, 0, double(dx[i]), double(want));
    }
}

template <class T>
void run(input const& in)
{
    const unsigned fn = in.byte(0) % 17, dir = (in.byte(1) >> 1) % 3;
    const bool in_place = (in.byte(1) >> 3) & 1;
    const std::size_t offset = in.byte(2) % 16, shape = in.byte(3);
    const double pd = in.param();
    // a parameter in T's range: the raw double where it fits, else its fraction (NaN stays NaN)
    const T p = std::fabs(pd) <= double(std::numeric_limits<T>::max()) || pd != pd ? T(pd) : T(std::fmod(pd, 8.0));
    const std::vector<T> x = in.values<T>();
    switch (fn) {
        case 0: return check_elementwise(xact::step<T>{}, x, dir, in_place, offset);
        case 1: return check_elementwise(xact::identity<T>{}, x, dir, in_place, offset);
        case 2: return check_elementwise(xact::sigmoid<T>{}, x, dir, in_place, offset);
        case 3: return check_elementwise(xact::tanh<T>{}, x, dir, in_place, offset);
        case 4: return check_elementwise(xact::relu<T>{}, x, dir, in_place, offset);
        case 5: return check_elementwise(xact::leaky_relu<T>{p}, x, dir, in_place, offset);
        case 6: return check_elementwise(xact::prelu<T>{p}, x, dir, in_place, offset);
        case 7: return check_elementwise(xact::elu<T>{p}, x, dir, in_place, offset);
        case 8: return check_elementwise(xact::selu<T>{}, x, dir, in_place, offset);
        case 9: return check_elementwise(xact::swish<T>{p}, x, dir, in_place, offset);
        case 10: return check_elementwise(xact::gelu<T>{}, x, dir, in_place, offset);
        case 11: return check_elementwise(xact::gelu_tanh<T>{}, x, dir, in_place, offset);
        case 12: return check_elementwise(xact::elu<T>{}, x, dir, in_place, offset);
        case 13: return check_elementwise(xact::swish<T>{}, x, dir, in_place, offset);
        case 14: return check_softmax(x, shape % 40 + 1, T(1), in_place);
        case 15: return check_softmax(x, shape % 40 + 1, p, in_place);
        default: return check_maxout(x, shape % 9 + 1);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const input in{data, size};
    if (in.byte(1) & 1)
        run<double>(in);
    else
        run<float>(in);
    return 0;
}
