// The CSV reader in both dialects (',' and ';'), both encodings and detection, with every value
// parser of RowReader run on every column.
#include <sstream>

#include "fuzz_support.hpp"
#include "panier/io/csv_reader.hpp"

using namespace panier;

namespace {
const InputColumn k_columns[] = {{"a", true}, {"b", false}, {"c", false}, {"d", false}};
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the encoding; the rest is the file.
  const Encoding encoding = data[0] % 3 == 0   ? Encoding::detect
                            : data[0] % 3 == 1 ? Encoding::utf8
                                               : Encoding::windows1252;
  std::istringstream in(std::string(fuzz::as_text(data + 1, size - 1)));
  fuzz::expect_answer([&] {
    CsvReader reader(in, "f.csv", encoding);
    reader.read_header(k_columns);
    while (reader.next()) {
      for (std::size_t c = 0; c < std::size(k_columns); ++c) {
        fuzz::expect_answer([&] { (void)reader.text(c); });
        fuzz::expect_answer([&] { (void)reader.number(c, static_cast<int>(c)); });
        fuzz::expect_answer([&] { (void)reader.money(c); });
        fuzz::expect_answer([&] { (void)reader.date(c); });
        fuzz::expect_answer([&] { (void)reader.week(c); });
      }
    }
  });
  return 0;
}
