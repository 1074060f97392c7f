#include "panier/core/version.hpp"

namespace panier {
std::string_view version() { return PANIER_VERSION; }
} // namespace panier
