/* A minimal org.kde.StatusNotifierWatcher for the GUI tests: owns the name on
 * the session bus, accepts RegisterStatusNotifierItem and prints one line
 * "registered <bus-name> <object-path>" per item, so a test can check that the
 * app chose its SNI back-end and then read the item's properties with gdbus. */
#include <gio/gio.h>
#include <stdio.h>

static const char* kXml =
    "<node><interface name='org.kde.StatusNotifierWatcher'>"
    "<method name='RegisterStatusNotifierItem'><arg type='s' direction='in'/></method>"
    "<method name='RegisterStatusNotifierHost'><arg type='s' direction='in'/></method>"
    "<property name='RegisteredStatusNotifierItems' type='as' access='read'/>"
    "<property name='IsStatusNotifierHostRegistered' type='b' access='read'/>"
    "<property name='ProtocolVersion' type='i' access='read'/>"
    "<signal name='StatusNotifierItemRegistered'><arg type='s'/></signal>"
    "</interface></node>";

static GPtrArray* items;

static void onCall(GDBusConnection* bus, const gchar* sender, const gchar* path, const gchar* iface,
                   const gchar* method, GVariant* params, GDBusMethodInvocation* inv, gpointer data) {
  (void)path; (void)iface; (void)data;
  if (g_strcmp0(method, "RegisterStatusNotifierItem") == 0) {
    const gchar* arg = NULL;
    g_variant_get(params, "(&s)", &arg);
    /* Items pass either an object path (then the sender is the service) or a bus name. */
    const gchar* service = arg[0] == '/' ? sender : arg;
    const gchar* object = arg[0] == '/' ? arg : "/StatusNotifierItem";
    gchar* entry = g_strdup_printf("%s%s", service, object);
    g_ptr_array_add(items, entry);
    printf("registered %s %s\n", service, object);
    fflush(stdout);
    g_dbus_connection_emit_signal(bus, NULL, "/StatusNotifierWatcher", "org.kde.StatusNotifierWatcher",
                                  "StatusNotifierItemRegistered", g_variant_new("(s)", entry), NULL);
  }
  g_dbus_method_invocation_return_value(inv, NULL);
}

static GVariant* onGet(GDBusConnection* bus, const gchar* sender, const gchar* path, const gchar* iface,
                       const gchar* prop, GError** error, gpointer data) {
  (void)bus; (void)sender; (void)path; (void)iface; (void)error; (void)data;
  if (g_strcmp0(prop, "IsStatusNotifierHostRegistered") == 0) return g_variant_new_boolean(TRUE);
  if (g_strcmp0(prop, "ProtocolVersion") == 0) return g_variant_new_int32(0);
  GVariantBuilder b;
  g_variant_builder_init(&b, G_VARIANT_TYPE("as"));
  for (guint i = 0; i < items->len; ++i) g_variant_builder_add(&b, "s", (const char*)g_ptr_array_index(items, i));
  return g_variant_builder_end(&b);
}

static const GDBusInterfaceVTable kVtable = {onCall, onGet, NULL, {0}};

static void onBus(GDBusConnection* bus, const gchar* name, gpointer data) {
  (void)name;
  GDBusNodeInfo* info = g_dbus_node_info_new_for_xml(kXml, NULL);
  g_dbus_connection_register_object(bus, "/StatusNotifierWatcher", info->interfaces[0], &kVtable, data, NULL, NULL);
  g_dbus_node_info_unref(info);
}

static void onName(GDBusConnection* bus, const gchar* name, gpointer data) {
  (void)bus; (void)data;
  printf("watching as %s\n", name);
  fflush(stdout);
}

static void onLost(GDBusConnection* bus, const gchar* name, gpointer data) {
  (void)bus; (void)data;
  fprintf(stderr, "could not own %s\n", name);
  g_main_loop_quit((GMainLoop*)data);
}

int main(void) {
  items = g_ptr_array_new_with_free_func(g_free);
  GMainLoop* loop = g_main_loop_new(NULL, FALSE);
  g_bus_own_name(G_BUS_TYPE_SESSION, "org.kde.StatusNotifierWatcher", G_BUS_NAME_OWNER_FLAGS_NONE, onBus, onName,
                 onLost, loop, NULL);
  g_main_loop_run(loop);
  return 1;
}
