// Compiled by fast_math.cmake with and without -ffast-math: xact must refuse the first.
#include <xact/xact.hpp>

int main() { return xact::tanh<float>{}(0.0f) == 0.0f ? 0 : 1; }
