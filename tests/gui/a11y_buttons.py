#!/usr/bin/python3
"""Lists, or presses, the push buttons a screen reader finds in an application.

Usage: a11y_buttons.py APP_NAME                     list them
       a11y_buttons.py APP_NAME WINDOW BUTTON       invoke BUTTON's first action

Listing prints one line per push button inside a tool bar of each top-level
window, tab-separated: window name, tool bar name, button name, its first
action's name, that action's key binding. Pressing exits 0 when the action
was invoked, 1 when no such button was found. Exits 2 when the application
is not on the accessibility bus. Run it with the system Python (python3-pyatspi).
"""
import sys

import pyatspi


def toolbars_below(obj, depth=0):
    if depth > 12:
        return
    for child in obj:
        if child is None:
            continue
        if child.getRole() == pyatspi.ROLE_TOOL_BAR:
            yield child
        else:
            yield from toolbars_below(child, depth + 1)


def buttons(app):
    for window in app:
        if window is None:
            continue
        for bar in toolbars_below(window):
            for button in bar:
                if button is not None and button.getRole() == pyatspi.ROLE_PUSH_BUTTON:
                    yield window, bar, button


def main():
    wanted = sys.argv[1]
    desktop = pyatspi.Registry.getDesktop(0)
    apps = [a for a in desktop if a is not None and a.name == wanted]
    if not apps:
        print("no application named %r on the bus" % wanted, file=sys.stderr)
        return 2
    if len(sys.argv) == 4:
        for window, _bar, button in buttons(apps[0]):
            if window.name == sys.argv[2] and button.name == sys.argv[3]:
                button.queryAction().doAction(0)
                return 0
        return 1
    for window, bar, button in buttons(apps[0]):
        action = button.queryAction()
        print("\t".join([window.name, bar.name, button.name, action.getName(0), action.getKeyBinding(0)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
