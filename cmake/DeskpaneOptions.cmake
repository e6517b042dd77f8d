# One interface target carries the project's compile policy, so every target
# opts in by linking it instead of each folder repeating flags.
add_library(deskpane_options INTERFACE)
target_compile_options(deskpane_options INTERFACE -Wall -Wextra -Wpedantic)
if(DESKPANE_WERROR)
  target_compile_options(deskpane_options INTERFACE -Werror)
endif()
if(DESKPANE_SANITIZE)
  target_compile_options(deskpane_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(deskpane_options INTERFACE -fsanitize=address,undefined)
endif()
