// Content scripts cannot be ES modules, so this classic script loads the module graph from the
// extension's own (web-accessible) files.
import(chrome.runtime.getURL("content/main.js"))
  .then(({ start }) => start())
  .catch((error) => console.warn("OKR Coach could not start on this page:", error));
