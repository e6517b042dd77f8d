#!/usr/bin/env python3
"""A stand-in org.freedesktop.Notifications service for the GUI tests.

Records every call it gets as one JSON line in LOG (Notify with its summary,
body, actions and hints; CloseNotification), and lets the test act as the
user: org.deskpane.FakeNotifications.Invoke(id, action) emits ActionInvoked
from this service (a client only trusts signals from the name's owner) and
then NotificationClosed, as a real service does after an action.

Usage: fake_notifications.py LOG    (runs until SIGTERM)
"""
import json
import signal
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

IFACE = "org.freedesktop.Notifications"
CONTROL = "org.deskpane.FakeNotifications"
PATH = "/org/freedesktop/Notifications"


class Service(dbus.service.Object):
    def __init__(self, bus, log_path):
        super().__init__(bus, PATH)
        self.log = open(log_path, "a", encoding="utf-8")
        self.next_id = 1

    def record(self, entry):
        self.log.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self.log.flush()

    @dbus.service.method(IFACE, in_signature="", out_signature="as")
    def GetCapabilities(self):
        return ["actions", "body", "persistence"]

    @dbus.service.method(IFACE, in_signature="", out_signature="ssss")
    def GetServerInformation(self):
        return ("fake-notifications", "deskpane tests", "1.0", "1.2")

    @dbus.service.method(IFACE, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout):
        nid = int(replaces_id) or self.next_id
        if not replaces_id:
            self.next_id += 1
        pairs = [[str(actions[i]), str(actions[i + 1])] for i in range(0, len(actions) - 1, 2)]
        self.record({"call": "Notify", "id": nid, "app": str(app_name), "summary": str(summary),
                     "body": str(body), "actions": pairs, "hints": sorted(str(k) for k in hints.keys()),
                     "timeout": int(expire_timeout)})
        return dbus.UInt32(nid)

    @dbus.service.method(IFACE, in_signature="u", out_signature="")
    def CloseNotification(self, nid):
        self.record({"call": "CloseNotification", "id": int(nid)})
        self.NotificationClosed(dbus.UInt32(nid), dbus.UInt32(3))

    @dbus.service.signal(IFACE, signature="uu")
    def NotificationClosed(self, nid, reason):
        pass

    @dbus.service.signal(IFACE, signature="us")
    def ActionInvoked(self, nid, action):
        pass

    @dbus.service.method(CONTROL, in_signature="us", out_signature="")
    def Invoke(self, nid, action):
        self.record({"call": "Invoke", "id": int(nid), "action": str(action)})
        self.ActionInvoked(dbus.UInt32(nid), str(action))
        self.NotificationClosed(dbus.UInt32(nid), dbus.UInt32(2))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    service = Service(bus, sys.argv[1])
    name = dbus.service.BusName(IFACE, bus, do_not_queue=True)
    loop = GLib.MainLoop()
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)
    print("fake notifications ready", flush=True)
    loop.run()
    del name, service


if __name__ == "__main__":
    main()
