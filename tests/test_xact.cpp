// Smoke test of the umbrella header: every functor is reachable and the kernels run.
#include <xact/xact.hpp>

#include <vector>

#include <string>

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
    using A = xact::detail::default_arch;
    constexpr std::size_t w = xact::detail::lane_count<xact::detail::default_batch<float>>;
    INFO("architecture: " << A::name());
#if XACT_SIMD
    CHECK(w >= 4);
#else
    // no SIMD architecture for this target: the scalar fallback, one float at a time
    CHECK(std::string(A::name()) == "scalar");
    CHECK(w == 1);
#endif
    WARN("xact tests run on " << A::name() << " (" << w << " floats per batch)");
}
