// Prints the ISA xact::runtime uses; fails if XACT_ISA is unset and that is not the best one, or if
// a kernel gives a wrong value.
#include <xact/runtime.hpp>

#include <cstdio>
#include <cstdlib>

int main()
{
    const char* env = std::getenv("XACT_ISA");
    bool best = xact::runtime::isa() == xact::runtime::supported_isas().front();
    float x[3] = {-2.0f, 0.0f, 2.0f}, y[3];
    xact::runtime::find("relu")->forward(x, y, 3);
    bool ok = y[0] == 0.0f && y[1] == 0.0f && y[2] == 2.0f && ((env && *env) || best);
    std::printf("%s\n", xact::runtime::isa());
    return ok ? 0 : 1;
}
