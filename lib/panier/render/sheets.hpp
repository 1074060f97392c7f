// The points' printable sign-in sheets: one A4 page per point with its households, what each
// pays, a box to sign, what is in each size of basket this week and tips for the less familiar
// vegetables.
#pragma once

#include <string>

#include "panier/config/config.hpp"
#include "panier/model/delivery.hpp"

namespace panier::render {

std::string sheets_html(const DeliveryWeek& delivery, const Config& config);

} // namespace panier::render
