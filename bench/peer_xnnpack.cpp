// XNNPACK peer: f32 NC operators created once per size and run without a thread pool.
// XNNPACK binds the data pointers at setup, so setup is redone only when they change.
#include "peers.hpp"

#include <stdexcept>

#if defined(XACT_BENCH_HAVE_XNNPACK) && XACT_BENCH_HAVE_XNNPACK

#include <xnnpack.h>

#include <limits>

namespace xact_bench {
namespace {

void check(xnn_status s, const char* what) {
    if (s != xnn_status_success)
        throw std::runtime_error(std::string("xact bench: XNNPACK ") + what + " failed, status " +
                                 std::to_string(static_cast<int>(s)));
}

void init_once() {
    static const xnn_status s = xnn_initialize(nullptr);
    check(s, "xnn_initialize");
}

using setup_fn = xnn_status (*)(xnn_operator_t, size_t, const float*, float*, pthreadpool_t);

// An operator plus its setup function and the batch size and pointers it was set up with.
struct bound_op {
    xnn_operator_t op = nullptr;
    setup_fn setup = nullptr;
    std::size_t batch = 0;
    const float* x = nullptr;
    float* y = nullptr;

    ~bound_op() {
        if (op) xnn_delete_operator(op);
    }
    void run(const float* in, float* out) {
        if (in != x || out != y) {
            check(setup(op, batch, in, out, nullptr), "setup");
            x = in;
            y = out;
        }
        check(xnn_run_operator(op, nullptr), "xnn_run_operator");
    }
};

}  // namespace

bool xnnpack_available() {
    try {
        init_once();
        return true;
    } catch (const std::runtime_error&) {
        return false;  // e.g. unsupported hardware
    }
}

struct xnnpack_op::impl : bound_op {};

xnnpack_op::xnnpack_op(const std::string& name, std::size_t n)
    : p_(std::make_unique<impl>()), n_(n) {
    init_once();
    // One channel, n rows of stride 1: XNNPACK treats it as one contiguous vector.
    xnn_operator_t& op = p_->op;
    xnn_status s;
    if (name == "sigmoid") {
        s = xnn_create_sigmoid_nc_f32(1, 1, 1, 0, &op);
        p_->setup = xnn_setup_sigmoid_nc_f32;
    } else if (name == "elu") {
        s = xnn_create_elu_nc_f32(1, 1, 1, 1.0f, 0, &op);
        p_->setup = xnn_setup_elu_nc_f32;
    } else if (name == "leaky_relu") {
        s = xnn_create_leaky_relu_nc_f32(1, 1, 1, 0.01f, 0, &op);
        p_->setup = xnn_setup_leaky_relu_nc_f32;
    } else if (name == "relu") {
        s = xnn_create_clamp_nc_f32(1, 1, 1, 0.0f, std::numeric_limits<float>::infinity(), 0, &op);
        p_->setup = xnn_setup_clamp_nc_f32;
    } else if (name == "hardswish") {
        s = xnn_create_hardswish_nc_f32(1, 1, 1, 0, &op);
        p_->setup = xnn_setup_hardswish_nc_f32;
    } else if (name == "relu6" || name == "hardtanh") {
        const bool six = name == "relu6";
        s = xnn_create_clamp_nc_f32(1, 1, 1, six ? 0.0f : -1.0f, six ? 6.0f : 1.0f, 0, &op);
        p_->setup = xnn_setup_clamp_nc_f32;
    } else {
        throw std::invalid_argument("xnnpack_op: unknown operator '" + name + "'");
    }
    check(s, ("create " + name).c_str());
    p_->batch = n;
}

xnnpack_op::~xnnpack_op() = default;

void xnnpack_op::run(const float* x, float* y) { p_->run(x, y); }

struct xnnpack_softmax::impl : bound_op {};

xnnpack_softmax::xnnpack_softmax(std::size_t rows, std::size_t cols)
    : p_(std::make_unique<impl>()) {
    init_once();
    check(xnn_create_softmax_nc_f32(cols, cols, cols, 0, &p_->op), "create softmax");
    p_->setup = xnn_setup_softmax_nc_f32;
    p_->batch = rows;
}

xnnpack_softmax::~xnnpack_softmax() = default;

void xnnpack_softmax::run(const float* x, float* y) { p_->run(x, y); }

}  // namespace xact_bench

#else  // XNNPACK not compiled in: availability false, constructors throw.

namespace xact_bench {
namespace {
[[noreturn]] void absent() { throw std::runtime_error("xact bench: XNNPACK was not compiled in"); }
}  // namespace

bool xnnpack_available() { return false; }

struct xnnpack_op::impl {};
struct xnnpack_softmax::impl {};

xnnpack_op::xnnpack_op(const std::string&, std::size_t n) : n_(n) { absent(); }
xnnpack_op::~xnnpack_op() = default;
void xnnpack_op::run(const float*, float*) { absent(); }

xnnpack_softmax::xnnpack_softmax(std::size_t, std::size_t) { absent(); }
xnnpack_softmax::~xnnpack_softmax() = default;
void xnnpack_softmax::run(const float*, float*) { absent(); }
}  // namespace xact_bench

#endif
