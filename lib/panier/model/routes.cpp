#include "panier/model/routes.hpp"

namespace panier {

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
