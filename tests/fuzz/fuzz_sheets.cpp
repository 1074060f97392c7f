// The .xlsx and .ods readers (libzip, expat, then panier's sheet parsing): every row of the first
// sheet read as text, numbers and dates.
#include "fuzz_support.hpp"
#include "panier/io/rows.hpp"

using namespace panier;

namespace {
const InputColumn k_columns[] = {{"code", true}, {"qf", false}, {"qf_date", false}, {"start_week", false}};
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path = fuzz::write_scratch(fuzz::as_text(data, size), ".xlsx");
  fuzz::expect_answer([&] {
    auto reader = open_rows(path);
    reader->read_header(k_columns);
    while (reader->next()) {
      for (std::size_t c = 0; c < std::size(k_columns); ++c) {
        fuzz::expect_answer([&] { (void)reader->number(c, 2); });
        fuzz::expect_answer([&] { (void)reader->date(c); });
        fuzz::expect_answer([&] { (void)reader->week(c); });
      }
    }
  });
  return 0;
}
