// xact: accurate, fast activation functions for scalars and SIMD batches.
//
// The umbrella header: every activation, the gated units and the batch kernels. Each activation also has a header
// of its own (<xact/sigmoid.hpp>, ...); <xact/kernels.hpp> holds the loops.
#ifndef XACT_XACT_HPP
#define XACT_XACT_HPP

#include "elu.hpp"
#include "gated.hpp"
#include "gelu.hpp"
#include "gelu_tanh.hpp"
#include "hardshrink.hpp"
#include "hardsigmoid.hpp"
#include "hardswish.hpp"
#include "hardtanh.hpp"
#include "half.hpp"
#include "identity.hpp"
#include "kernels.hpp"
#include "leaky_relu.hpp"
#include "maxout.hpp"
#include "prelu.hpp"
#include "prelu_channels.hpp"
#include "relu.hpp"
#include "relu6.hpp"
#include "selu.hpp"
#include "sigmoid.hpp"
#include "softmax.hpp"
#include "softshrink.hpp"
#include "softsign.hpp"
#include "step.hpp"
#include "swish.hpp"
#include "tanh.hpp"
#include "softplus.hpp"
#include "mish.hpp"
#include "celu.hpp"
#include "logsigmoid.hpp"
#include "tanhshrink.hpp"
#include "quick_gelu.hpp"

#endif
