#include "overlay/native_colours.h"

#include <gtk/gtk.h>
#include <wx/window.h>

#include <cstdio>

namespace deskpane::overlay {

namespace {

constexpr const char* kProviderKey = "deskpane-native-colours";

// A style provider reaches only the widget it is added to, so the button
// inside a GtkComboBox gets its own.
void addProvider(GtkWidget* widget, gpointer provider) {
  GtkStyleContext* style = gtk_widget_get_style_context(widget);
  if (auto* old = static_cast<GtkStyleProvider*>(g_object_get_data(G_OBJECT(widget), kProviderKey)))
    gtk_style_context_remove_provider(style, old);
  gtk_style_context_add_provider(style, GTK_STYLE_PROVIDER(provider), GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  g_object_set_data_full(G_OBJECT(widget), kProviderKey, g_object_ref(provider), g_object_unref);
  if (GTK_IS_CONTAINER(widget)) gtk_container_forall(GTK_CONTAINER(widget), addProvider, provider);
}

}  // namespace

void applyNativeColours(wxWindow* window, theme::Rgb back, theme::Rgb ink) {
  GtkWidget* widget = window ? window->GetHandle() : nullptr;
  if (!widget) return;
  char css[400];
  std::snprintf(css, sizeof css,
                "* { background-color: #%02x%02x%02x; background-image: none; color: #%02x%02x%02x; "
                "border-color: rgba(%d, %d, %d, 0.3); box-shadow: none; text-shadow: none; -gtk-icon-shadow: none; }",
                back.r, back.g, back.b, ink.r, ink.g, ink.b, ink.r, ink.g, ink.b);
  GtkCssProvider* provider = gtk_css_provider_new();
  gtk_css_provider_load_from_data(provider, css, -1, nullptr);
  addProvider(widget, provider);
  g_object_unref(provider);
}

}  // namespace deskpane::overlay
