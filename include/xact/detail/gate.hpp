// xact::gate: which half of each row of the gated units' concatenated layout goes through f
// (<xact/gated.hpp>; also used by <xact/runtime.hpp>, which includes no SIMD code).
#ifndef XACT_DETAIL_GATE_HPP
#define XACT_DETAIL_GATE_HPP

namespace xact {

/// gate::first: f on the first half of each row (LLaMA, vLLM, llama.cpp); gate::second: f on the
/// second half (PyTorch's F.glu).
enum class gate { first, second };

}  // namespace xact

#endif
