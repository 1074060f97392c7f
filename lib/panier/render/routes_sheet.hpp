// The vans' rounds as files: routes.csv for analysts and one printable A4 sheet per van for its
// driver (routes.html).
#pragma once

#include <string>
#include <string_view>

#include "panier/config/config.hpp"
#include "panier/core/week.hpp"
#include "panier/model/routes.hpp"

namespace panier::render {

// Why no van serves the point, in the language asked (the terminal speaks English).
std::string_view unserved_reason(const UnservedPoint& point, Language language);

// routes.csv: week,van,stop,point,arrival,departure,baskets,load_after,km. Per van: stop 0 is the
// garden (departure), then the drops, then the garden again (arrival). A point no van could
// serve is a row with no van, no stop and no times.
std::string routes_csv(const DeliveryRoutes& routes);

// A driver's sheet per van (one A4 page each): stops in order, times, baskets, addresses; then the
// points no van serves, with why.
std::string routes_html(const DeliveryRoutes& routes, const Config& config, Date date);

} // namespace panier::render
