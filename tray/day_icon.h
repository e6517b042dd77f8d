#pragma once
// The tray icon: a small calendar page with the day of the month on it,
// drawn at run time at exactly the size the tray asks for (a 16 px icon
// scaled into a 32 px slot, or the reverse, is blurred or tiny).
#include <string>
#include <vector>

#include <wx/bitmap.h>

namespace deskpane::tray {

// Straight (not premultiplied) RGBA, row by row, `size` x `size`.
struct DayIconPixels {
  int size = 0;
  std::vector<unsigned char> rgba;
};

// Draws the icon with cairo and Pango into memory: no display needed, so the
// tests look at every size. The day's digits are as tall as the page's body
// allows and sit on whole pixels, so they stay crisp from 16 to 256 px.
DayIconPixels renderDayIcon(int dayOfMonth, int px);

// Writes `pixels` as a PNG; "" or why not.
std::string saveDayIconPng(const DayIconPixels& pixels, const std::string& path);

// The same picture as a wxBitmap (for the StatusNotifierItem's PNG file).
wxBitmap drawDayIcon(int dayOfMonth, int px);

}  // namespace deskpane::tray
