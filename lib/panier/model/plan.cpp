#include "panier/model/plan.hpp"

#include <numeric>

namespace panier {

int Plan::due() const {
  return std::accumulate(sizes.begin(), sizes.end(), 0, [](int a, const SizePlan& s) { return a + s.due; });
}

int Plan::planned() const {
  return std::accumulate(sizes.begin(), sizes.end(), 0,
                         [](int a, const SizePlan& s) { return a + s.planned; });
}

} // namespace panier
