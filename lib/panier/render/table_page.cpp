#include "panier/render/table_page.hpp"

#include <sstream>

#include "panier/render/page.hpp"
#include "panier/render/text.hpp"

namespace panier::render {

std::string table_html(const Table& table, const std::string& title, Language language) {
  // The columns are the contract's names, as in the CSV; the numbers are written as a person of
  // the organisation's language reads them (12 345,50 in French).
  std::ostringstream out;
  out << page_start(Language::en, title,
                    PageStyle{"page", "10pt", "1mm 2mm", "middle",
                              "body { margin: 12mm; }\ntable { width: auto; }\n"
                              "th, td { border-color: #999; }\ntd.n { text-align: right; }\n"})
      << "<h1>" << html_escape(title) << "</h1>\n<table>\n<thead><tr>";
  for (const auto& c : table.columns) {
    out << "<th>" << html_escape(c) << "</th>";
  }
  out << "</tr></thead>\n<tbody>\n";
  for (const auto& row : table.rows) {
    out << "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i) {
      out << (table.numeric[i] ? "<td class=\"n\">" + html_escape(number_text(row[i], language))
                               : "<td>" + html_escape(row[i]))
          << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n" << page_end();
  return out.str();
}

} // namespace panier::render
