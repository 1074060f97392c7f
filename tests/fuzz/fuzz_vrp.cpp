// The benchmark reader of vehicle-routing instances (TSPLIB CVRP, LKH-3 VRPTW). Its documented
// answer to a bad file is std::runtime_error("LINE: what").
#include <sstream>
#include <stdexcept>

#include "fuzz_support.hpp"
#include "vrp_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(panier::fuzz::as_text(data, size)));
  try {
    (void)panier::vrp::read_benchmark(in);
  } catch (const std::runtime_error&) {
  }
  return 0;
}
