// PyTorch peer: ATen's CPU kernels through at::*_out, on one thread, on tensors that view the
// caller's buffers (at::from_blob, made once per buffer and thread and then reused, so a call
// costs ATen's dispatch and the kernel only). The backward functions are those autograd runs for
// each activation; sigmoid and tanh take the forward output, as in PyTorch.
#include "peers.hpp"

#if defined(XACT_BENCH_HAVE_TORCH) && XACT_BENCH_HAVE_TORCH

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/Version.h>

#include <cstdlib>
#include <map>
#include <utility>

namespace xact_bench {
namespace {

void init_once()
{
    static const bool done = [] {
        at::set_num_threads(1);
        return true;
    }();
    (void)done;
}

// A tensor over p[0, n), made on first use and kept for this thread.
at::Tensor& view(const float* p, std::size_t n)
{
    thread_local std::map<std::pair<const float*, std::size_t>, at::Tensor> cache;
    auto it = cache.find({p, n});
    if (it == cache.end()) {
        init_once();
        at::Tensor t = at::from_blob(const_cast<float*>(p), {static_cast<int64_t>(n)},
                                     at::TensorOptions().dtype(at::kFloat));
        it = cache.emplace(std::make_pair(p, n), std::move(t)).first;
    }
    return it->second;
}

constexpr double selu_l = 1.0507009873554804934, selu_a = 1.6732632423543772848;

std::string capability_word()
{
    const std::string cfg = at::show_config();
    const std::string key = "CPU capability usage: ";
    const auto at_key = cfg.find(key);
    if (at_key == std::string::npos) return "unknown";
    const auto from = at_key + key.size();
    return cfg.substr(from, cfg.find_first_of("\r\n", from) - from);
}

}  // namespace

bool torch_available() { return true; }

std::string torch_capability()
{
    static const std::string word = capability_word();
    return word;
}

std::vector<peer_kernel> torch_kernels()
{
    init_once();
    // The rows of a process run with ATEN_CPU_CAPABILITY set are named after the capability ATen
    // then uses, so they can sit next to the default ones in one report.
    static const std::string lib = [] {
        const char* env = std::getenv("ATEN_CPU_CAPABILITY");
        if (!env || !*env) return std::string("torch");
        std::string w = torch_capability();
        for (char& c : w) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        return "torch_" + w;
    }();
    const char* L = lib.c_str();
    using K = peer_kernel;
    using fn = void (*)(const float*, const float*, float*, std::size_t);
    auto k = [L](const char* act, const char* dir, fn f) { return K{L, act, dir, f}; };
    return {
        // forward
        k("relu", "forward",
          [](const float* x, const float*, float* y, std::size_t n) { at::clamp_min_out(view(y, n), view(x, n), 0); }),
        k("leaky_relu", "forward",
          [](const float* x, const float*, float* y, std::size_t n) {
              at::leaky_relu_out(view(y, n), view(x, n), 0.01);
          }),
        k("elu", "forward",
          [](const float* x, const float*, float* y, std::size_t n) { at::elu_out(view(y, n), view(x, n), 1.0); }),
        k("selu", "forward",
          [](const float* x, const float*, float* y, std::size_t n) {
              at::elu_out(view(y, n), view(x, n), selu_a, selu_l);
          }),
        k("sigmoid", "forward",
          [](const float* x, const float*, float* y, std::size_t n) { at::sigmoid_out(view(y, n), view(x, n)); }),
        k("tanh", "forward",
          [](const float* x, const float*, float* y, std::size_t n) { at::tanh_out(view(y, n), view(x, n)); }),
        k("swish", "forward",
          [](const float* x, const float*, float* y, std::size_t n) { at::silu_out(view(y, n), view(x, n)); }),
        k("gelu", "forward",
          [](const float* x, const float*, float* y, std::size_t n) {
              at::gelu_out(view(y, n), view(x, n), "none");
          }),
        k("gelu_tanh", "forward",
          [](const float* x, const float*, float* y, std::size_t n) {
              at::gelu_out(view(y, n), view(x, n), "tanh");
          }),
        // backward: dx = dy f'(x)
        k("relu", "backward",
          [](const float* x, const float* dy, float* dx, std::size_t n) {
              at::threshold_backward_out(view(dx, n), view(dy, n), view(x, n), 0);
          }),
        k("leaky_relu", "backward",
          [](const float* x, const float* dy, float* dx, std::size_t n) {
              at::leaky_relu_backward_out(view(dx, n), view(dy, n), view(x, n), 0.01, false);
          }),
        k("elu", "backward",
          [](const float* x, const float* dy, float* dx, std::size_t n) {
              at::elu_backward_out(view(dx, n), view(dy, n), 1.0, 1.0, 1.0, false, view(x, n));
          }),
        k("selu", "backward",
          [](const float* x, const float* dy, float* dx, std::size_t n) {
              at::elu_backward_out(view(dx, n), view(dy, n), selu_a, selu_l, 1.0, false, view(x, n));
          }),
        k("swish", "backward",
          [](const float* x, const float* dy, float* dx, std::size_t n) {
              at::silu_backward_out(view(dx, n), view(dy, n), view(x, n));
          }),
        k("gelu", "backward",
          [](const float* x, const float* dy, float* dx, std::size_t n) {
              at::gelu_backward_out(view(dx, n), view(dy, n), view(x, n), "none");
          }),
        k("gelu_tanh", "backward",
          [](const float* x, const float* dy, float* dx, std::size_t n) {
              at::gelu_backward_out(view(dx, n), view(dy, n), view(x, n), "tanh");
          }),
        // backward from the output y = f(x)
        k("sigmoid", "backward_from_output",
          [](const float* y, const float* dy, float* dx, std::size_t n) {
              at::sigmoid_backward_out(view(dx, n), view(dy, n), view(y, n));
          }),
        k("tanh", "backward_from_output",
          [](const float* y, const float* dy, float* dx, std::size_t n) {
              at::tanh_backward_out(view(dx, n), view(dy, n), view(y, n));
          }),
        k("elu", "backward_from_output",
          [](const float* y, const float* dy, float* dx, std::size_t n) {
              at::elu_backward_out(view(dx, n), view(dy, n), 1.0, 1.0, 1.0, true, view(y, n));
          }),
    };
}

}  // namespace xact_bench

#else  // libtorch not compiled in

namespace xact_bench {
bool torch_available() { return false; }
std::string torch_capability() { return "none"; }
std::vector<peer_kernel> torch_kernels() { return {}; }
}  // namespace xact_bench

#endif
