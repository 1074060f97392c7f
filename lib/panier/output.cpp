#include "panier/output.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "panier/error.hpp"

namespace panier {

namespace fs = std::filesystem;

void write_atomically(const fs::path& path, const std::string& text) {
  const fs::path temporary = path.parent_path() / fmt::format(".{}.tmp", path.filename().string());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw Error(ExitCode::cant_create,
                  fmt::format("{}: cannot create file: {}", path.string(), std::strerror(errno)));
    }
    out << text;
    out.flush();
    if (!out) {
      throw Error(ExitCode::io, fmt::format("{}: write error", path.string()));
    }
  }
  std::error_code ec;
  fs::rename(temporary, path, ec);
  if (ec) {
    throw Error(ExitCode::cant_create, fmt::format("{}: cannot write file: {}", path.string(), ec.message()));
  }
}

std::string html_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    default: out += c;
    }
  }
  return out;
}

std::string time_text(int minutes) { return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60); }

std::string long_date(Date date, std::string_view lang) {
  static const char* const french_days[] = {"lundi",    "mardi",  "mercredi", "jeudi",
                                            "vendredi", "samedi", "dimanche"};
  static const char* const french_months[] = {"janvier",   "février", "mars",     "avril",
                                              "mai",       "juin",    "juillet",  "août",
                                              "septembre", "octobre", "novembre", "décembre"};
  static const char* const english_days[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                             "Friday", "Saturday", "Sunday"};
  static const char* const english_months[] = {"January",   "February", "March",    "April",
                                               "May",       "June",     "July",     "August",
                                               "September", "October",  "November", "December"};
  const bool french = lang == "fr";
  const auto day = static_cast<std::size_t>(date.weekday() - 1);
  const auto month = static_cast<std::size_t>(date.month() - 1);
  return fmt::format("{} {} {} {}", french ? french_days[day] : english_days[day], date.day(),
                     french ? french_months[month] : english_months[month], date.year());
}

} // namespace panier
