#include <iostream>

#include "cli.hpp"

int main(int argc, char** argv) {
  // panier writes through the C++ streams only: they need not keep in step with C's stdio, and
  // large reports are written much faster when they do not.
  std::ios_base::sync_with_stdio(false);
  return panier::cli::run(argc, argv, std::cout, std::cerr);
}
