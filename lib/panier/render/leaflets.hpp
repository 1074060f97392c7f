// What reaches the households: the weekly leaflet of each basket size at each point
// (leaflets.html, two A5 leaflets to an A4 sheet; leaflets.txt, the same in at most 480
// characters for an SMS or a notice board), and the survey slips a point hands out when the
// organisation asks households whether they cooked their vegetables (survey.html, and
// survey/POINT.csv to type the answers into for panier feedback import). None of them carries a
// name or a phone number.
#pragma once

#include <cstddef>
#include <string>

#include "panier/config/config.hpp"
#include "panier/model/delivery.hpp"

namespace panier::render {

// The most characters (not bytes) of one leaflet in leaflets.txt.
inline constexpr std::size_t k_leaflet_text_chars = 480;

std::string leaflets_html(const DeliveryWeek& delivery, const Config& config);
std::string leaflets_txt(const DeliveryWeek& delivery, const Config& config);
std::string survey_html(const DeliveryWeek& delivery, const Config& config);
// week,household,vegetable,cooked,liked for one point, the answers left to fill in.
std::string survey_csv(const DeliveryWeek& delivery, const PointSheet& sheet);

} // namespace panier::render
