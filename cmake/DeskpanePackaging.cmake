# What a distribution installs, and `cpack -G DEB` to make a .deb of it.
# Dependencies come from dpkg-shlibdeps (CPACK_DEBIAN_PACKAGE_SHLIBDEPS), so
# they follow whatever the binaries really link.
include(GNUInstallDirs)

install(TARGETS deskpane deskpane-spemu RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The desktop app is run by `deskpane` only (tray/program_paths.h), so it is
# not on $PATH: the package's private folder, found relative to bin/.
install(TARGETS deskpane-gui RUNTIME DESTINATION ${DESKPANE_GUI_INSTALL_DIR})
install(FILES ${CMAKE_SOURCE_DIR}/assets/deskpane.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_SOURCE_DIR}/assets/org.deskpane.deskpane.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${CMAKE_SOURCE_DIR}/assets/deskpane.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
# bash-completion loads a file by the command's name: one for each binary.
install(FILES ${CMAKE_SOURCE_DIR}/assets/completion/deskpane
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${CMAKE_SOURCE_DIR}/assets/completion/deskpane
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME deskpane-spemu)

# PNG sizes of the icon for the hicolor theme, rendered from the SVG at build time.
find_program(RSVG_CONVERT rsvg-convert)
if(RSVG_CONVERT)
  set(icon_pngs "")
  foreach(size 16 22 24 32 48 64 128 256)
    set(png ${CMAKE_BINARY_DIR}/icons/${size}x${size}/deskpane.png)
    add_custom_command(OUTPUT ${png}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/icons/${size}x${size}
      COMMAND ${RSVG_CONVERT} -w ${size} -h ${size} -o ${png} ${CMAKE_SOURCE_DIR}/assets/deskpane.svg
      DEPENDS ${CMAKE_SOURCE_DIR}/assets/deskpane.svg VERBATIM)
    list(APPEND icon_pngs ${png})
    install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
  endforeach()
  add_custom_target(deskpane_icons ALL DEPENDS ${icon_pngs})
endif()

# Man pages, compressed as Debian policy wants (gzip -9n: no name, no time).
foreach(page deskpane.1 deskpane-spemu.1)
  set(gz ${CMAKE_BINARY_DIR}/man/${page}.gz)
  add_custom_command(OUTPUT ${gz}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
    COMMAND sh -c "gzip -9n -c '${CMAKE_SOURCE_DIR}/assets/man/${page}' > '${gz}'"
    DEPENDS ${CMAKE_SOURCE_DIR}/assets/man/${page} VERBATIM)
  list(APPEND man_pages ${gz})
  install(FILES ${gz} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endforeach()
add_custom_target(deskpane_man ALL DEPENDS ${man_pages})

# Debian's copyright file and a compressed changelog (changelog.gz: a native package), in the package's doc folder.
set(changelog_gz ${CMAKE_BINARY_DIR}/packaging/changelog.gz)
add_custom_command(OUTPUT ${changelog_gz}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/packaging
  COMMAND sh -c "gzip -9n -c '${CMAKE_SOURCE_DIR}/packaging/changelog' > '${changelog_gz}'"
  DEPENDS ${CMAKE_SOURCE_DIR}/packaging/changelog VERBATIM)
add_custom_target(deskpane_changelog ALL DEPENDS ${changelog_gz})
install(FILES ${CMAKE_SOURCE_DIR}/packaging/copyright ${changelog_gz}
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME deskpane)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "deskpane maintainers <maintainers@deskpane.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "SharePoint lists as panes on your desktop")
# The synopsis is CPACK_PACKAGE_DESCRIPTION_SUMMARY; this is the long part only
# (repeating the synopsis here is lintian's description-synopsis-is-duplicated).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "deskpane puts a SharePoint site's calendar, contacts, tasks, notes and\ndiscussion board on the Linux desktop as translucent panes below your\nwindows, with a tray icon showing today's date. Lists are cached in\nSQLite and usable offline; edits made offline are pushed when the site\nis reachable again.")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://deskpane.org")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# The files lintian expects to be owned by root with sane modes.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
include(CPack)
