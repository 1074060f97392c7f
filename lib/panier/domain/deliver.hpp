// panier deliver: what the packing team, the distribution points and the households read for a
// week (packing and picking lists, sign-in sheets, what changed), and the pickups recorded
// afterwards with their payments. Compute (a DeliveryWeek value) is apart from writing files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "panier/config/config.hpp"
#include "panier/model/delivery.hpp"
#include "panier/store/store.hpp"

namespace panier {

// Reads the week's allocation, plan and the names the sheets need. Error(data) when the week has
// no allocation.
DeliveryWeek compute_delivery(Store& store, const Config& config, Week week);

} // namespace panier
