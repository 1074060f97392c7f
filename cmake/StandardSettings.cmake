# Shared compile settings: every target links panier_settings instead of setting global flags.
add_library(panier_settings INTERFACE)
target_compile_options(panier_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wdouble-promotion
  -Wformat=2 -Wimplicit-fallthrough
  # GCC 12 reports impossible overlaps inside std::string concatenation once inlined (GCC bug
  # 105329); the warning says nothing about panier's code.
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
if(PANIER_WERROR)
  target_compile_options(panier_settings INTERFACE -Werror)
endif()
if(PANIER_SANITIZE)
  # g++ 12 reports false "maybe uninitialized" inside std::regex and std::function when the
  # sanitizers instrument them; that warning stays on in the normal (-Werror) build.
  target_compile_options(panier_settings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
    $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
  target_link_options(panier_settings INTERFACE -fsanitize=address,undefined)
endif()
if(PANIER_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "PANIER_FUZZ needs clang (scripts/fuzz uses clang++-16)")
  endif()
  # Every finding aborts: undefined behaviour is not reported and passed over.
  target_compile_options(panier_settings INTERFACE -fsanitize=fuzzer-no-link,address,undefined
    -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(panier_settings INTERFACE -fsanitize=address,undefined)
endif()
if(PANIER_COVERAGE)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    message(FATAL_ERROR "PANIER_COVERAGE needs g++ (scripts/coverage reads its counters with gcov)")
  endif()
  # Unoptimised so that every line counted is a line of the source, not of an inlined copy.
  target_compile_options(panier_settings INTERFACE --coverage -O0)
  target_link_options(panier_settings INTERFACE --coverage)
endif()
