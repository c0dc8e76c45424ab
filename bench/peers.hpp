// Adapters around other libraries' activation kernels ("peers"), so the benchmark can time
// them next to xact's. Plain functions and classes, no Google Benchmark dependency.
//
// Every declaration here is always present. When a peer was not compiled in, its
// *_available() returns false and its constructors throw std::runtime_error, so callers
// check availability at run time instead of with the preprocessor.
//
// All peers run single-threaded. oneDNN as packaged by Debian uses OpenMP: the adapter
// limits the calling thread to one OpenMP thread, but running the benchmark with
// OMP_NUM_THREADS=1 keeps OpenMP from starting idle worker threads at all.
//
// Only f32 is offered: neither oneDNN 2.6 nor XNNPACK has f64 eltwise/softmax on CPU.
//
// Eigen, SLEEF and PyTorch's ATen come as tables of plain kernels (peer_kernel): one per activation
// and direction the library has, written as a user of that library would call it.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace xact_bench {

bool onednn_available();
bool xnnpack_available();

// The peer kernel that stands in for each xact activation: oneDNN's eltwise algorithm with its
// alpha and beta, and whether XNNPACK has an operator under the activation's own name (forward
// only). The benchmark times these and xact_accuracy --peer measures them.
struct peer_activation {
    const char* act;
    const char* onednn_alg;
    float alpha, beta;
    bool xnnpack;
};
inline constexpr peer_activation peer_activations[] = {
    {"relu", "relu", 0.0f, 0.0f, true},          {"leaky_relu", "relu", 0.01f, 0.0f, true},
    {"elu", "elu", 1.0f, 0.0f, true},            {"tanh", "tanh", 0.0f, 0.0f, false},
    {"sigmoid", "logistic", 0.0f, 0.0f, true},   {"swish", "swish", 1.0f, 0.0f, false},
    {"gelu_tanh", "gelu_tanh", 0.0f, 0.0f, false}, {"gelu", "gelu_erf", 0.0f, 0.0f, false},
    {"identity", "linear", 1.0f, 0.0f, false},
    {"hardswish", "hardswish", 0.0f, 0.0f, true},
    {"hardtanh", "clip_v2", -1.0f, 1.0f, true},
    {"relu6", "clip_v2", 0.0f, 6.0f, true},
    {"softplus", "soft_relu", 0.0f, 0.0f, false}, {"mish", "mish", 0.0f, 0.0f, false},
    {"logsigmoid", "logsigmoid", 0.0f, 0.0f, false}, {"quick_gelu", "swish", 1.702f, 0.0f, false},
};

// oneDNN eltwise, forward_inference plus backward, over n contiguous floats.
// name: "relu" (alpha = negative slope, 0.01 gives leaky ReLU), "elu" (alpha), "tanh",
// "logistic", "swish" (alpha: x * sigmoid(alpha * x)), "gelu_tanh", "gelu_erf",
// "linear" (alpha * x + beta; alpha 1, beta 0 is the identity), "clip_v2" (clamp to [alpha, beta],
// derivative 0 at both ends as PyTorch's hardtanh; use_dst variant), "hardswish" (x relu6(x + 3) / 6),
// "soft_relu" (log(1 + e^x): oneDNN 2.6 has no beta), "logsigmoid", "mish".
// oneDNN 2.6 has no hardsigmoid, softshrink, hardshrink or softsign.
// use_dst_for_bwd selects oneDNN's *_use_dst_for_bwd algorithm (relu, elu, tanh, logistic
// only): backward then takes the forward output y in place of x.
class onednn_eltwise {
public:
    // type: "f32" (float arrays), "bf16" or "f16" (arrays of 16-bit values; throws
    // std::runtime_error where the installed oneDNN has no such kernel on this CPU).
    onednn_eltwise(const std::string& name, float alpha, float beta, std::size_t n,
                   bool use_dst_for_bwd = false, const std::string& type = "f32");
    ~onednn_eltwise();
    onednn_eltwise(const onednn_eltwise&) = delete;
    onednn_eltwise& operator=(const onednn_eltwise&) = delete;

    static bool has_use_dst_variant(const std::string& name);

    void forward(const void* x, void* y);
    // dx = f'(x) * dy; with use_dst_for_bwd, pass y = f(x) as the first argument.
    void backward(const void* x_or_y, const void* dy, void* dx);
    std::size_t size() const noexcept { return n_; }

private:
    struct impl;
    std::unique_ptr<impl> p_;
    std::size_t n_;
};

// oneDNN binary multiply primitive: c[i] = a[i] * b[i] over n floats (with eltwise, the two-pass
// composition of a gated linear unit a oneDNN user would write).
class onednn_binary_mul {
public:
    explicit onednn_binary_mul(std::size_t n);
    ~onednn_binary_mul();
    onednn_binary_mul(const onednn_binary_mul&) = delete;
    onednn_binary_mul& operator=(const onednn_binary_mul&) = delete;

    void run(const float* a, const float* b, float* c);

private:
    struct impl;
    std::unique_ptr<impl> p_;
};

// oneDNN softmax (or log-softmax) over each row of a row-major rows x cols matrix.
class onednn_softmax {
public:
    onednn_softmax(std::size_t rows, std::size_t cols, bool log = false);
    ~onednn_softmax();
    onednn_softmax(const onednn_softmax&) = delete;
    onednn_softmax& operator=(const onednn_softmax&) = delete;

    void forward(const float* x, float* y);
    // Backward takes the forward output y (oneDNN's softmax backward is dst-based).
    void backward(const float* y, const float* dy, float* dx);

private:
    struct impl;
    std::unique_ptr<impl> p_;
};

// XNNPACK unary operator over n contiguous floats (forward only, XNNPACK has no backward).
// name: "sigmoid", "elu" (alpha 1), "leaky_relu" (slope 0.01), "relu" (clamp to [0, +inf)),
// "hardswish", "relu6" (clamp to [0, 6]), "hardtanh" (clamp to [-1, 1]).
class xnnpack_op {
public:
    xnnpack_op(const std::string& name, std::size_t n);
    ~xnnpack_op();
    xnnpack_op(const xnnpack_op&) = delete;
    xnnpack_op& operator=(const xnnpack_op&) = delete;

    void run(const float* x, float* y);
    std::size_t size() const noexcept { return n_; }

private:
    struct impl;
    std::unique_ptr<impl> p_;
    std::size_t n_;
};

// XNNPACK softmax over each row of a row-major rows x cols matrix.
class xnnpack_softmax {
public:
    xnnpack_softmax(std::size_t rows, std::size_t cols);
    ~xnnpack_softmax();
    xnnpack_softmax(const xnnpack_softmax&) = delete;
    xnnpack_softmax& operator=(const xnnpack_softmax&) = delete;

    void run(const float* x, float* y);

private:
    struct impl;
    std::unique_ptr<impl> p_;
};

// ---- Eigen, SLEEF, ATen

// One library's kernel for one activation and direction over n contiguous floats:
//   forward               out = f(in)                    (dy unused)
//   backward              out = dy * f'(in)
//   backward_from_output  out = dy * f'(x), in = y = f(x)
// act is xact's name of the activation (swish for SiLU).
struct peer_kernel {
    const char* lib;  // row prefix: "eigen", "sleef", "sleef_u35", "torch" (or "torch_avx512", ...)
    const char* act;
    const char* dir;
    void (*run)(const float* in, const float* dy, float* out, std::size_t n);
};

// Eigen 3.4 array expressions on Eigen::Map<ArrayXf>: tanh(), logistic(), erf(), expm1(), max(),
// select(), with gelu, gelu_tanh, silu, elu, selu composed from them. Forward only.
bool eigen_available();
std::vector<peer_kernel> eigen_kernels();

// SLEEF 3.5 vector functions at the build's vector width (AVX-512, AVX2 or SSE4; sleef_isa() says
// which): lib "sleef" the 1.0-ULP functions (expf, expm1f, tanhf, erff u10), lib "sleef_u35" the
// 3.5-ULP ones where SLEEF has them (tanhf u35; sigmoid as 1/2 + tanh(x/2)/2). Forward only.
bool sleef_available();
const char* sleef_isa();
std::vector<peer_kernel> sleef_kernels();

// PyTorch ATen (libtorch): at::*_out on tensors over the caller's buffers, at::set_num_threads(1).
// Forward and the backward functions autograd calls (sigmoid and tanh: from the output).
// lib is "torch" for ATen's default CPU capability, "torch_<capability>" (such as torch_avx512)
// when the process runs with ATEN_CPU_CAPABILITY set; torch_capability() gives ATen's own word.
bool torch_available();
std::string torch_capability();
std::vector<peer_kernel> torch_kernels();

}  // namespace xact_bench
