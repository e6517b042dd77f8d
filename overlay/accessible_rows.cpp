#include "overlay/accessible_rows.h"

#include "overlay/atk_holder.h"

#include <gtk/gtk-a11y.h>

#include <algorithm>
#include <string_view>

namespace deskpane::overlay {

struct AccessibleRows::State {
  GtkWidget* widget = nullptr;  // ours: one reference until we go
  // The rows' names back to back, each closed by a NUL, and where each
  // starts: a 10,000-row pane keeps them in two blocks rather than in
  // 10,000 strings (about half the memory).
  std::string names;
  std::vector<std::size_t> starts;
  std::optional<std::size_t> selected;
  std::vector<AtkObject*> rows;  // one reference each; null until an AT asks

  std::size_t count() const { return starts.size(); }
  const char* name(std::size_t i) const { return names.c_str() + starts[i]; }
  std::string_view nameView(std::size_t i) const {
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1] - 1 : names.size() - 1;
    return std::string_view(names).substr(starts[i], end - starts[i]);
  }
};

namespace {

using State = AccessibleRows::State;

// One row: a plain ATK object (no widget behind it).
struct RowAccessible {
  AtkObject parent;
  State* state;  // null once the row is gone
  std::size_t index;
};
struct RowAccessibleClass {
  AtkObjectClass parent;
};

// The list: GTK's widget accessible (visibility, extents, parent) with rows as children.
struct ListAccessible {
  GtkWidgetAccessible parent;
};
struct ListAccessibleClass {
  GtkWidgetAccessibleClass parent;
};

AtkObjectClass* listParentClass = nullptr;

RowAccessible* asRow(AtkObject* obj) { return reinterpret_cast<RowAccessible*>(obj); }

bool windowActive(GtkWidget* widget) {
  GtkWidget* top = gtk_widget_get_toplevel(widget);
  return GTK_IS_WINDOW(top) && gtk_window_is_active(GTK_WINDOW(top));
}

gint rowIndexInParent(AtkObject* obj) {
  const RowAccessible* row = asRow(obj);
  return row->state ? static_cast<gint>(row->index) : -1;
}

AtkStateSet* rowRefStateSet(AtkObject* obj) {
  AtkStateSet* set = atk_state_set_new();
  const RowAccessible* row = asRow(obj);
  const State* s = row->state;
  if (!s) {
    atk_state_set_add_state(set, ATK_STATE_DEFUNCT);
    return set;
  }
  for (AtkStateType t : {ATK_STATE_ENABLED, ATK_STATE_SENSITIVE, ATK_STATE_VISIBLE, ATK_STATE_SHOWING,
                         ATK_STATE_SELECTABLE, ATK_STATE_FOCUSABLE})
    atk_state_set_add_state(set, t);
  if (s->selected == row->index) {
    atk_state_set_add_state(set, ATK_STATE_SELECTED);
    if (windowActive(s->widget)) atk_state_set_add_state(set, ATK_STATE_FOCUSED);
  }
  return set;
}

void rowClassInit(gpointer klass, gpointer) {
  auto* c = static_cast<AtkObjectClass*>(klass);
  c->get_index_in_parent = rowIndexInParent;
  c->ref_state_set = rowRefStateSet;
}

GType rowAccessibleType() {
  static const GType type = atk::registerType(ATK_TYPE_OBJECT, "DeskpaneRowAccessible", sizeof(RowAccessibleClass),
                                         rowClassInit, sizeof(RowAccessible), nullptr);
  return type;
}

State* listState(AtkObject* list) { return static_cast<State*>(atk::holderState(list)); }

AtkObject* rowObject(State& s, AtkObject* list, std::size_t index) {
  if (s.rows.size() < s.count()) s.rows.resize(s.count(), nullptr);
  if (!s.rows[index]) {
    auto* row = static_cast<RowAccessible*>(g_object_new(rowAccessibleType(), nullptr));
    row->state = &s;
    row->index = index;
    AtkObject* obj = &row->parent;
    atk_object_set_role(obj, ATK_ROLE_LIST_ITEM);
    atk_object_set_name(obj, s.name(index));
    atk_object_set_parent(obj, list);
    s.rows[index] = obj;
  }
  return s.rows[index];
}

void dropRow(AtkObject* row) {
  if (!row) return;
  asRow(row)->state = nullptr;
  atk_object_notify_state_change(row, ATK_STATE_DEFUNCT, TRUE);
  g_object_unref(row);
}

void listInitialize(AtkObject* obj, gpointer data) {
  listParentClass->initialize(obj, data);
  obj->role = ATK_ROLE_LIST;
}

gint listNChildren(AtkObject* obj) {
  const State* s = listState(obj);
  return s ? static_cast<gint>(s->count()) : 0;
}

AtkObject* listRefChild(AtkObject* obj, gint index) {
  State* s = listState(obj);
  if (!s || index < 0 || static_cast<std::size_t>(index) >= s->count()) return nullptr;
  return ATK_OBJECT(g_object_ref(rowObject(*s, obj, static_cast<std::size_t>(index))));
}

AtkStateSet* listRefStateSet(AtkObject* obj) {
  AtkStateSet* set = listParentClass->ref_state_set(obj);
  // Rows come and go with every sync: AT-SPI must ask for them, not cache them.
  atk_state_set_add_state(set, ATK_STATE_MANAGES_DESCENDANTS);
  return set;
}

void listClassInit(gpointer klass, gpointer) {
  listParentClass = static_cast<AtkObjectClass*>(g_type_class_peek_parent(klass));
  auto* c = static_cast<AtkObjectClass*>(klass);
  c->initialize = listInitialize;
  c->get_n_children = listNChildren;
  c->ref_child = listRefChild;
  c->ref_state_set = listRefStateSet;
}

GType listAccessibleType() {
  static const GType type = atk::registerType(GTK_TYPE_WIDGET_ACCESSIBLE, "DeskpaneRowsAccessible",
                                         sizeof(ListAccessibleClass), listClassInit, sizeof(ListAccessible), nullptr);
  return type;
}

}  // namespace

AccessibleRows::AccessibleRows(wxWindow& window, const std::string& name) : state_(std::make_unique<State>()) {
  // The client area (wx's own container) when there is one: the rows belong
  // beside the pane's inline controls.
  static const GType holder = atk::holderType("DeskpaneAccessibleRows", listAccessibleType());
  state_->widget = atk::addHolder(window, holder, state_.get(), name.c_str());
}

AccessibleRows::~AccessibleRows() {
  for (AtkObject* row : state_->rows) dropRow(row);
  atk::removeHolder(state_->widget);
}

void AccessibleRows::setRows(std::vector<std::string> names, std::optional<std::size_t> selected) {
  State& s = *state_;
  bool changed = names.size() != s.count();
  // Rows that went: an AT still holding one finds it defunct.
  for (std::size_t i = names.size(); i < s.rows.size(); ++i) dropRow(s.rows[i]);
  if (s.rows.size() > names.size()) s.rows.resize(names.size());
  const std::size_t kept = std::min(names.size(), s.count());
  for (std::size_t i = 0; i < kept; ++i) {
    if (names[i] == s.nameView(i)) continue;
    changed = true;
    if (i < s.rows.size() && s.rows[i]) atk_object_set_name(s.rows[i], names[i].c_str());
  }
  std::size_t total = 0;
  for (const auto& n : names) total += n.size() + 1;
  std::string joined;
  joined.reserve(total);
  std::vector<std::size_t> starts;
  starts.reserve(names.size());
  for (const auto& n : names) {
    starts.push_back(joined.size());
    joined += n;
    joined += '\0';
  }
  s.names = std::move(joined);
  s.starts = std::move(starts);
  if (changed) g_signal_emit_by_name(gtk_widget_get_accessible(s.widget), "visible-data-changed");
  setSelected(selected);
}

void AccessibleRows::setSelected(std::optional<std::size_t> selected) {
  State& s = *state_;
  if (selected && *selected >= s.count()) selected.reset();
  if (selected == s.selected) return;
  const std::optional<std::size_t> old = s.selected;
  s.selected = selected;
  if (old && *old < s.rows.size() && s.rows[*old]) {
    atk_object_notify_state_change(s.rows[*old], ATK_STATE_SELECTED, FALSE);
    atk_object_notify_state_change(s.rows[*old], ATK_STATE_FOCUSED, FALSE);
  }
  if (!selected) return;
  AtkObject* list = gtk_widget_get_accessible(s.widget);
  AtkObject* row = rowObject(s, list, *selected);
  atk_object_notify_state_change(row, ATK_STATE_SELECTED, TRUE);
  if (windowActive(s.widget)) atk_object_notify_state_change(row, ATK_STATE_FOCUSED, TRUE);
  // What a screen reader follows in a list that manages its descendants.
  g_signal_emit_by_name(list, "active-descendant-changed", row);
}

std::vector<std::string> accessibleLines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      out.push_back(text.substr(start));
      break;
    }
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace deskpane::overlay
