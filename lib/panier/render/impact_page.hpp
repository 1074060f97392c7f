// The impact report as one page a board member reads at a glance: key figures, the year's table
// turned to fit, and three inline SVG charts (baskets per week by scheme, collection rate per
// point, funding by funder). No script, no font or image from the network.
#pragma once

#include <string>

#include "panier/config/config.hpp"
#include "panier/model/impact.hpp"

namespace panier::render {

std::string impact_html(const ImpactPage& page, const Config& config);

} // namespace panier::render
