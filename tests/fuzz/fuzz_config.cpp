// The TOML configuration loader (toml++ behind panier's nesting bound, then every table's keys)
// and, with a first byte of 1, the vegetable catalogue on its own.
#include "fuzz_support.hpp"
#include "panier/config/catalogue_toml.hpp"
#include "panier/config/config.hpp"

using namespace panier;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string& path = fuzz::write_scratch(fuzz::as_text(data + 1, size - 1), ".toml");
  if (data[0] == 1) {
    fuzz::expect_answer([&] {
      Diagnostics diagnostics;
      (void)detail::load_catalogue(path, "vegetables.toml", diagnostics);
      diagnostics.throw_if_any(ExitCode::config);
    });
  } else {
    fuzz::expect_answer([&] { (void)load_config(path, PANIER_FUZZ_DATA); });
  }
  return 0;
}
