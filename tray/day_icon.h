#pragma once
// The tray icon: a small calendar page with the day of the month on it.
#include <wx/bitmap.h>

namespace deskpane::tray {

// Drawn at run time at `px` pixels square (16..64, times the display scale).
wxBitmap drawDayIcon(int dayOfMonth, int px);

}  // namespace deskpane::tray
