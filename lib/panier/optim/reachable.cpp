#include "panier/optim/reachable.hpp"

#include <algorithm>

namespace panier {

std::optional<std::int64_t> largest_reachable(std::int64_t capacity, const std::vector<BoundedTerm>& terms) {
  if (capacity < 0 || capacity > k_max_reachable_capacity) {
    return std::nullopt;
  }
  const auto size = static_cast<std::size_t>(capacity) + 1;
  std::vector<char> reach(size, 0);
  reach[0] = 1;
  std::vector<char> next(size, 0);
  for (const BoundedTerm& term : terms) {
    const std::int64_t lowest = std::max<std::int64_t>(1, term.lowest);
    const std::int64_t highest = std::min(term.highest, term.weight > 0 ? capacity / term.weight : 0);
    if (term.weight <= 0 || highest < lowest) {
      continue;
    }
    // next[c] = reach[c] or reach[c - weight × q] for some q in [lowest, highest]: along each
    // residue class modulo the weight, a sliding count of the reachable totals in that window.
    const auto w = static_cast<std::size_t>(term.weight);
    const auto lo = static_cast<std::size_t>(lowest);
    const auto hi = static_cast<std::size_t>(highest);
    for (std::size_t r = 0; r < w && r < size; ++r) {
      std::int64_t window = 0;
      for (std::size_t i = 0; r + i * w < size; ++i) {
        // the window holds the indices i - hi .. i - lo of this class
        if (i >= lo) {
          window += reach[r + (i - lo) * w];
        }
        if (i >= hi + 1) {
          window -= reach[r + (i - hi - 1) * w];
        }
        next[r + i * w] = static_cast<char>(reach[r + i * w] != 0 || window > 0);
      }
    }
    reach.swap(next);
  }
  for (std::size_t c = size; c-- > 0;) {
    if (reach[c] != 0) {
      return static_cast<std::int64_t>(c);
    }
  }
  return 0;
}

} // namespace panier
