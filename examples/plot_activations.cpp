// plot_activations: writes, for every elementwise activation, a table of x, f(x) and f'(x) over
// [-5, 5] (1001 points, x = 0 among them) to <dir>/<name>.dat, and <dir>/titles.gp with each plot's
// title for plot_activations.gp. scripts/plots.sh turns them into docs/img/*.png.
//
//   plot_activations [dir]        (default: the current directory)
#include <xact/xact.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace {

constexpr std::size_t points = 1001;

/// Writes <dir>/<name>.dat through the batch kernels and adds the plot's title to titles.
template <class F>
bool write(std::string const& dir, F const& f, std::string const& name, std::string const& title, FILE* titles)
{
    std::vector<float> x(points), y(points), d(points);
    for (std::size_t i = 0; i < points; ++i) x[i] = float((double(i) - 500.0) / 100.0);
    xact::forward(f, x, y);
    xact::derivative(f, x, d);

    const std::string path = dir + "/" + name + ".dat";
    FILE* out = std::fopen(path.c_str(), "w");
    if (!out) {
        std::perror(path.c_str());
        return false;
    }
    std::fprintf(out, "# %s\n# x f(x) f'(x)\n", title.c_str());
    for (std::size_t i = 0; i < points; ++i) std::fprintf(out, "%g %.9g %.9g\n", x[i], y[i], d[i]);
    std::fclose(out);
    std::fprintf(titles, "title_%s = \"%s\"\n", name.c_str(), title.c_str());
    return true;
}

}  // namespace

int main(int argc, char** argv)
{
    const std::string dir = argc > 1 ? argv[1] : ".";
    FILE* titles = std::fopen((dir + "/titles.gp").c_str(), "w");
    if (!titles) {
        std::perror((dir + "/titles.gp").c_str());
        return 1;
    }
    // leaky_relu's default slope of 0.01 would be invisible at this scale: it is drawn with 0.1.
    bool ok = write(dir, xact::identity<float>{}, "identity", "identity", titles) &&
              write(dir, xact::step<float>{}, "step", "step (Heaviside)", titles) &&
              write(dir, xact::sigmoid<float>{}, "sigmoid", "sigmoid", titles) &&
              write(dir, xact::tanh<float>{}, "tanh", "tanh", titles) &&
              write(dir, xact::relu<float>{}, "relu", "relu", titles) &&
              write(dir, xact::leaky_relu<float>{0.1f}, "leaky_relu", "leaky_relu (negative_slope 0.1)", titles) &&
              write(dir, xact::prelu<float>{}, "prelu", "prelu (slope 0.25)", titles) &&
              write(dir, xact::elu<float>{}, "elu", "elu (alpha 1)", titles) &&
              write(dir, xact::selu<float>{}, "selu", "selu", titles) &&
              write(dir, xact::swish<float>{}, "swish", "swish / silu (beta 1)", titles) &&
              write(dir, xact::gelu<float>{}, "gelu", "gelu (exact, erf)", titles) &&
              write(dir, xact::gelu_tanh<float>{}, "gelu_tanh", "gelu_tanh (tanh approximation)", titles);
    ok = ok && write(dir, xact::hardswish<float>{}, "hardswish", "hardswish", titles) &&
         write(dir, xact::hardsigmoid<float>{}, "hardsigmoid", "hardsigmoid", titles) &&
         write(dir, xact::hardtanh<float>{}, "hardtanh", "hardtanh (min_val -1, max_val 1)", titles) &&
         write(dir, xact::relu6<float>{}, "relu6", "relu6", titles) &&
         write(dir, xact::softshrink<float>{}, "softshrink", "softshrink (lambda 0.5)", titles) &&
         write(dir, xact::hardshrink<float>{}, "hardshrink", "hardshrink (lambda 0.5)", titles) &&
         write(dir, xact::softsign<float>{}, "softsign", "softsign", titles);
    std::fclose(titles);
    if (ok) std::printf("wrote %s/*.dat and %s/titles.gp\n", dir.c_str(), dir.c_str());
    return ok ? 0 : 1;
}
