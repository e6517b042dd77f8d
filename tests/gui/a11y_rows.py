#!/usr/bin/python3
"""Prints what a screen reader finds in an application's windows over AT-SPI.

Usage: a11y_rows.py APP_NAME

One line per list item below each of the application's top-level windows,
tab-separated:  window name, the list's name, the item's role, the item's
name, its states (comma-separated, lower case). Exits 2 when the application
is not on the accessibility bus. Run it with the system Python (python3-pyatspi).
"""
import sys

import pyatspi

ITEM_ROLES = {pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_CELL, pyatspi.ROLE_TREE_ITEM}


def states(obj):
    return ",".join(sorted(pyatspi.stateToString(s).lower() for s in obj.getState().getStates()))


def lists_below(obj, depth=0):
    """Lists in obj's subtree (a list's own items are not searched further)."""
    if depth > 12:
        return
    for child in obj:
        if child is None:
            continue
        if child.getRole() == pyatspi.ROLE_LIST:
            yield child
        else:
            yield from lists_below(child, depth + 1)


def main():
    wanted = sys.argv[1]
    desktop = pyatspi.Registry.getDesktop(0)
    apps = [a for a in desktop if a is not None and a.name == wanted]
    if not apps:
        print("no application named %r on the bus (found: %s)" % (wanted, [a.name for a in desktop if a]),
              file=sys.stderr)
        return 2
    for window in apps[0]:
        if window is None:
            continue
        for lst in lists_below(window):
            for item in lst:
                if item is None or item.getRole() not in ITEM_ROLES:
                    continue
                print("\t".join([window.name, lst.name, item.getRoleName(), item.name, states(item)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
