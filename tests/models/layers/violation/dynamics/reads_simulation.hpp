// A lower folder that includes a higher one: cmake/check_layers.cmake must reject it.
#pragma once
#include "models/simulation/state.hpp"
