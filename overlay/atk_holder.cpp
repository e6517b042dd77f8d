#include "overlay/atk_holder.h"

#include <gtk/gtk-a11y.h>
#include <wx/window.h>

namespace deskpane::overlay::atk {

namespace {

struct Holder {
  GtkWidget parent;
  void* state;  // the owner's; null once it is gone
};
struct HolderClass {
  GtkWidgetClass parent;
};

void holderClassInit(gpointer klass, gpointer accessibleType) {
  gtk_widget_class_set_accessible_type(static_cast<GtkWidgetClass*>(klass),
                                       static_cast<GType>(GPOINTER_TO_SIZE(accessibleType)));
}

void holderInit(GTypeInstance* instance, gpointer) {
  auto* h = reinterpret_cast<Holder*>(instance);
  h->state = nullptr;
  gtk_widget_set_has_window(&h->parent, FALSE);
}

}  // namespace

GType registerType(GType parent, const char* name, std::size_t classSize, GClassInitFunc classInit,
                   std::size_t instanceSize, GInstanceInitFunc instanceInit, gconstpointer classData) {
  GTypeInfo info{};
  info.class_size = static_cast<guint16>(classSize);
  info.class_init = classInit;
  info.class_data = classData;
  info.instance_size = static_cast<guint16>(instanceSize);
  info.instance_init = instanceInit;
  return g_type_register_static(parent, name, &info, static_cast<GTypeFlags>(0));
}

GType holderType(const char* name, GType accessibleType) {
  return registerType(GTK_TYPE_WIDGET, name, sizeof(HolderClass), holderClassInit, sizeof(Holder), holderInit,
                      GSIZE_TO_POINTER(accessibleType));
}

GtkWidget* addHolder(wxWindow& window, GType type, void* state, const char* name) {
  GtkWidget* area = window.m_wxwindow ? window.m_wxwindow : window.GetHandle();
  GtkWidget* widget = GTK_WIDGET(g_object_ref_sink(g_object_new(type, nullptr)));
  reinterpret_cast<Holder*>(widget)->state = state;
  gtk_container_add(GTK_CONTAINER(area), widget);
  gtk_widget_show(widget);
  atk_object_set_name(gtk_widget_get_accessible(widget), name);
  return widget;
}

void removeHolder(GtkWidget* holder) {
  reinterpret_cast<Holder*>(holder)->state = nullptr;
  if (GtkWidget* parent = gtk_widget_get_parent(holder)) gtk_container_remove(GTK_CONTAINER(parent), holder);
  g_object_unref(holder);
}

void* holderState(AtkObject* accessible) {
  GtkWidget* widget = gtk_accessible_get_widget(GTK_ACCESSIBLE(accessible));
  return widget ? reinterpret_cast<Holder*>(widget)->state : nullptr;
}

}  // namespace deskpane::overlay::atk
