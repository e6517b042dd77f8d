#!/usr/bin/env python3
"""Finds user-visible string literals in the wx code that gettext never sees.

A literal with letters handed to a label, tool tip, menu item, dialog or
DrawText call must sit inside _(), wxPLURAL(), wxTRANSLATE() or
wxGetTranslation(): anything else is shown in English whatever the language.
Machine-readable names and the product name go in the allow-list file, one
"<path glob> <literal>" per line, so each exception is written down once.

Usage: check_marked_strings.py SOURCE_DIR ALLOW_LIST [FILE...]
Prints one "path:line: call("literal")" per finding; exits 1 if any.
"""
import fnmatch
import glob
import os
import re
import sys

# Calls whose string arguments reach the screen.
CALLS = [
    "SetLabel", "SetLabelText", "SetLabelMarkup", "SetToolTip", "SetHint", "SetTitle",
    "SetItemLabel", "SetStatusText", "SetHelpText", "SetDescription",
    "wxStaticText", "wxButton", "wxToggleButton", "wxCheckBox", "wxRadioButton",
    "wxStaticBox", "wxStaticBoxSizer", "wxHyperlinkCtrl", "wxRadioBox", "wxMenuItem",
    "Append", "AppendCheckItem", "AppendRadioItem", "AppendSubMenu", "Insert",
    "InsertCheckItem", "InsertRadioItem", "Prepend", "AddPage", "InsertPage",
    "wxMessageBox", "wxMessageDialog", "wxRichMessageDialog", "wxTextEntryDialog",
    "wxGetTextFromUser", "wxNotificationMessage", "wxDialog", "wxFrame",
    "SetMessage", "SetExtendedMessage", "ShowMessage", "ShowBalloon", "SetIcon",
    "DrawText", "DrawRotatedText", "DrawLabel",
]
# tr: overlay/contacts' wxGetTranslation(FromUTF8()) wrapper, an xgettext
# keyword in po/update_pot.sh like the others.
MARKERS = ("_", "wxPLURAL", "wxTRANSLATE", "wxGetTranslation", "wxGETTEXT_IN_CONTEXT", "N_", "tr")

# A base-class name ("public wxDialog {") opens a class body, not a call.
CALL_RE = re.compile(r"(?<![\w.:])(?<!public )(?<!private )(?<!protected )(?:[\w:]*::)?(" + "|".join(CALLS) + r")\s*[({]"
                     r"|(?<=[.>])(" + "|".join(CALLS) + r")\s*\(")
LITERAL_RE = re.compile(r'(?:u8|L|u|U)?"((?:[^"\\\n]|\\.)*)"')


def strip_comments(text):
    """Blanks out comments (keeping newlines, so line numbers hold)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def closing(text, start):
    """Index just past the bracket matching text[start] ('(' or '{')."""
    pairs = {"(": ")", "{": "}", "[": "]"}
    stack, i, n = [], start, len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c in pairs:
            stack.append(pairs[c])
        elif stack and c == stack[-1]:
            stack.pop()
            if not stack:
                return i + 1
        i += 1
    return n


def blank_marked(args):
    """The argument text with every _(...) etc. blanked out."""
    marker_re = re.compile(r"(?<![\w])(" + "|".join(re.escape(m) for m in MARKERS) + r")\s*\(")
    while True:
        m = marker_re.search(args)
        if not m:
            return args
        end = closing(args, m.end() - 1)
        args = args[:m.start()] + " " * (end - m.start()) + args[end:]


def has_words(literal):
    """True when the literal holds text a person reads (not "%d", "\\n", "\\tF9")."""
    s = re.sub(r"\\t.*$", "", literal)           # an accelerator after a tab
    s = re.sub(r"\\(x[0-9a-fA-F]+|[0-7]{1,3}|u[0-9a-fA-F]{4}|.)", "", s)
    s = re.sub(r"%[-+ #0-9.*]*(?:l|ll|z|h)?[a-zA-Z]", "", s)
    return re.search(r"[A-Za-z]", s) is not None


def load_allow(path):
    allow = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            pattern, _, literal = line.partition(" ")
            allow.append((pattern, literal))
    return allow


def toolkit_free(path, text):
    # The models and helpers built without wx mark their strings with
    # overlay/i18n.h; their calls (if any are named like wx's) draw nothing.
    return path.endswith("_model.cpp") or '#include "overlay/i18n.h"' in text


def scan(root, rel, allow):
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        raw = f.read()
    if toolkit_free(rel, raw):
        return []
    text = strip_comments(raw)
    found = []
    for m in CALL_RE.finditer(text):
        name = m.group(1) or m.group(2)
        open_at = m.end() - 1
        args = blank_marked(text[open_at:closing(text, open_at)])
        for lit in LITERAL_RE.finditer(args):
            literal = lit.group(1)
            if not has_words(literal):
                continue
            if any(fnmatch.fnmatch(rel, p) and literal == l for p, l in allow):
                continue
            line = text.count("\n", 0, open_at + lit.start()) + 1
            found.append(f'{rel}:{line}: {name}("{literal}")')
    return found


def main():
    root, allow_path = sys.argv[1], sys.argv[2]
    files = sys.argv[3:]
    if not files:
        files = sorted(set(glob.glob("tray/*.cpp", root_dir=root) +
                           glob.glob("overlay/**/*.cpp", root_dir=root, recursive=True)))
    allow = load_allow(allow_path)
    findings = []
    for rel in files:
        findings += scan(root, rel, allow)
    for f in findings:
        print(f)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
