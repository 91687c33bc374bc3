/*
 * Runs before the app's script, as a plain script that any browser can run: if the app's script
 * cannot be fetched or parsed (a browser older than the build's target, where the message would
 * otherwise say "Loading…" for 8 s first), or fails before the app has drawn itself, index.html's
 * message says at once that the browser could not start the app, and what it needs.
 */
(function () {
  function onError() {
    // the message is still there: the app has not drawn itself (errors after that are the app's own)
    if (document.querySelector('#root > .boot')) document.documentElement.className += ' boot-failed';
  }
  // capture: a script element that fails to load fires its error there, and it does not bubble
  addEventListener('error', onError, true);
})();
