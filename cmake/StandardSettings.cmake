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
  target_compile_options(panier_settings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(panier_settings INTERFACE -fsanitize=address,undefined)
endif()
