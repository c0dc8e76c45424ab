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
#pragma once

#include <cstddef>
#include <memory>
#include <string>

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
};

// oneDNN eltwise, forward_inference plus backward, over n contiguous floats.
// name: "relu" (alpha = negative slope, 0.01 gives leaky ReLU), "elu" (alpha), "tanh",
// "logistic", "swish" (alpha: x * sigmoid(alpha * x)), "gelu_tanh", "gelu_erf",
// "linear" (alpha * x + beta; alpha 1, beta 0 is the identity).
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
// name: "sigmoid", "elu" (alpha 1), "leaky_relu" (slope 0.01), "relu" (clamp to [0, +inf)).
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

}  // namespace xact_bench
