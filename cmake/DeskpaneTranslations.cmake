# The "deskpane" message catalogue: `deskpane-pot` regenerates
# <build>/po/deskpane.pot from the sources po/POTFILES names (po/update_pot.sh
# holds the xgettext keywords); every po/<lang>.po is checked and compiled into
# <build>/locale/<lang>/LC_MESSAGES/deskpane.mo as part of ALL, where
# tray/locale_setup.cpp finds it from the build tree, and installed to
# share/locale/<lang>/LC_MESSAGES.
include(GNUInstallDirs)

find_program(MSGFMT_EXECUTABLE msgfmt)
find_program(XGETTEXT_EXECUTABLE xgettext)
if(NOT MSGFMT_EXECUTABLE OR NOT XGETTEXT_EXECUTABLE)
  message(FATAL_ERROR "msgfmt/xgettext not found: install the gettext package (scripts/install-deps)")
endif()

# Not part of ALL: the template is for translators, and the tests extract
# their own copy to compare the catalogues with the sources of the moment.
add_custom_target(deskpane-pot
  COMMAND ${CMAKE_COMMAND} -E env DESKPANE_VERSION=${PROJECT_VERSION}
          bash ${CMAKE_SOURCE_DIR}/po/update_pot.sh ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/po/deskpane.pot
  BYPRODUCTS ${CMAKE_BINARY_DIR}/po/deskpane.pot
  COMMENT "Extracting messages into po/deskpane.pot"
  VERBATIM)

file(GLOB DESKPANE_PO_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/po/*.po)
set(deskpane_mo_files "")
foreach(po IN LISTS DESKPANE_PO_FILES)
  get_filename_component(lang ${po} NAME_WE)
  set(mo ${CMAKE_BINARY_DIR}/locale/${lang}/LC_MESSAGES/deskpane.mo)
  # --check: a translation that drops or changes a %d or %s fails the build
  # instead of crashing printf at run time.
  add_custom_command(OUTPUT ${mo}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/locale/${lang}/LC_MESSAGES
    COMMAND ${MSGFMT_EXECUTABLE} --check -o ${mo} ${po}
    DEPENDS ${po}
    COMMENT "Compiling the ${lang} translation"
    VERBATIM)
  list(APPEND deskpane_mo_files ${mo})
  install(FILES ${mo} DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/${lang}/LC_MESSAGES)
endforeach()
add_custom_target(deskpane-translations ALL DEPENDS ${deskpane_mo_files})
