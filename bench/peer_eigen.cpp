// Eigen peer: the array functions of Eigen 3.4 on Eigen::Map<ArrayXf> over the caller's buffers,
// and the activations Eigen lacks composed from them the way a user would write them.
#include "peers.hpp"

#if defined(XACT_BENCH_HAVE_EIGEN) && XACT_BENCH_HAVE_EIGEN

#include <Eigen/Core>
#include <unsupported/Eigen/SpecialFunctions>  // erf()

namespace xact_bench {
namespace {

using in_map = Eigen::Map<const Eigen::ArrayXf>;
using out_map = Eigen::Map<Eigen::ArrayXf>;
using index = Eigen::Index;

template <class Expr>
void apply(const float* in, float* out, std::size_t n, Expr expr)
{
    const in_map x(in, static_cast<index>(n));
    out_map y(out, static_cast<index>(n));
    y = expr(x);
}

constexpr float selu_l = 1.0507009873554804934f, selu_a = 1.6732632423543772848f;

}  // namespace

bool eigen_available() { return true; }

std::vector<peer_kernel> eigen_kernels()
{
    using K = peer_kernel;
    return {
        K{"eigen", "relu", "forward",
          [](const float* in, const float*, float* out, std::size_t n) {
              apply(in, out, n, [](const in_map& x) { return x.max(0.0f); });
          }},
        K{"eigen", "leaky_relu", "forward",
          [](const float* in, const float*, float* out, std::size_t n) {
              apply(in, out, n, [](const in_map& x) { return (x > 0.0f).select(x, 0.01f * x); });
          }},
        K{"eigen", "elu", "forward",
          [](const float* in, const float*, float* out, std::size_t n) {
              apply(in, out, n, [](const in_map& x) { return (x > 0.0f).select(x, x.expm1()); });
          }},
        K{"eigen", "selu", "forward",
          [](const float* in, const float*, float* out, std::size_t n) {
              apply(in, out, n,
                    [](const in_map& x) { return selu_l * (x > 0.0f).select(x, selu_a * x.expm1()); });
          }},
        K{"eigen", "sigmoid", "forward",
          [](const float* in, const float*, float* out, std::size_t n) {
              apply(in, out, n, [](const in_map& x) { return x.logistic(); });
          }},
        K{"eigen", "tanh", "forward",
          [](const float* in, const float*, float* out, std::size_t n) {
              apply(in, out, n, [](const in_map& x) { return x.tanh(); });
          }},
        K{"eigen", "swish", "forward",
          [](const float* in, const float*, float* out, std::size_t n) {
              apply(in, out, n, [](const in_map& x) { return x * x.logistic(); });
          }},
        K{"eigen", "gelu", "forward",
          [](const float* in, const float*, float* out, std::size_t n) {
              apply(in, out, n, [](const in_map& x) {
                  return 0.5f * x * (1.0f + (x * 0.70710678118654752f).erf());
              });
          }},
        K{"eigen", "gelu_tanh", "forward",
          [](const float* in, const float*, float* out, std::size_t n) {
              apply(in, out, n, [](const in_map& x) {
                  return 0.5f * x * (1.0f + (0.7978845608028654f * (x + 0.044715f * x.cube())).tanh());
              });
          }},
    };
}

}  // namespace xact_bench

#else  // Eigen not compiled in

namespace xact_bench {
bool eigen_available() { return false; }
std::vector<peer_kernel> eigen_kernels() { return {}; }
}  // namespace xact_bench

#endif
