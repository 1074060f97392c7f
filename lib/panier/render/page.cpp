#include "panier/render/page.hpp"

#include <fmt/format.h>

#include "panier/render/text.hpp"

namespace panier::render {

std::string page_start(Language language, std::string_view title, const PageStyle& style) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n"
      "@page {{ size: A4; margin: 14mm 12mm; }}\n"
      "body {{ font-family: 'DejaVu Sans', Arial, sans-serif; font-size: {}; color: #000; margin: 0; }}\n"
      "section.{} {{ page-break-after: always; break-after: page; }}\n"
      "section.{}:last-child {{ page-break-after: auto; break-after: auto; }}\n"
      "header {{ border-bottom: 2px solid #000; margin-bottom: 4mm; padding-bottom: 2mm; }}\n"
      "h1 {{ font-size: 16pt; margin: 0 0 1mm 0; }}\n"
      "h2 {{ font-size: 12pt; margin: 4mm 0 1.5mm 0; }}\n"
      ".meta {{ margin: 0.5mm 0; }}\n"
      "table {{ border-collapse: collapse; width: 100%; }}\n"
      "th, td {{ border: 1px solid #000; padding: {}; text-align: left; vertical-align: {}; }}\n"
      "th {{ background: #e8e8e8; }}\n"
      "{}</style>\n</head>\n<body>\n",
      language == Language::fr ? "fr" : "en", html_escape(title), style.font_size, style.section,
      style.section, style.cell_padding, style.cell_align, style.own_rules);
}

std::string page_end() { return "</body>\n</html>\n"; }

} // namespace panier::render
