#include "panier/model/routes.hpp"

namespace panier {

std::string UnservedPoint::reason() const {
  return reachable ? "no room left in the vans' loads or hours"
                   : "no van can reach it within its opening hours and be back in time";
}

double VanRoute::km() const {
  double total = km_back;
  for (const auto& s : stops) {
    total += s.km;
  }
  return total;
}

double DeliveryRoutes::km() const {
  double total = 0;
  for (const auto& v : vans) {
    total += v.km();
  }
  return total;
}

} // namespace panier
