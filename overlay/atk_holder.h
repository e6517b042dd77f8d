#pragma once
// What the painted panes' accessible objects share: a GTK widget with no
// window and nothing to draw, put into a wx window's client area, so it
// neither covers the pane's painting nor takes its clicks; it exists for its
// ATK object (a list of rows, a tool bar of buttons) that screen readers
// find in the window. Included by .cpp files only (it brings GTK's headers).
#include <gtk/gtk.h>

#include <cstddef>

class wxWindow;

namespace deskpane::overlay::atk {

// GObject types are registered by hand (no G_DEFINE_TYPE): its casts between
// function pointer types do not pass -Wpedantic -Werror in C++.
GType registerType(GType parent, const char* name, std::size_t classSize, GClassInitFunc classInit,
                   std::size_t instanceSize, GInstanceInitFunc instanceInit, gconstpointer classData = nullptr);

// A holder widget type called `name` whose accessible object is an
// `accessibleType`. Register it once (a function-local static).
GType holderType(const char* name, GType accessibleType);

// A new holder of `type` in `window`'s client area (wx's own container when
// there is one: beside the pane's inline controls), shown, its accessible
// object named `name`, carrying `state` for the ATK callbacks. The caller
// holds one reference until removeHolder().
GtkWidget* addHolder(wxWindow& window, GType type, void* state, const char* name);
// Takes the holder out of its window, forgets its state (callbacks that
// still arrive find none) and drops the caller's reference.
void removeHolder(GtkWidget* holder);

// The state of the holder behind `accessible`, or null once it is gone.
void* holderState(AtkObject* accessible);

}  // namespace deskpane::overlay::atk
