#pragma once

#include <string_view>

namespace panier {
// "0.1.0"
std::string_view version();
} // namespace panier
