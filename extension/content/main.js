/**
 * The content script: finds the text boxes people type in (textareas and contenteditable
 * editors, including ones added later), gives each an EditorSession, and keeps the tab's badge
 * in step. Works only on the sites chosen in the options.
 */

import { isSiteActive } from "../lib/settings.js";
import { onSettingsChanged, readSettings } from "../shared/storage.js";
import { EditableSurface } from "./editable-surface.js";
import { EditorSession } from "./editor-session.js";
import { worker } from "./messaging.js";
import { Overlay } from "./overlay.js";
import { TextareaSurface } from "./textarea-surface.js";

/** The editor a typing or focus event belongs to: a writable textarea or the outermost contenteditable host. */
function editorOf(target) {
  if (target instanceof HTMLTextAreaElement) return target.readOnly || target.disabled ? null : target;
  if (!(target instanceof HTMLElement) || !target.isContentEditable) return null;
  let host = target;
  while (host.parentElement?.isContentEditable) host = host.parentElement;
  return host;
}

export async function start() {
  let settings = await readSettings();
  const active = () => isSiteActive(location.hostname, settings.sites);
  const sessions = new Map(); // editor element -> EditorSession
  let overlay = null; // made on first use: pages nobody types in get no extra DOM

  const forget = (editor) => {
    const session = sessions.get(editor);
    overlay.remove(session);
    session.dispose();
    sessions.delete(editor);
  };

  const reportBadge = () => {
    let count = 0;
    let problem;
    for (const [editor, session] of sessions) {
      if (!editor.isConnected) {
        forget(editor);
        continue;
      }
      count += session.findingCount;
      problem ??= session.problem ?? undefined;
    }
    // The badge is a hint; a tab the worker cannot reach has nothing better to show anyway.
    worker.badge(count, problem).catch((error) => console.debug("OKR Coach badge:", error.message));
  };

  const onUpdate = () => {
    overlay.scheduleLayout();
    reportBadge();
  };

  const sessionFor = (target) => {
    const editor = editorOf(target);
    if (editor === null) return null;
    if (!sessions.has(editor)) {
      overlay ??= new Overlay();
      const surface = editor instanceof HTMLTextAreaElement
        ? new TextareaSurface(editor, overlay.mirrorParent)
        : new EditableSurface(editor);
      const session = new EditorSession(surface, onUpdate);
      sessions.set(editor, session);
      overlay.add(session);
    }
    return sessions.get(editor);
  };

  const onTyping = (event) => {
    if (active()) sessionFor(event.target)?.textChanged();
  };
  document.addEventListener("input", onTyping, true);
  document.addEventListener("focusin", onTyping, true);
  // Someone may have started typing before this script loaded.
  onTyping({ target: document.activeElement });

  onSettingsChanged((next) => {
    settings = next;
    if (active()) return;
    for (const editor of [...sessions.keys()]) forget(editor);
    reportBadge();
  });
}
