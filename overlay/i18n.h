#pragma once
// gettext for toolkit-free pane code. Include from .cpp files only, never from
// a header: wxWidgets defines its own `_`, and a header would clash with it.
#include <libintl.h>

#define _(s) ::gettext(s)
#define N_(s) (s)
