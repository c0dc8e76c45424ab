// oneDNN peer: eltwise and (log-)softmax primitives on a CPU engine, one thread.
// Primitives and memory objects are created once; each call only swaps data handles.
#include "peers.hpp"

#include <stdexcept>

#if defined(XACT_BENCH_HAVE_ONEDNN) && XACT_BENCH_HAVE_ONEDNN

#include <dnnl.hpp>

#include <unordered_map>
#include <utility>

#if defined(XACT_BENCH_ONEDNN_OMP) && XACT_BENCH_ONEDNN_OMP
#include <omp.h>
#endif

namespace xact_bench {
namespace {

// Keep oneDNN's OpenMP runtime at one thread for the calling thread. The setting is
// per thread in OpenMP, so it is checked on every call (a load and a compare).
void single_thread() {
#if defined(XACT_BENCH_ONEDNN_OMP) && XACT_BENCH_ONEDNN_OMP
    if (omp_get_max_threads() != 1) omp_set_num_threads(1);
#endif
}

struct context {
    dnnl::engine eng{dnnl::engine::kind::cpu, 0};
    dnnl::stream strm{eng};
};

context& ctx() {
    single_thread();
    static context c;
    return c;
}

using args_t = std::unordered_map<int, dnnl::memory>;

// A memory object over a user buffer set later with set_data_handle.
dnnl::memory user_memory(const dnnl::memory::desc& md) {
    return dnnl::memory(md, ctx().eng, nullptr);
}

void set(args_t& args, int arg, const void* p) {
    args.at(arg).set_data_handle(const_cast<void*>(p));
}

struct alg_entry {
    const char* name;
    dnnl::algorithm src_alg;
    dnnl::algorithm dst_alg;  // undef when oneDNN has no use_dst variant
};

constexpr dnnl::algorithm none = dnnl::algorithm::undef;
const alg_entry algs[] = {
    {"relu", dnnl::algorithm::eltwise_relu, dnnl::algorithm::eltwise_relu_use_dst_for_bwd},
    {"elu", dnnl::algorithm::eltwise_elu, dnnl::algorithm::eltwise_elu_use_dst_for_bwd},
    {"tanh", dnnl::algorithm::eltwise_tanh, dnnl::algorithm::eltwise_tanh_use_dst_for_bwd},
    {"logistic", dnnl::algorithm::eltwise_logistic,
     dnnl::algorithm::eltwise_logistic_use_dst_for_bwd},
    {"swish", dnnl::algorithm::eltwise_swish, none},
    {"gelu_tanh", dnnl::algorithm::eltwise_gelu_tanh, none},
    {"gelu_erf", dnnl::algorithm::eltwise_gelu_erf, none},
    {"linear", dnnl::algorithm::eltwise_linear, none},
    {"clip_v2", dnnl::algorithm::eltwise_clip_v2, dnnl::algorithm::eltwise_clip_v2_use_dst_for_bwd},
    {"hardswish", dnnl::algorithm::eltwise_hardswish, none},
    {"soft_relu", dnnl::algorithm::eltwise_soft_relu, none},
    {"logsigmoid", dnnl::algorithm::eltwise_logsigmoid, none},
    {"mish", dnnl::algorithm::eltwise_mish, none},
};

const alg_entry& find_alg(const std::string& name) {
    for (const auto& a : algs)
        if (name == a.name) return a;
    throw std::invalid_argument("onednn_eltwise: unknown algorithm '" + name + "'");
}

dnnl::memory::desc vector_desc(std::size_t n,
                               dnnl::memory::data_type t = dnnl::memory::data_type::f32) {
    return {{static_cast<dnnl::memory::dim>(n)}, t, dnnl::memory::format_tag::a};
}

dnnl::memory::data_type data_type(const std::string& type) {
    if (type == "f32") return dnnl::memory::data_type::f32;
    if (type == "bf16") return dnnl::memory::data_type::bf16;
    if (type == "f16") return dnnl::memory::data_type::f16;
    throw std::invalid_argument("onednn: unknown data type '" + type + "'");
}

dnnl::memory::desc matrix_desc(std::size_t rows, std::size_t cols) {
    return {{static_cast<dnnl::memory::dim>(rows), static_cast<dnnl::memory::dim>(cols)},
            dnnl::memory::data_type::f32, dnnl::memory::format_tag::ab};
}

void run(const dnnl::primitive& prim, const args_t& args) {
    single_thread();
    auto& c = ctx();
    prim.execute(c.strm, args);
    c.strm.wait();
}

}  // namespace

bool onednn_available() { return true; }

// ---- eltwise ----

struct onednn_eltwise::impl {
    dnnl::eltwise_forward fwd;
    dnnl::eltwise_backward bwd;
    args_t fwd_args, bwd_args;
    int bwd_data_arg = DNNL_ARG_SRC;
};

bool onednn_eltwise::has_use_dst_variant(const std::string& name) {
    return find_alg(name).dst_alg != none;
}

onednn_eltwise::onednn_eltwise(const std::string& name, float alpha, float beta,
                               std::size_t n, bool use_dst_for_bwd, const std::string& type)
    : p_(std::make_unique<impl>()), n_(n) {
    const alg_entry& e = find_alg(name);
    if (use_dst_for_bwd && e.dst_alg == none)
        throw std::invalid_argument("onednn_eltwise: no use_dst variant for '" + name + "'");
    // The forward and backward algorithm kinds must match, so a use_dst backward also
    // needs the use_dst forward (which computes the same values).
    const dnnl::algorithm alg = use_dst_for_bwd ? e.dst_alg : e.src_alg;
    const auto md = vector_desc(n, data_type(type));
    auto& eng = ctx().eng;

    // an unsupported data type on this CPU: dnnl::error from the primitive descriptor
    try {
    const dnnl::eltwise_forward::primitive_desc fpd(
        {dnnl::prop_kind::forward_inference, alg, md, alpha, beta}, eng);
    const dnnl::eltwise_backward::primitive_desc bpd({alg, md, md, alpha, beta}, eng, fpd);
    p_->fwd = dnnl::eltwise_forward(fpd);
    p_->bwd = dnnl::eltwise_backward(bpd);
    } catch (dnnl::error const& err) {
        throw std::runtime_error("onednn_eltwise: no " + type + " " + name + " kernel: " + err.what());
    }

    p_->bwd_data_arg = use_dst_for_bwd ? DNNL_ARG_DST : DNNL_ARG_SRC;
    p_->fwd_args = {{DNNL_ARG_SRC, user_memory(md)}, {DNNL_ARG_DST, user_memory(md)}};
    p_->bwd_args = {{p_->bwd_data_arg, user_memory(md)},
                    {DNNL_ARG_DIFF_DST, user_memory(md)},
                    {DNNL_ARG_DIFF_SRC, user_memory(md)}};
}

onednn_eltwise::~onednn_eltwise() = default;

void onednn_eltwise::forward(const void* x, void* y) {
    set(p_->fwd_args, DNNL_ARG_SRC, x);
    set(p_->fwd_args, DNNL_ARG_DST, y);
    run(p_->fwd, p_->fwd_args);
}

void onednn_eltwise::backward(const void* x_or_y, const void* dy, void* dx) {
    set(p_->bwd_args, p_->bwd_data_arg, x_or_y);
    set(p_->bwd_args, DNNL_ARG_DIFF_DST, dy);
    set(p_->bwd_args, DNNL_ARG_DIFF_SRC, dx);
    run(p_->bwd, p_->bwd_args);
}

// ---- binary multiply ----

struct onednn_binary_mul::impl {
    dnnl::binary prim;
    args_t args;
};

onednn_binary_mul::onednn_binary_mul(std::size_t n) : p_(std::make_unique<impl>()) {
    const auto md = vector_desc(n);
    const dnnl::binary::primitive_desc pd({dnnl::algorithm::binary_mul, md, md, md}, ctx().eng);
    p_->prim = dnnl::binary(pd);
    p_->args = {{DNNL_ARG_SRC_0, user_memory(md)},
                {DNNL_ARG_SRC_1, user_memory(md)},
                {DNNL_ARG_DST, user_memory(md)}};
}

onednn_binary_mul::~onednn_binary_mul() = default;

void onednn_binary_mul::run(const float* a, const float* b, float* c) {
    set(p_->args, DNNL_ARG_SRC_0, a);
    set(p_->args, DNNL_ARG_SRC_1, b);
    set(p_->args, DNNL_ARG_DST, c);
    xact_bench::run(p_->prim, p_->args);  // the primitive runner above, not this member
}

// ---- softmax / log-softmax (the v1 API of oneDNN 2.x, softmax along axis 1) ----

struct onednn_softmax::impl {
    dnnl::primitive fwd, bwd;
    args_t fwd_args, bwd_args;
};

namespace {
template <class Fwd, class Bwd>
void make_softmax(const dnnl::memory::desc& md, dnnl::primitive& fwd, dnnl::primitive& bwd) {
    auto& eng = ctx().eng;
    const typename Fwd::primitive_desc fpd({dnnl::prop_kind::forward_inference, md, 1}, eng);
    const typename Bwd::primitive_desc bpd({md, md, 1}, eng, fpd);
    fwd = Fwd(fpd);
    bwd = Bwd(bpd);
}
}  // namespace

onednn_softmax::onednn_softmax(std::size_t rows, std::size_t cols, bool log)
    : p_(std::make_unique<impl>()) {
    const auto md = matrix_desc(rows, cols);
    if (log)
        make_softmax<dnnl::logsoftmax_forward, dnnl::logsoftmax_backward>(md, p_->fwd, p_->bwd);
    else
        make_softmax<dnnl::softmax_forward, dnnl::softmax_backward>(md, p_->fwd, p_->bwd);
    p_->fwd_args = {{DNNL_ARG_SRC, user_memory(md)}, {DNNL_ARG_DST, user_memory(md)}};
    p_->bwd_args = {{DNNL_ARG_DST, user_memory(md)},
                    {DNNL_ARG_DIFF_DST, user_memory(md)},
                    {DNNL_ARG_DIFF_SRC, user_memory(md)}};
}

onednn_softmax::~onednn_softmax() = default;

void onednn_softmax::forward(const float* x, float* y) {
    set(p_->fwd_args, DNNL_ARG_SRC, x);
    set(p_->fwd_args, DNNL_ARG_DST, y);
    run(p_->fwd, p_->fwd_args);
}

void onednn_softmax::backward(const float* y, const float* dy, float* dx) {
    set(p_->bwd_args, DNNL_ARG_DST, y);
    set(p_->bwd_args, DNNL_ARG_DIFF_DST, dy);
    set(p_->bwd_args, DNNL_ARG_DIFF_SRC, dx);
    run(p_->bwd, p_->bwd_args);
}

}  // namespace xact_bench

#else  // oneDNN not compiled in: availability false, constructors throw.

namespace xact_bench {
namespace {
[[noreturn]] void absent() { throw std::runtime_error("xact bench: oneDNN was not compiled in"); }
}  // namespace

bool onednn_available() { return false; }

struct onednn_eltwise::impl {};
struct onednn_softmax::impl {};
struct onednn_binary_mul::impl {};

bool onednn_eltwise::has_use_dst_variant(const std::string&) { return false; }
onednn_eltwise::onednn_eltwise(const std::string&, float, float, std::size_t n, bool,
                               const std::string&) : n_(n) {
    absent();
}
onednn_eltwise::~onednn_eltwise() = default;
void onednn_eltwise::forward(const void*, void*) { absent(); }
void onednn_eltwise::backward(const void*, const void*, void*) { absent(); }

onednn_binary_mul::onednn_binary_mul(std::size_t) { absent(); }
onednn_binary_mul::~onednn_binary_mul() = default;
void onednn_binary_mul::run(const float*, const float*, float*) { absent(); }

onednn_softmax::onednn_softmax(std::size_t, std::size_t, bool) { absent(); }
onednn_softmax::~onednn_softmax() = default;
void onednn_softmax::forward(const float*, float*) { absent(); }
void onednn_softmax::backward(const float*, const float*, float*) { absent(); }
}  // namespace xact_bench

#endif
