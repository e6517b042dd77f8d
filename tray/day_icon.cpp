#include "tray/day_icon.h"

#include <wx/dcmemory.h>
#include <wx/graphics.h>
#include <wx/image.h>

#include <algorithm>
#include <memory>

namespace deskpane::tray {

wxBitmap drawDayIcon(int dayOfMonth, int px) {
  px = std::clamp(px, 16, 256);
  wxImage canvas(px, px);
  canvas.InitAlpha();
  std::fill_n(canvas.GetAlpha(), px * px, 0);
  wxBitmap bmp(canvas, 32);
  {
    wxMemoryDC dc(bmp);
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    gc->SetAntialiasMode(wxANTIALIAS_DEFAULT);
    const double inset = std::max(0.5, px / 32.0);
    const double w = px - 2 * inset;
    const double radius = px / 8.0;
    const double headerH = std::max(3.0, px * 0.28);
    // White page with a dark outline reads on both light and dark panels.
    gc->SetPen(wxPen(wxColour(40, 40, 40), std::max(1, px / 24)));
    gc->SetBrush(wxBrush(wxColour(250, 250, 250)));
    gc->DrawRoundedRectangle(inset, inset, w, w, radius);
    gc->SetPen(*wxTRANSPARENT_PEN);
    gc->SetBrush(wxBrush(wxColour(200, 40, 40)));
    gc->DrawRoundedRectangle(inset, inset, w, headerH + radius, radius);
    gc->SetBrush(wxBrush(wxColour(250, 250, 250)));
    gc->DrawRectangle(inset + 1, inset + headerH, w - 2, radius);

    const wxString text = wxString::Format("%d", dayOfMonth);
    const double bodyH = w - headerH;
    wxFont font(wxFontInfo(wxSize(0, static_cast<int>(bodyH * 0.9))).Bold().Family(wxFONTFAMILY_SWISS));
    gc->SetFont(font, wxColour(20, 20, 20));
    double tw = 0, th = 0;
    gc->GetTextExtent(text, &tw, &th);
    if (tw > w * 0.92) {  // two digits at 16 px: squeeze rather than clip
      font.SetPixelSize(wxSize(0, static_cast<int>(bodyH * 0.9 * (w * 0.92) / tw)));
      gc->SetFont(font, wxColour(20, 20, 20));
      gc->GetTextExtent(text, &tw, &th);
    }
    gc->DrawText(text, inset + (w - tw) / 2, inset + headerH + (bodyH - th) / 2);
  }
  return bmp;
}

}  // namespace deskpane::tray
