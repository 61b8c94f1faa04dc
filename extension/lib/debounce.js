/**
 * Call `fn` once typing pauses for `waitMs`, with the latest arguments.
 *
 * `cancel()` drops a pending call (the editor went away); `flush()` runs it now (the user asked
 * for a fresh check). The timer functions are looked up at call time so tests can mock them.
 */
export function debounce(fn, waitMs) {
  let timer = null;
  let pendingArgs = null;

  const run = () => {
    const args = pendingArgs;
    timer = null;
    pendingArgs = null;
    return fn(...args);
  };

  const debounced = (...args) => {
    pendingArgs = args;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(run, waitMs);
  };
  debounced.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    pendingArgs = null;
  };
  debounced.flush = () => {
    if (timer === null) return undefined;
    clearTimeout(timer);
    return run();
  };
  debounced.pending = () => timer !== null;
  return debounced;
}
