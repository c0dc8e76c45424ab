// A consumer of xact: one activation through the batch kernels.
#include <xact/xact.hpp>
#ifdef XACT_CONSUMER_RUNTIME
#include <xact/runtime.hpp>
#endif

#include <cmath>
#include <cstdio>
#include <vector>

int main()
{
    std::vector<float> x{-2.0f, 0.0f, 2.1f}, y(3);
    xact::forward(xact::sigmoid<>{}, x, y);
    bool ok = std::fabs(y[2] - 0.8909031f) < 1e-6f && y[1] == 0.5f;
#ifdef XACT_CONSUMER_RUNTIME
    std::vector<float> r(3);
    const xact::runtime::kernel* k = xact::runtime::find("sigmoid");
    if (k) k->forward(x.data(), r.data(), r.size());
    ok = ok && k && r == y;
    std::printf("runtime (%s): ", xact::runtime::isa());
#endif
    std::printf("sigmoid(2.1) = %.6f: consumer %s\n", y[2], ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
