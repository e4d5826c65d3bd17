"""Walk SupportBack Desktop's accessibility tree over AT-SPI, as a screen reader (Orca) sees it.

Run by tests/test_accessibility.py with the system's Python (python3-pyatspi), inside `dbus-run-session`:
it starts Xvfb, starts the app on a profile filled with the sample entries, with Qt's accessibility bridge on, answers the first-start
safety questions' "not now" through AT-SPI, selects every page in the navigation list through AT-SPI, and
reports, as JSON on stdout, every visible control without a name or a role. Exits 0 when it could walk."""
import json
import os
import subprocess
import sys
import time

import pyatspi

CONTROL_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_LIST, pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE, pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_PAGE_TAB,
    pyatspi.ROLE_SCROLL_BAR, pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_LINK,
}
IGNORED_ROLES = {pyatspi.ROLE_SCROLL_BAR}   # scroll bars are announced by position, not by name


def wait_for(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)   # polling another process: there is no signal to wait on across the bus
    raise SystemExit(f"timed out waiting for {what}")


def find_app(name):
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is not None and app.name and name.lower() in app.name.lower():
            return app
    return None


def showing(node):
    try:
        return node.getState().contains(pyatspi.STATE_SHOWING)
    except Exception:
        return False


def walk(node, path, report, depth=0):
    if depth > 40 or node is None:
        return
    try:
        role, name = node.getRole(), node.name or ""
        count = node.childCount
    except Exception:
        return
    if not showing(node) and depth > 1:
        return
    if role in CONTROL_ROLES and role not in IGNORED_ROLES:
        labelled = any(r.getRelationType() == pyatspi.RELATION_LABELLED_BY for r in node.getRelationSet())
        entry = {"where": path, "role": node.getRoleName(), "name": name}
        report["controls"].append(entry)
        if not name.strip() and not labelled:
            report["unnamed"].append(entry)
    if role == pyatspi.ROLE_UNKNOWN:
        report["no_role"].append({"where": path, "name": name})
    if role in (pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_LIST) and count > 30:
        count = 30   # the first rows stand for the rest
    for index in range(count):
        try:
            child = node.getChildAtIndex(index)
        except Exception:
            continue
        walk(child, f"{path}/{child.getRoleName() if child else '?'}", report, depth + 1)


def windows(app):
    return [app.getChildAtIndex(i) for i in range(app.childCount) if app.getChildAtIndex(i) is not None]


def find(node, role, name=None, depth=0):
    if node is None or depth > 40:
        return None
    try:
        if node.getRole() == role and (name is None or (node.name or "").replace("&", "") == name):
            return node
        for index in range(node.childCount):
            found = find(node.getChildAtIndex(index), role, name, depth + 1)
            if found is not None:
                return found
    except Exception:
        return None
    return None


def press(node):
    action = node.queryAction()
    for index in range(action.nActions):
        if action.getName(index) in ("Press", "press", "click", "SetFocus"):
            action.doAction(index)
            return True
    action.doAction(0)
    return True


def main():
    app_python, data_dir = sys.argv[1], sys.argv[2]
    xvfb = subprocess.Popen(["Xvfb", ":97", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = dict(os.environ, DISPLAY=":97", QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
               QT_ACCESSIBILITY="1", SB_DESKTOP_DATA_DIR=data_dir, NO_AT_BRIDGE="0")
    env.pop("WAYLAND_DISPLAY", None)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main_py = os.path.join(root, "main.py")
    # A person's own profile filled with the sample entries (the Demo profile has its first safety check done,
    # as its finished sessions say): this one opens on the first-start safety questions, as a new person's does.
    for setup in (["profiles", "create", "--no-passphrase", "Walker"], ["--profile", "Walker", "demo"]):
        subprocess.run([app_python, main_py, *setup], env=env, check=True, stdout=subprocess.DEVNULL)
    app_process = subprocess.Popen([app_python, main_py, "--profile", "Walker"], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    report = {"controls": [], "unnamed": [], "no_role": [], "pages": []}
    try:
        app = wait_for(lambda: find_app("SupportBack") or find_app("sb-desktop") or find_app("main.py"), 60,
                       "the app on the accessibility bus")
        # The first-start safety questions come first; a screen-reader user can read and answer them, or
        # leave them for later. Walk that dialog, then choose "not now".
        dialog = wait_for(lambda: next((w for w in windows(app) if w.getRole() == pyatspi.ROLE_DIALOG), None), 30,
                          "the first-start safety questions")
        walk(dialog, "safety-questions", report)
        later = find(dialog, pyatspi.ROLE_PUSH_BUTTON, "Not now") or find(dialog, pyatspi.ROLE_PUSH_BUTTON,
                                                                        "Ask me later")
        if later is not None:
            press(later)
        main_window = wait_for(lambda: next((w for w in windows(app) if w.getRole() == pyatspi.ROLE_FRAME
                                             and showing(w)), None), 30, "the main window")
        sections = wait_for(lambda: find(main_window, pyatspi.ROLE_LIST, "Sections"), 30, "the page list")
        selection = sections.querySelection()
        previous: set = set()
        for index in range(sections.childCount):
            item = sections.getChildAtIndex(index)
            selection.selectChild(index)
            wait_for(lambda item=item: item.getState().contains(pyatspi.STATE_SELECTED), 10, f"page {item.name}")
            # Wait until the bridge shows this page's controls (a page is built on its first visit, which
            # takes a while on a busy machine): the controls on screen differ from the page before.
            deadline = time.monotonic() + 30
            while True:
                page_report = {"controls": [], "unnamed": [], "no_role": []}
                walk(main_window, item.name, page_report)
                names = {c["name"] for c in page_report["controls"]}
                if names != previous or time.monotonic() > deadline:
                    break
                time.sleep(0.3)   # polling another process: no signal crosses the bus to wait on
            previous = names
            report["pages"].append(item.name)
            for key in ("controls", "unnamed", "no_role"):
                report[key].extend(page_report[key])
    finally:
        app_process.terminate()
        try:
            app_process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            app_process.kill()
        xvfb.terminate()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
