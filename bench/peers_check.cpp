// Sanity check for the peer adapters: compares each with a std:: reference (a few printed
// values plus the max abs error over a grid) and times it with std::chrono.
// Exit status 1 if an available peer is off by more than a loose f32 tolerance.
#include "peers.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace {

using vec = std::vector<float>;
using ref_fn = std::function<double(double)>;

constexpr std::size_t bench_n = 65536;
constexpr std::size_t sm_rows = 256, sm_cols = 1000;
int failures = 0;

double sigm(double x) { return 1.0 / (1.0 + std::exp(-x)); }
constexpr double k_gelu = 0.7978845608028654;  // sqrt(2 / pi)
constexpr double c_gelu = 0.044715;

// Best-of-5 throughput, each round running f for at least ~50 ms.
double gelems(const std::function<void()>& f, std::size_t elems) {
    using clk = std::chrono::steady_clock;
    f();
    double best = 0;
    for (int round = 0; round < 5; ++round) {
        std::size_t iters = 0;
        const auto t0 = clk::now();
        double secs = 0;
        do {
            for (int i = 0; i < 16; ++i) f();
            iters += 16;
            secs = std::chrono::duration<double>(clk::now() - t0).count();
        } while (secs < 0.05);
        best = std::max(best, static_cast<double>(iters * elems) / secs * 1e-9);
    }
    return best;
}

// Inputs spread over [-8, 8], avoiding exactly 0 where derivatives have a kink.
vec grid(std::size_t n) {
    vec x(n);
    for (std::size_t i = 0; i < n; ++i)
        x[i] = -8.0f + 16.0f * (static_cast<float>(i) + 0.37f) / static_cast<float>(n);
    return x;
}

// Prints a few x -> got (ref) pairs and the max abs error; tolerance is absolute+relative.
void report(const char* label, const vec& x, const vec& got, const ref_fn& ref, double tol) {
    double err = 0;
    bool bad = false;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double r = ref(x[i]), e = std::fabs(got[i] - r);
        err = std::max(err, e);
        bad = bad || !(e <= tol * (1 + std::fabs(r)));
    }
    std::printf("  %-26s", label);
    for (std::size_t i : {x.size() / 8, x.size() * 3 / 8, x.size() * 5 / 8, x.size() * 7 / 8})
        std::printf(" %+.3f->%+.6f(%+.6f)", x[i], got[i], ref(x[i]));
    std::printf("  maxerr %.2e%s\n", err, bad ? "  FAIL" : "");
    failures += bad;
}

struct elt_case {
    const char* name;
    float alpha, beta;
    ref_fn f, df;
};

std::vector<elt_case> onednn_cases() {
    auto gt = [](double x) { return 0.5 * x * (1 + std::tanh(k_gelu * (x + c_gelu * x * x * x))); };
    auto dgt = [](double x) {
        const double t = std::tanh(k_gelu * (x + c_gelu * x * x * x));
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k_gelu * (1 + 3 * c_gelu * x * x);
    };
    auto ge = [](double x) { return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0))); };
    auto dge = [](double x) {
        return 0.5 * (1 + std::erf(x / std::sqrt(2.0))) + x * std::exp(-0.5 * x * x) * 0.3989422804014327;
    };
    return {
        {"relu", 0, 0, [](double x) { return x > 0 ? x : 0.0; }, [](double x) { return x > 0 ? 1.0 : 0.0; }},
        {"relu", 0.01f, 0, [](double x) { return x > 0 ? x : 0.01 * x; },
         [](double x) { return x > 0 ? 1.0 : 0.01; }},
        {"elu", 1, 0, [](double x) { return x > 0 ? x : std::expm1(x); },
         [](double x) { return x > 0 ? 1.0 : std::exp(x); }},
        {"tanh", 0, 0, [](double x) { return std::tanh(x); },
         [](double x) { return 1 - std::tanh(x) * std::tanh(x); }},
        {"logistic", 0, 0, sigm, [](double x) { return sigm(x) * (1 - sigm(x)); }},
        {"swish", 1, 0, [](double x) { return x * sigm(x); },
         [](double x) { return sigm(x) + x * sigm(x) * (1 - sigm(x)); }},
        {"gelu_tanh", 0, 0, gt, dgt},
        {"gelu_erf", 0, 0, ge, dge},
        {"linear", 1, 0, [](double x) { return x; }, [](double) { return 1.0; }},
    };
}

void check_onednn() {
    std::printf("oneDNN: %s\n", xact_bench::onednn_available() ? "available" : "not compiled in");
    if (!xact_bench::onednn_available()) return;
    const vec x = grid(1000), ones(x.size(), 1.0f);
    const vec xb = grid(bench_n), dyb(bench_n, 0.5f);
    vec y(x.size()), dx(x.size()), yb(bench_n), dxb(bench_n);

    for (const auto& c : onednn_cases()) {
        for (bool use_dst : {false, true}) {
            if (use_dst && !xact_bench::onednn_eltwise::has_use_dst_variant(c.name)) continue;
            std::string label = c.name;
            if (label == "relu" && c.alpha != 0) label = "leaky_relu";
            if (use_dst) label += " use_dst";
            xact_bench::onednn_eltwise small(c.name, c.alpha, c.beta, x.size(), use_dst);
            small.forward(x.data(), y.data());
            small.backward(use_dst ? y.data() : x.data(), ones.data(), dx.data());
            report((label + " fwd").c_str(), x, y, c.f, 2e-5);
            report((label + " bwd").c_str(), x, dx, c.df, 2e-5);

            xact_bench::onednn_eltwise big(c.name, c.alpha, c.beta, bench_n, use_dst);
            big.forward(xb.data(), yb.data());
            const double gf = gelems([&] { big.forward(xb.data(), yb.data()); }, bench_n);
            const float* data = use_dst ? yb.data() : xb.data();
            const double gb = gelems([&] { big.backward(data, dyb.data(), dxb.data()); }, bench_n);
            std::printf("  %-26s n=%zu  fwd %.3f G elem/s  bwd %.3f G elem/s\n", label.c_str(), bench_n, gf, gb);
        }
    }
}

// Row-wise softmax / log-softmax references in double.
void softmax_ref(const vec& x, std::size_t rows, std::size_t cols, bool log, std::vector<double>& y) {
    y.assign(x.size(), 0);
    for (std::size_t r = 0; r < rows; ++r) {
        const float* xr = &x[r * cols];
        const double m = *std::max_element(xr, xr + cols);
        double s = 0;
        for (std::size_t c = 0; c < cols; ++c) s += std::exp(xr[c] - m);
        for (std::size_t c = 0; c < cols; ++c)
            y[r * cols + c] = log ? xr[c] - m - std::log(s) : std::exp(xr[c] - m) / s;
    }
}

double max_err(const vec& got, const std::vector<double>& ref) {
    double e = 0;
    for (std::size_t i = 0; i < got.size(); ++i) e = std::max(e, std::fabs(got[i] - ref[i]));
    return e;
}

void verdict(const char* label, double err, double tol) {
    const bool bad = !(err <= tol);
    std::printf("  %-26s maxerr %.2e%s\n", label, err, bad ? "  FAIL" : "");
    failures += bad;
}

vec softmax_input() {
    vec x(sm_rows * sm_cols);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = 6.0f * std::sin(0.37f * static_cast<float>(i));
    return x;
}

void check_onednn_softmax() {
    if (!xact_bench::onednn_available()) return;
    const vec x = softmax_input();
    vec dy(x.size()), y(x.size()), dx(x.size());
    for (std::size_t i = 0; i < dy.size(); ++i) dy[i] = std::cos(0.11f * static_cast<float>(i));
    for (bool log : {false, true}) {
        xact_bench::onednn_softmax sm(sm_rows, sm_cols, log);
        std::vector<double> ry, rdx(x.size());
        softmax_ref(x, sm_rows, sm_cols, log, ry);
        // Backward references: softmax dx = y (dy - sum(dy y)); log-softmax dx = dy - exp(y) sum(dy).
        for (std::size_t r = 0; r < sm_rows; ++r) {
            double s = 0;
            for (std::size_t c = 0; c < sm_cols; ++c) {
                const std::size_t i = r * sm_cols + c;
                s += log ? dy[i] : dy[i] * ry[i];
            }
            for (std::size_t c = 0; c < sm_cols; ++c) {
                const std::size_t i = r * sm_cols + c;
                rdx[i] = log ? dy[i] - std::exp(ry[i]) * s : ry[i] * (dy[i] - s);
            }
        }
        sm.forward(x.data(), y.data());
        sm.backward(y.data(), dy.data(), dx.data());
        const char* name = log ? "logsoftmax" : "softmax";
        verdict((std::string(name) + " fwd").c_str(), max_err(y, ry), 1e-5);
        verdict((std::string(name) + " bwd").c_str(), max_err(dx, rdx), 1e-5);
        const double gf = gelems([&] { sm.forward(x.data(), y.data()); }, x.size());
        const double gb = gelems([&] { sm.backward(y.data(), dy.data(), dx.data()); }, x.size());
        std::printf("  %-26s %zux%zu  fwd %.3f G elem/s  bwd %.3f G elem/s\n", name, sm_rows, sm_cols, gf, gb);
    }
}

void check_xnnpack() {
    std::printf("XNNPACK: %s\n", xact_bench::xnnpack_available() ? "available" : "not compiled in");
    if (!xact_bench::xnnpack_available()) return;
    struct xcase {
        const char* name;
        ref_fn f;
    };
    const xcase cases[] = {
        {"sigmoid", sigm},
        {"elu", [](double x) { return x > 0 ? x : std::expm1(x); }},
        {"leaky_relu", [](double x) { return x > 0 ? x : 0.01 * x; }},
        {"relu", [](double x) { return x > 0 ? x : 0.0; }},
    };
    const vec x = grid(1000), xb = grid(bench_n);
    vec y(x.size()), yb(bench_n);
    for (const auto& c : cases) {
        xact_bench::xnnpack_op small(c.name, x.size());
        small.run(x.data(), y.data());
        report(c.name, x, y, c.f, 2e-5);
        xact_bench::xnnpack_op big(c.name, bench_n);
        const double g = gelems([&] { big.run(xb.data(), yb.data()); }, bench_n);
        std::printf("  %-26s n=%zu  %.3f G elem/s\n", c.name, bench_n, g);
    }

    const vec xs = softmax_input();
    vec ys(xs.size());
    std::vector<double> ref;
    softmax_ref(xs, sm_rows, sm_cols, false, ref);
    xact_bench::xnnpack_softmax sm(sm_rows, sm_cols);
    sm.run(xs.data(), ys.data());
    verdict("softmax", max_err(ys, ref), 1e-5);
    const double g = gelems([&] { sm.run(xs.data(), ys.data()); }, xs.size());
    std::printf("  %-26s %zux%zu  %.3f G elem/s\n", "softmax", sm_rows, sm_cols, g);
}

}  // namespace

int main() {
    check_onednn();
    check_onednn_softmax();
    check_xnnpack();
    std::printf("%s\n", failures ? "peers check: FAILED" : "peers check: ok");
    return failures ? 1 : 0;
}
