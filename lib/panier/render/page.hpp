// The one skeleton of every printed page: a self-contained HTML document (no script, no network)
// laid out for A4, with the house style that every page shares and the rules of its own after it.
#pragma once

#include <string>
#include <string_view>

#include "panier/config/config.hpp"

namespace panier::render {

// What a kind of page sets in the shared style.
struct PageStyle {
  std::string_view section = "page"; // the class of the <section> that is one printed page
  std::string_view font_size = "10.5pt";
  std::string_view cell_padding = "1.2mm 1.5mm";
  std::string_view cell_align = "middle"; // vertical-align of table cells
  std::string_view own_rules;             // this page's CSS, after the shared rules (which it may override)
};

// From <!DOCTYPE html> to <body>, the title escaped.
std::string page_start(Language language, std::string_view title, const PageStyle& style);
// </body></html>
std::string page_end();

} // namespace panier::render
