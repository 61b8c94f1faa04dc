/**
 * Replace the current selection in an editor the way typing would, so the page's framework
 * (React, ProseMirror, ...) sees the change and undo works: `insertText` goes through the
 * browser's editing pipeline and fires beforeinput/input itself. Where the browser refuses it,
 * `fallback` edits the DOM directly and an input event is fired by hand.
 */
export function replaceSelection(editor, replacement, fallback) {
  if (document.execCommand("insertText", false, replacement)) return;
  fallback();
  editor.dispatchEvent(
    new InputEvent("input", { bubbles: true, inputType: "insertReplacementText", data: replacement }),
  );
}
