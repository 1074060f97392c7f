// Row validation of the imports people send most: households (against the example
// organisation's configuration) and pickups, from any file, CSV or workbook. The first byte
// picks the import.
#include "fuzz_support.hpp"
#include "panier/config/config.hpp"
#include "panier/domain/households.hpp"
#include "panier/domain/pickups.hpp"

using namespace panier;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Config config = load_config(PANIER_FUZZ_DATA "/example/panier.toml", PANIER_FUZZ_DATA);
  if (size == 0) return 0;
  const std::string& path = fuzz::write_scratch(fuzz::as_text(data + 1, size - 1));
  fuzz::expect_answer([&] {
    if (data[0] % 2 == 0) {
      (void)read_households(path, {}, config, *Date::parse("2023-03-06"));
    } else {
      (void)read_pickups(path, {});
    }
  });
  return 0;
}
