#include "overlay/accessible_buttons.h"

#include "overlay/atk_holder.h"

#include <gtk/gtk-a11y.h>
#include <wx/window.h>

namespace deskpane::overlay {

struct AccessibleButtons::State {
  wxWindow* window = nullptr;   // runs the presses (CallAfter): pending calls die with it
  GtkWidget* widget = nullptr;  // ours: one reference until we go
  std::vector<AccessibleButton> buttons;
  std::vector<AtkObject*> objects;  // one reference each, made with the tool bar
};

namespace {

using State = AccessibleButtons::State;

// One button: a plain ATK object with the action interface.
struct ButtonAccessible {
  AtkObject parent;
  State* state;  // null once the button is gone
  std::size_t index;
};
struct ButtonAccessibleClass {
  AtkObjectClass parent;
};

struct BarAccessible {
  GtkWidgetAccessible parent;
};
struct BarAccessibleClass {
  GtkWidgetAccessibleClass parent;
};

AtkObjectClass* barParentClass = nullptr;

ButtonAccessible* asButton(AtkObject* obj) { return reinterpret_cast<ButtonAccessible*>(obj); }
ButtonAccessible* asButton(AtkAction* action) { return reinterpret_cast<ButtonAccessible*>(action); }

gint buttonIndexInParent(AtkObject* obj) {
  const ButtonAccessible* b = asButton(obj);
  return b->state ? static_cast<gint>(b->index) : -1;
}

AtkStateSet* buttonRefStateSet(AtkObject* obj) {
  AtkStateSet* set = atk_state_set_new();
  if (!asButton(obj)->state) {
    atk_state_set_add_state(set, ATK_STATE_DEFUNCT);
    return set;
  }
  for (AtkStateType t : {ATK_STATE_ENABLED, ATK_STATE_SENSITIVE, ATK_STATE_VISIBLE, ATK_STATE_SHOWING})
    atk_state_set_add_state(set, t);
  return set;
}

gboolean buttonDoAction(AtkAction* action, gint i) {
  ButtonAccessible* b = asButton(action);
  if (i != 0 || !b->state) return FALSE;
  State* s = b->state;
  if (b->index >= s->buttons.size() || !s->buttons[b->index].press) return FALSE;
  // Not inside the AT's D-Bus call, as a press may open a modal dialog. A
  // copy of the callback: the buttons may change before it runs. The call
  // is queued on the window that owns this object and its callbacks' owners,
  // so it goes with them.
  s->window->CallAfter([press = s->buttons[b->index].press] { press(); });
  return TRUE;
}

gint buttonNActions(AtkAction*) { return 1; }
const gchar* buttonActionName(AtkAction*, gint i) { return i == 0 ? "click" : nullptr; }
const gchar* buttonKeybinding(AtkAction* action, gint i) {
  const ButtonAccessible* b = asButton(action);
  if (i != 0 || !b->state || b->index >= b->state->buttons.size()) return nullptr;
  return b->state->buttons[b->index].description.c_str();
}

void buttonActionInit(gpointer iface, gpointer) {
  auto* a = static_cast<AtkActionIface*>(iface);
  a->do_action = buttonDoAction;
  a->get_n_actions = buttonNActions;
  a->get_name = buttonActionName;
  a->get_keybinding = buttonKeybinding;
}

void buttonClassInit(gpointer klass, gpointer) {
  auto* c = static_cast<AtkObjectClass*>(klass);
  c->get_index_in_parent = buttonIndexInParent;
  c->ref_state_set = buttonRefStateSet;
}

GType buttonAccessibleType() {
  static const GType type = [] {
    const GType t = atk::registerType(ATK_TYPE_OBJECT, "DeskpaneButtonAccessible", sizeof(ButtonAccessibleClass),
                                 buttonClassInit, sizeof(ButtonAccessible), nullptr);
    GInterfaceInfo action{};
    action.interface_init = buttonActionInit;
    g_type_add_interface_static(t, ATK_TYPE_ACTION, &action);
    return t;
  }();
  return type;
}

State* barState(AtkObject* bar) { return static_cast<State*>(atk::holderState(bar)); }

void barInitialize(AtkObject* obj, gpointer data) {
  barParentClass->initialize(obj, data);
  obj->role = ATK_ROLE_TOOL_BAR;
}

gint barNChildren(AtkObject* obj) {
  const State* s = barState(obj);
  return s ? static_cast<gint>(s->objects.size()) : 0;
}

AtkObject* barRefChild(AtkObject* obj, gint index) {
  State* s = barState(obj);
  if (!s || index < 0 || static_cast<std::size_t>(index) >= s->objects.size()) return nullptr;
  return ATK_OBJECT(g_object_ref(s->objects[static_cast<std::size_t>(index)]));
}

void barClassInit(gpointer klass, gpointer) {
  barParentClass = static_cast<AtkObjectClass*>(g_type_class_peek_parent(klass));
  auto* c = static_cast<AtkObjectClass*>(klass);
  c->initialize = barInitialize;
  c->get_n_children = barNChildren;
  c->ref_child = barRefChild;
}

GType barAccessibleType() {
  static const GType type = atk::registerType(GTK_TYPE_WIDGET_ACCESSIBLE, "DeskpaneButtonsAccessible",
                                         sizeof(BarAccessibleClass), barClassInit, sizeof(BarAccessible), nullptr);
  return type;
}

}  // namespace

AccessibleButtons::AccessibleButtons(wxWindow& window, const std::string& name, std::vector<AccessibleButton> buttons)
    : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.window = &window;
  static const GType holder = atk::holderType("DeskpaneAccessibleButtons", barAccessibleType());
  s.widget = atk::addHolder(window, holder, &s, name.c_str());
  setButtons(std::move(buttons));
}

void AccessibleButtons::setButtons(std::vector<AccessibleButton> buttons) {
  State& s = *state_;
  AtkObject* bar = gtk_widget_get_accessible(s.widget);
  for (std::size_t i = s.objects.size(); i-- > 0;) {
    AtkObject* obj = s.objects[i];
    asButton(obj)->state = nullptr;
    atk_object_notify_state_change(obj, ATK_STATE_DEFUNCT, TRUE);
    g_signal_emit_by_name(bar, "children-changed::remove", static_cast<guint>(i), obj);
    g_object_unref(obj);
  }
  s.objects.clear();
  s.buttons = std::move(buttons);
  for (std::size_t i = 0; i < s.buttons.size(); ++i) {
    auto* b = static_cast<ButtonAccessible*>(g_object_new(buttonAccessibleType(), nullptr));
    b->state = &s;
    b->index = i;
    AtkObject* obj = &b->parent;
    atk_object_set_role(obj, ATK_ROLE_PUSH_BUTTON);
    atk_object_set_name(obj, s.buttons[i].name.c_str());
    atk_object_set_description(obj, s.buttons[i].description.c_str());
    atk_object_set_parent(obj, bar);
    s.objects.push_back(obj);
    g_signal_emit_by_name(bar, "children-changed::add", static_cast<guint>(i), obj);
  }
}

AccessibleButtons::~AccessibleButtons() {
  for (AtkObject* obj : state_->objects) {
    asButton(obj)->state = nullptr;
    atk_object_notify_state_change(obj, ATK_STATE_DEFUNCT, TRUE);
    g_object_unref(obj);
  }
  atk::removeHolder(state_->widget);
}

}  // namespace deskpane::overlay
