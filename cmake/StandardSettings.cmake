# Shared compile settings: every target links panier_settings instead of setting global flags.
add_library(panier_settings INTERFACE)
target_compile_options(panier_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wdouble-promotion
  -Wformat=2 -Wimplicit-fallthrough)
if(PANIER_WERROR)
  target_compile_options(panier_settings INTERFACE -Werror)
endif()
if(PANIER_SANITIZE)
  target_compile_options(panier_settings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(panier_settings INTERFACE -fsanitize=address,undefined)
endif()
