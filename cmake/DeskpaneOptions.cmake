# One interface target carries the project's compile policy, so every target
# opts in by linking it instead of each folder repeating flags.
add_library(deskpane_options INTERFACE)
target_compile_options(deskpane_options INTERFACE -Wall -Wextra -Wpedantic)
if(DESKPANE_WERROR)
  target_compile_options(deskpane_options INTERFACE -Werror)
endif()
if(DESKPANE_SANITIZE)
  target_compile_options(deskpane_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
    # cpprestsdk's own headers cast streambuf<char> to streambuf<uint8_t>
    # (containerstream.h), which the vptr check flags in every user; see D2.
    -fno-sanitize=vptr
    # GCC 12's flow analysis reports std::optional<std::variant> members as
    # "maybe uninitialized" only under ASan instrumentation (false positives);
    # the normal build keeps the warning as an error.
    -Wno-maybe-uninitialized)
  target_link_options(deskpane_options INTERFACE -fsanitize=address,undefined)
endif()
