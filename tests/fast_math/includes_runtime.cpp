// Compiled by fast_math.cmake with -ffast-math: the runtime's header is usable from such a build.
#include <xact/runtime.hpp>

int main() { return xact::runtime::find("gelu") == nullptr ? 1 : 0; }
