#include "panier/model/delivery.hpp"

namespace panier {

int DeliveryWeek::baskets() const {
  int total = 0;
  for (const auto& p : packing) {
    total += p.baskets;
  }
  return total;
}

std::vector<std::pair<std::string, int>> DeliveryWeek::baskets_per_point() const {
  std::vector<std::pair<std::string, int>> out;
  for (const auto& p : packing) {
    if (out.empty() || out.back().first != p.point) {
      out.emplace_back(p.point, 0);
    }
    out.back().second += p.baskets;
  }
  return out;
}

} // namespace panier
