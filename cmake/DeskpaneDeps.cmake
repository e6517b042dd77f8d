# All third-party dependencies come from Debian packages (scripts/install-deps).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(ZLIB REQUIRED)
find_package(cpprestsdk REQUIRED)
# Header-only; its package config names the include folder but no target.
find_package(RapidJSON 1.1 REQUIRED CONFIG)
find_package(GTest REQUIRED)
pkg_check_modules(LIBICAL REQUIRED IMPORTED_TARGET libical)
pkg_check_modules(LIBSECRET REQUIRED IMPORTED_TARGET libsecret-1)
# The single-instance socket is watched on the GLib main loop (tray/single_instance.cpp).
pkg_check_modules(GLIB REQUIRED IMPORTED_TARGET glib-2.0)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
# A stored item page is inflated whole (sync/item_page_reader.cpp): libdeflate
# does that in one call, checking the gzip CRC, at about twice zlib's speed.
pkg_check_modules(LIBDEFLATE REQUIRED IMPORTED_TARGET libdeflate)

# Debian's cpprestsdk config leaves OpenSSL off its link interface
# (shared/desktop-linux.md §7), so every user links this wrapper instead.
add_library(deskpane_cpprest INTERFACE)
target_link_libraries(deskpane_cpprest INTERFACE
  cpprestsdk::cpprest OpenSSL::SSL OpenSSL::Crypto ZLIB::ZLIB Threads::Threads)
# Item pages are read with RapidJSON's token reader (sync/item_page_reader.cpp,
# the only includer); SYSTEM, as its headers are not held to our warnings.
add_library(deskpane_rapidjson INTERFACE)
target_include_directories(deskpane_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIRS})

# cpprest's U() macro breaks GoogleTest's templates; strings are UTF-8 on Linux anyway.
target_compile_definitions(deskpane_cpprest INTERFACE _TURN_OFF_PLATFORM_STRING)

if(DESKPANE_GUI)
  find_package(wxWidgets 3.2 REQUIRED COMPONENTS core base)
  pkg_check_modules(GTK3 REQUIRED IMPORTED_TARGET gtk+-3.0)
  pkg_check_modules(AYATANA REQUIRED IMPORTED_TARGET ayatana-appindicator3-0.1)
  pkg_check_modules(X11 REQUIRED IMPORTED_TARGET x11)
  # Reminders: desktop notifications (org.freedesktop.Notifications).
  pkg_check_modules(LIBNOTIFY REQUIRED IMPORTED_TARGET libnotify)
  # FindwxWidgets gives variables, not a target; wrap them once.
  add_library(deskpane_wx INTERFACE)
  target_include_directories(deskpane_wx SYSTEM INTERFACE ${wxWidgets_INCLUDE_DIRS})
  target_compile_definitions(deskpane_wx INTERFACE ${wxWidgets_DEFINITIONS})
  target_compile_options(deskpane_wx INTERFACE ${wxWidgets_CXX_FLAGS})
  target_link_libraries(deskpane_wx INTERFACE ${wxWidgets_LIBRARIES})
endif()
