// Which totals a sum of bounded integer multiples can reach: the exact integer bound that the plan
// puts on each vegetable's stock, where the linear relaxation alone would count every last gram.
// Depends on nothing else in panier.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace panier {

// One term of the sum: `weight` × q, with q = 0 or lowest <= q <= highest (whole numbers).
struct BoundedTerm {
  std::int64_t weight = 1;
  std::int64_t lowest = 0;
  std::int64_t highest = 0;
};

// The largest total of the terms that is at most `capacity`; nullopt when `capacity` is negative
// or above k_max_reachable_capacity (the table would be too big to be worth it).
std::optional<std::int64_t> largest_reachable(std::int64_t capacity, const std::vector<BoundedTerm>& terms);

constexpr std::int64_t k_max_reachable_capacity = 4'000'000;

} // namespace panier
