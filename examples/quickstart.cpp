// quickstart: xact in a few lines: one value, an array, the backward pass and a softmax.
// README.md shows the regions between the `// [name]` markers verbatim; the readme_snippets test
// keeps them equal.
#include <xact/xact.hpp>

#include <cstdio>
#include <stdexcept>
#include <vector>

#include <xsimd/xsimd.hpp>
#if XACT_EXAMPLES_RUNTIME
#include <xact/runtime.hpp>
#endif

namespace {

void print(const char* label, std::vector<float> const& v)
{
    std::printf("%-14s", label);
    for (float x : v) std::printf(" %9.5f", x);
    std::printf("\n");
}

// The API tour of README.md, one region per topic.
void tour()
{
    // [parameters]
    xact::leaky_relu<float> leaky{0.2f};      // negative_slope
    xact::elu<double> elu{0.5};               // alpha
    xact::swish<float> swish{1.5f};           // beta
    xact::selu<float> selu;                   // the paper's lambda and alpha
    float a = leaky(-1.0f);                   // -0.2
    double b = elu.derivative(-1.0);          // 0.5 e^-1 = 0.18394
    float c = swish(2.0f) + selu(1.0f);       // any arithmetic argument converts to T
    // [parameters]
    std::printf("leaky(-1) = %g, elu'(-1) = %.5f, swish(2) + selu(1) = %.5f\n", a, b, c);

    // [batch]
    using batch = xsimd::batch<float>;        // the widest the target has: 4, 8 or 16 lanes
    batch x = batch::broadcast(0.5f);
    batch y = xact::gelu<float>{}(x);         // every lane: gelu(0.5) = 0.34573
    batch d = xact::gelu<float>{}.derivative(x);
    // [batch]
    std::printf("gelu(0.5) = %.5f, gelu'(0.5) = %.5f over %zu lanes\n", y.get(0), d.get(0), batch::size);

    // [kernels]
    std::vector<float> v = {-2.0f, -0.5f, 0.0f, 0.5f, 2.0f};
    std::vector<float> out(v.size());
    xact::forward(xact::tanh<float>{}, v, out);                  // ranges: sizes must match
    xact::forward(xact::tanh<float>{}, v.data(), out.data(), 3); // pointer and count
    xact::forward(xact::relu<float>{}, v, v);                    // in place: exactly the same array
    try {
        std::vector<float> short_out(2);
        xact::forward(xact::relu<float>{}, v, short_out);
    } catch (std::invalid_argument const& e) {
        std::printf("%s\n", e.what());  // xact::forward: x has 5 elements but y has 2
    }
    // [kernels]
    print("relu in place", v);

    // [vector]
    std::vector<float> logits = {1.0f, 2.0f, 3.0f,    // two rows of three
                                 1000.0f, 1000.0f, 0.0f};
    std::vector<float> logp(logits.size()), grad(logits.size());
    xact::log_softmax<float>{}.forward(logits, logp, 3);           // row-wise, cols = 3
    xact::softmax<float>{2.0f}.forward(logits, grad, 3);           // temperature 2
    std::vector<float> pieces = {1, 5, 2, 3}, top(2);
    std::vector<std::size_t> where(2);
    xact::maxout<float>{2}.forward(pieces, top, where);            // top = {5, 3}, where = {1, 1}
    std::vector<float> alpha = {0.1f, 0.3f}, img(8, -1.0f);        // [N = 2][channels = 2][inner = 2]
    xact::prelu_forward(img, alpha, img, 2, 2);                    // -0.1 -0.1 -0.3 -0.3, twice
    // [vector]
    print("log_softmax", logp);
    print("softmax T=2", grad);
    print("prelu", img);
    std::printf("maxout         %g at %zu, %g at %zu\n", top[0], where[0], top[1], where[1]);

    // [gated]
    // A LLaMA-style feed-forward step: one projection gives, per token, the gate half and then the
    // value half (tokens x 2 hidden); SwiGLU turns it into tokens x hidden.
    const std::size_t tokens = 2, hidden = 3;
    std::vector<float> up = {-1.0f, 0.5f, 2.0f,  1.0f, 2.0f, 3.0f,    // token 0: gate | value
                             0.0f, -3.0f, 1.0f,  4.0f, 5.0f, 6.0f};   // token 1
    std::vector<float> act(tokens * hidden), dact(tokens * hidden, 1.0f), dup(up.size());
    xact::gated_forward(xact::silu<float>{}, up, act, hidden);         // act = silu(gate) * value
    xact::gated_backward(xact::silu<float>{}, up, dact, dup, hidden);  // dup = [dgate | dvalue]
    // xact::gate::second: f on the second half, PyTorch's F.glu layout
    // [gated]
    print("swiglu", act);
    print("d(up)", dup);

#if XACT_EXAMPLES_RUNTIME
    // [runtime]
    const xact::runtime::kernel* k = xact::runtime::find("gelu");  // nullptr if the name is unknown
    std::vector<float> gx = {-1.0f, -0.3f, 0.0f, 0.5f, 2.0f}, gy(gx.size());
    k->forward(gx.data(), gy.data(), gx.size());
    auto leaky_runtime = xact::runtime::find("leaky_relu", 0.2);    // with its parameter
    // [runtime]
    std::printf("runtime %s on %s, leaky_relu slope %g\n", k->name(), xact::runtime::isa(),
                leaky_runtime->param());
    print("gelu", gy);
#endif
}

}  // namespace

int main()
{
    // [quickstart]
    // One value: any functor is callable on a float or double.
    xact::sigmoid<float> sigmoid;
    std::printf("sigmoid(2.1) = %.3f, sigmoid'(2.1) = %.4f\n", sigmoid(2.1f), sigmoid.derivative(2.1f));

    // Arrays: the kernels run the functor over SIMD batches.
    std::vector<float> x = {-1.0f, -0.3f, 0.0f, 0.5f, 2.0f};
    std::vector<float> y(x.size()), dy(x.size(), 1.0f), dx(x.size());
    xact::gelu<float> gelu;
    xact::forward(gelu, x, y);                    // y = gelu(x)
    xact::backward(gelu, x, dy, dx);              // dx = dy * gelu'(x)
    print("x", x);
    print("gelu(x)", y);
    print("gelu'(x)", dx);

    // Backward from the output, for functions whose derivative is cheap in y = f(x).
    xact::forward(sigmoid, x, y);
    xact::backward_from_output(sigmoid, y, dy, dx);  // dx = dy * y (1 - y)
    print("sigmoid'(x)", dx);

    // A vector activation: softmax turns scores into probabilities that sum to 1.
    std::vector<float> scores = {2.1f, 1.5f, -0.3f, 0.8f}, p(scores.size());
    xact::softmax<float>{}.forward(scores, p);
    print("softmax", p);
    // [quickstart]

    tour();
    return 0;
}
