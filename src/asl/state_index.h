#pragma once

#include <cstdint>

namespace stepwise::asl {

// The index of a state within its StateMachine, or kNoState (for End, or an absent Default).
using StateIndex = uint32_t;
inline constexpr StateIndex kNoState = UINT32_MAX;

}  // namespace stepwise::asl
