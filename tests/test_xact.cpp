// Smoke test of the umbrella header: every functor is reachable and the kernels run.
#include <xact/xact.hpp>

#include <vector>

#include "catch.hpp"

TEST_CASE("umbrella header exposes every activation", "[xact]")
{
    std::vector<float> x{-1.0f, 0.0f, 2.0f}, y(3);
    xact::forward(xact::relu<>{}, x, y);
    CHECK(y == std::vector<float>{0.0f, 0.0f, 2.0f});
    CHECK(xact::identity<>{}(1.5f) == 1.5f);
    CHECK(xact::step<>{}(0.0f) == 1.0f);
    CHECK(xact::sigmoid<>{}(0.0f) == 0.5f);
    CHECK(xact::tanh<>{}(0.0f) == 0.0f);
    CHECK(xact::leaky_relu<>{}(-1.0f) == -0.01f);
    CHECK(xact::prelu<>{}(-1.0f) == -0.25f);
    CHECK(xact::elu<>{}(0.0f) == 0.0f);
    CHECK(xact::selu<double>{}(1.0) == Approx(1.0507009873554805));
    CHECK(xact::swish<>{}(0.0f) == 0.0f);
    CHECK(xact::silu<>{}(0.0f) == 0.0f);
    CHECK(xact::gelu<>{}(0.0f) == 0.0f);
    CHECK(xact::gelu_tanh<>{}(0.0f) == 0.0f);
}

TEST_CASE("the SIMD architecture the tests run on", "[xact]")
{
    // Printed so that a test log shows which instruction set was exercised.
    INFO("xsimd architecture: " << xsimd::default_arch::name());
    CHECK(xsimd::batch<float>::size >= 4);
    WARN("xact tests run on " << xsimd::default_arch::name() << " (" << xsimd::batch<float>::size
                              << " floats per batch)");
}
