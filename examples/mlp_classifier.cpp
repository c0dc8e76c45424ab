// mlp_classifier: trains a small multilayer perceptron on two interleaved spirals that it
// generates itself, with xact kernels for the hidden activations and log-softmax with negative
// log-likelihood at the output.
//
//   mlp_classifier [activation] [--gated] [--depth N] [--width N] [--epochs N] [--lr X] [--seed N]
//
// --gated makes every hidden layer a gated linear unit, as in LLaMA-style feed-forward blocks: the
// layer projects to 2 x width values per point, the gate half first, and outputs
// f(gate) * value through xact::gated_forward (SwiGLU for silu, GeGLU for gelu, ReGLU for relu,
// GLU for sigmoid), with xact::gated_backward for the gradients.
// activation: relu (default), leaky_relu, prelu, elu, selu, swish, silu, gelu, gelu_tanh, tanh,
// sigmoid, or any other name xact::runtime knows. Parameters keep their defaults (prelu's slope
// 0.25 is not learned here). The network is 2 -> width (x depth) -> 2, trained with mini-batch SGD
// and momentum 0.9. At the end it prints the share of dead units (output exactly 0 for every
// training point, as dying ReLUs are) and the gradient norm per layer on the full training set,
// before and after training, then the accuracy on held-out points as `accuracy: 0.97`.
#include <xact/xact.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <numeric>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#if XACT_EXAMPLES_RUNTIME
#include <xact/runtime.hpp>
#endif

namespace {

// ---------------------------------------------------------------- the activation, chosen by name
struct activation {
    std::string name;
    std::function<void(const float* x, float* y, std::size_t n)> forward;                 // y = f(x)
    std::function<void(const float* x, const float* dy, float* dx, std::size_t n)> backward;  // dx = dy f'(x)
    // the gated unit over rows of 2 cols (gate half first): y = f(gate) value, and its backward
    std::function<void(const float* x, float* y, std::size_t rows, std::size_t cols)> gated_forward;
    std::function<void(const float* x, const float* dy, float* dx, std::size_t rows, std::size_t cols)> gated_backward;
};

#if XACT_EXAMPLES_RUNTIME
// The compiled kernels of xact::runtime, for the best instruction set of this CPU.
std::optional<activation> find_activation(std::string_view name)
{
    const xact::runtime::kernel* k = xact::runtime::find(name);
    if (!k) return std::nullopt;
    activation a{std::string(name) + " (xact::runtime, " + xact::runtime::isa() + ")",
                 [k](const float* x, float* y, std::size_t n) { k->forward(x, y, n); },
                 [k](const float* x, const float* dy, float* dx, std::size_t n) { k->backward(x, dy, dx, n); },
                 nullptr, nullptr};
    const char* unit = name == "silu" || name == "swish" ? "swiglu" : name == "gelu" ? "geglu"
                     : name == "gelu_tanh" ? "geglu_tanh" : name == "relu" ? "reglu" : name == "sigmoid" ? "glu" : nullptr;
    if (const xact::runtime::gated_kernel* g = unit ? xact::runtime::find_gated(unit) : nullptr) {
        a.gated_forward = [g](const float* x, float* y, std::size_t rows, std::size_t cols) {
            g->forward(x, y, rows, cols);
        };
        a.gated_backward = [g](const float* x, const float* dy, float* dx, std::size_t rows, std::size_t cols) {
            g->backward(x, dy, dx, rows, cols);
        };
    }
    return a;
}
#else
// The header-only kernels, compiled for this translation unit's instruction set.
template <class T>
struct view {  // a pointer and a count as a range, for the row forms of the gated kernels
    T* p;
    std::size_t n;
    T* data() const { return p; }
    std::size_t size() const { return n; }
};

template <class F>
activation wrap(F f)
{
    return {F::name, [f](const float* x, float* y, std::size_t n) { xact::forward(f, x, y, n); },
            [f](const float* x, const float* dy, float* dx, std::size_t n) { xact::backward(f, x, dy, dx, n); },
            [f](const float* x, float* y, std::size_t rows, std::size_t cols) {
                xact::gated_forward(f, view<const float>{x, rows * 2 * cols}, view<float>{y, rows * cols}, cols);
            },
            [f](const float* x, const float* dy, float* dx, std::size_t rows, std::size_t cols) {
                xact::gated_backward(f, view<const float>{x, rows * 2 * cols}, view<const float>{dy, rows * cols},
                                     view<float>{dx, rows * 2 * cols}, cols);
            }};
}

std::optional<activation> find_activation(std::string_view name)
{
    if (name == "relu") return wrap(xact::relu<float>{});
    if (name == "leaky_relu") return wrap(xact::leaky_relu<float>{});
    if (name == "prelu") return wrap(xact::prelu<float>{});
    if (name == "elu") return wrap(xact::elu<float>{});
    if (name == "selu") return wrap(xact::selu<float>{});
    if (name == "swish" || name == "silu") return wrap(xact::swish<float>{});
    if (name == "gelu") return wrap(xact::gelu<float>{});
    if (name == "gelu_tanh") return wrap(xact::gelu_tanh<float>{});
    if (name == "tanh") return wrap(xact::tanh<float>{});
    if (name == "sigmoid") return wrap(xact::sigmoid<float>{});
    if (name == "identity") return wrap(xact::identity<float>{});
    if (name == "step") return wrap(xact::step<float>{});
    return std::nullopt;
}
#endif

// ---------------------------------------------------------------- data: two spirals
// std::mt19937's output is fixed by the standard; the conversions below are ours, so the data
// set is the same with every standard library.
struct rng {
    std::mt19937 g;
    explicit rng(std::uint32_t seed) : g(seed) {}
    double uniform() { return (g() >> 8) * 0x1p-24; }  // [0, 1)
    double normal()                                    // Box-Muller
    {
        double u = 1.0 - uniform(), v = uniform();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(uniform() * double(n)); }
};

struct dataset {
    std::vector<float> x;          // [n][2]
    std::vector<std::size_t> label;  // 0 or 1
    std::size_t size() const { return label.size(); }
};

// Two arms of 2 turns each, the second the first rotated by pi, in [-1, 1]^2 plus noise.
dataset spirals(std::size_t n, rng& r)
{
    const double pi = 3.141592653589793, turns = 2.0, noise = 0.04;
    dataset d;
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t k = i % 2;
        double t = std::sqrt(r.uniform());  // even density along the arm
        double angle = t * turns * 2 * pi + double(k) * pi;
        d.x.push_back(float(t * std::cos(angle) + noise * r.normal()));
        d.x.push_back(float(t * std::sin(angle) + noise * r.normal()));
        d.label.push_back(k);
    }
    return d;
}

// ---------------------------------------------------------------- the network
// A dense layer z = x W + b over a batch of rows, W stored [in][out] so the inner loops run along
// contiguous rows; hidden layers then apply the activation a = f(z).
struct dense {
    std::size_t in, out;
    std::vector<float> w, b, vw, vb, gw, gb;  // weights, velocities, gradients
    std::vector<float> z, a;                  // this batch: pre-activation and output [rows][out]

    dense(std::size_t in_, std::size_t out_, double gain, rng& r)
        : in(in_), out(out_), w(in * out), b(out, 0.0f), vw(in * out, 0.0f), vb(out, 0.0f), gw(in * out),
          gb(out)
    {
        const double scale = std::sqrt(gain / double(in));
        for (float& v : w) v = float(scale * r.normal());
    }

    void forward(const float* x, std::size_t rows)
    {
        z.resize(rows * out);
        for (std::size_t r = 0; r < rows; ++r) {
            float* zr = &z[r * out];
            std::copy(b.begin(), b.end(), zr);
            for (std::size_t i = 0; i < in; ++i) {
                const float xi = x[r * in + i];
                const float* wi = &w[i * out];
                for (std::size_t o = 0; o < out; ++o) zr[o] += xi * wi[o];
            }
        }
    }

    /// From dz = dL/dz: the gradients gw, gb and, if dx is not null, dx = dz W^T.
    void backward(const float* x, const float* dz, float* dx, std::size_t rows)
    {
        std::fill(gw.begin(), gw.end(), 0.0f);
        std::fill(gb.begin(), gb.end(), 0.0f);
        for (std::size_t r = 0; r < rows; ++r) {
            const float* dzr = dz + r * out;
            for (std::size_t o = 0; o < out; ++o) gb[o] += dzr[o];
            for (std::size_t i = 0; i < in; ++i) {
                const float xi = x[r * in + i];
                float* gi = &gw[i * out];
                const float* wi = &w[i * out];
                float s = 0.0f;
                for (std::size_t o = 0; o < out; ++o) {
                    gi[o] += xi * dzr[o];
                    s += wi[o] * dzr[o];
                }
                if (dx) dx[r * in + i] = s;
            }
        }
    }

    void step(float lr, float momentum)
    {
        for (std::size_t i = 0; i < w.size(); ++i) w[i] += vw[i] = momentum * vw[i] - lr * gw[i];
        for (std::size_t o = 0; o < out; ++o) b[o] += vb[o] = momentum * vb[o] - lr * gb[o];
    }

    double gradient_norm() const
    {
        double s = 0.0;
        for (float g : gw) s += double(g) * g;
        for (float g : gb) s += double(g) * g;
        return std::sqrt(s);
    }
};

struct mlp {
    activation f;
    bool gated;                 // hidden layers are gated units: z has 2 x width columns, a has width
    std::size_t width;
    std::vector<dense> layers;  // hidden layers, then the output layer
    std::vector<float> logp, dlogp, da, dz;

    mlp(activation f_, bool gated_, std::size_t depth, std::size_t width_, double gain, rng& r)
        : f(std::move(f_)), gated(gated_), width(width_)
    {
        std::size_t in = 2;
        for (std::size_t l = 0; l < depth; ++l, in = width) layers.emplace_back(in, gated ? 2 * width : width, gain, r);
        layers.emplace_back(in, 2, 1.0, r);
    }

    /// Runs the batch x [rows][2] forward; leaves log-probabilities [rows][2] in logp.
    void forward(const float* x, std::size_t rows)
    {
        for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
            dense& d = layers[l];
            d.forward(x, rows);
            d.a.resize(rows * width);
            if (gated)
                f.gated_forward(d.z.data(), d.a.data(), rows, width);  // a = f(gate half) * value half
            else
                f.forward(d.z.data(), d.a.data(), d.z.size());
            x = d.a.data();
        }
        dense& o = layers.back();
        o.forward(x, rows);
        logp.resize(o.z.size());
        xact::log_softmax<float>{}.forward(o.z, logp, 2);  // row by row
    }

    /// Forward and backward over a batch; returns the mean negative log-likelihood. The gradients
    /// are left in each layer's gw and gb.
    double gradients(const float* x, const std::size_t* label, std::size_t rows)
    {
        forward(x, rows);
        double loss = 0.0;
        dlogp.assign(logp.size(), 0.0f);
        for (std::size_t r = 0; r < rows; ++r) {
            loss -= logp[r * 2 + label[r]];
            dlogp[r * 2 + label[r]] = -1.0f / float(rows);  // d(mean NLL) / d logp
        }
        dz.resize(dlogp.size());
        xact::log_softmax<float>{}.backward(logp, dlogp, dz, 2);  // dL/dlogits
        for (std::size_t l = layers.size(); l-- > 0;) {
            const float* input = l == 0 ? x : layers[l - 1].a.data();
            da.resize(rows * layers[l].in);
            layers[l].backward(input, dz.data(), l == 0 ? nullptr : da.data(), rows);
            if (l == 0) break;
            dense& prev = layers[l - 1];
            dz.resize(prev.z.size());
            if (gated)
                f.gated_backward(prev.z.data(), da.data(), dz.data(), rows, width);  // both halves of dz
            else
                f.backward(prev.z.data(), da.data(), dz.data(), dz.size());  // dz = da * f'(z)
        }
        return loss / double(rows);
    }

    double accuracy(dataset const& d)
    {
        forward(d.x.data(), d.size());
        std::size_t right = 0;
        for (std::size_t r = 0; r < d.size(); ++r) {
            const std::size_t predicted = logp[r * 2 + 1] > logp[r * 2] ? 1 : 0;
            right += predicted == d.label[r];
        }
        return double(right) / double(d.size());
    }

    /// Hidden units whose output is exactly 0 for every point of d, and the number of hidden units.
    std::pair<std::size_t, std::size_t> dead_units(dataset const& d)
    {
        forward(d.x.data(), d.size());
        std::size_t dead = 0, total = 0;
        for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
            dense const& h = layers[l];
            for (std::size_t o = 0; o < width; ++o, ++total) {
                bool zero = true;
                for (std::size_t r = 0; r < d.size() && zero; ++r) zero = h.a[r * width + o] == 0.0f;
                dead += zero;
            }
        }
        return {dead, total};
    }

    /// Prints the dead units and the full-batch gradient norm of every layer (input side first).
    void report(const char* when, dataset const& d)
    {
        auto [dead, total] = dead_units(d);
        gradients(d.x.data(), d.label.data(), d.size());
        std::printf("%s: dead units %zu of %zu (%.1f%%); gradient norm at layer 1: %.3g; per layer:", when, dead,
                    total, 100.0 * double(dead) / double(total), layers.front().gradient_norm());
        for (dense const& l : layers) std::printf(" %.2g", l.gradient_norm());
        std::printf("\n");
    }
};

// ---------------------------------------------------------------- command line
struct options {
    std::string activation = "relu";
    bool gated = false;
    std::size_t depth = 2, width = 32, epochs = 300, seed = 1;
    double lr = 0.03;
};

[[noreturn]] void usage(const char* why)
{
    std::fprintf(stderr,
                 "mlp_classifier: %s\n"
                 "usage: mlp_classifier [activation] [--gated] [--depth N] [--width N] [--epochs N] [--lr X] [--seed N]\n"
                 "  activation: relu (default), leaky_relu, prelu, elu, selu, swish, gelu, gelu_tanh, tanh, sigmoid\n",
                 why);
    std::exit(2);
}

options parse(int argc, char** argv)
{
    options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("--", 0) != 0) {
            o.activation = a;
            continue;
        }
        if (a == "--gated") {
            o.gated = true;
            continue;
        }
        if (i + 1 >= argc) usage(("missing value after " + a).c_str());
        const char* v = argv[++i];
        char* end = nullptr;
        double num = std::strtod(v, &end);
        if (*end != '\0' || !(num > 0)) usage(("bad value for " + a + ": " + v).c_str());
        if (a == "--lr") {
            o.lr = num;
            continue;
        }
        std::size_t* slot = a == "--depth" ? &o.depth : a == "--width" ? &o.width
                          : a == "--epochs" ? &o.epochs : a == "--seed" ? &o.seed : nullptr;
        if (!slot) usage(("unknown option " + a).c_str());
        *slot = static_cast<std::size_t>(num);
    }
    return o;
}

}  // namespace

int main(int argc, char** argv)
{
    const options opt = parse(argc, argv);
    std::optional<activation> f = find_activation(opt.activation);
    if (!f) usage(("unknown activation " + opt.activation).c_str());
    if (opt.gated && !f->gated_forward) usage(("no gated unit for " + opt.activation).c_str());

    rng r(static_cast<std::uint32_t>(opt.seed));
    const dataset train = spirals(1000, r), test = spirals(1000, r);

    // He initialisation (variance 2 / fan-in) for the rectifier family; LeCun (1 / fan-in) for the
    // saturating functions and for SELU, whose self-normalisation assumes it.
    const std::string& n = opt.activation;
    const double gain = (n == "tanh" || n == "sigmoid" || n == "selu" || n == "identity") ? 1.0 : 2.0;
    mlp net(*f, opt.gated, opt.depth, opt.width, gain, r);
    std::printf("%s%s, 2 -> %zu x %zu -> 2, %zu training and %zu held-out points, lr %g\n", net.f.name.c_str(),
                opt.gated ? " gated (f(gate) * value)" : "", opt.width, opt.depth, train.size(), test.size(), opt.lr);
    net.report("start", train);

    const auto t0 = std::chrono::steady_clock::now();
    const std::size_t batch = 32;
    std::vector<std::size_t> order(train.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::vector<float> bx(batch * 2);
    std::vector<std::size_t> by(batch);
    for (std::size_t epoch = 1; epoch <= opt.epochs; ++epoch) {
        for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[r.below(i)]);
        double loss = 0.0;
        for (std::size_t s = 0; s < order.size(); s += batch) {
            const std::size_t rows = std::min(batch, order.size() - s);
            for (std::size_t k = 0; k < rows; ++k) {
                bx[2 * k] = train.x[2 * order[s + k]];
                bx[2 * k + 1] = train.x[2 * order[s + k] + 1];
                by[k] = train.label[order[s + k]];
            }
            loss += net.gradients(bx.data(), by.data(), rows) * double(rows);
            for (dense& l : net.layers) l.step(float(opt.lr), 0.9f);
        }
        if (epoch % std::max<std::size_t>(1, opt.epochs / 10) == 0 || epoch == opt.epochs) {
            std::printf("epoch %4zu  loss %.4f  train accuracy %.2f\n", epoch, loss / double(train.size()),
                        net.accuracy(train));
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    net.report("end", train);
    std::printf("trained in %.1f s\n", seconds);
    std::printf("accuracy: %.2f\n", net.accuracy(test));
    return 0;
}
