/* Civic Pulse auto-resize for host pages. Include once, anywhere on the page:
 *   <script src="https://<civic-pulse-site>/embed/resize.js" async></script>
 * Every Civic Pulse iframe on the page then takes the height its chart needs. Without this
 * script an iframe keeps the fixed aspect ratio of its snippet.
 * Accepted message (anything else is ignored):
 *   { type: "civic-pulse:height", version: 1, chart: "<id>", height: <px>, title?: "<text>" }
 * from the contentWindow of one of this page's <iframe>s, with event.origin equal to that
 * iframe's src origin. No inline code: works under a CSP without 'unsafe-inline'. */
(() => {
  if (window.civicPulseResize) return; // included twice: the first copy does the work
  var TYPE = "civic-pulse:height";
  var MIN = 80;
  var MAX = 12000;

  function valid(d) {
    return (
      d !== null &&
      typeof d === "object" &&
      d.type === TYPE &&
      d.version === 1 &&
      typeof d.chart === "string" &&
      /^[a-z0-9-]{1,64}$/.test(d.chart) &&
      typeof d.height === "number" &&
      Number.isFinite(d.height) &&
      d.height >= MIN &&
      d.height <= MAX &&
      (d.title === undefined || (typeof d.title === "string" && d.title.length <= 300))
    );
  }

  function originOf(frame) {
    try {
      return new URL(frame.src, location.href).origin;
    } catch (_e) {
      return null;
    }
  }

  function frameOf(source) {
    var frames = document.getElementsByTagName("iframe");
    for (let i = 0; i < frames.length; i++)
      if (frames[i].contentWindow === source) return frames[i];
    return null;
  }

  window.addEventListener("message", (ev) => {
    if (!valid(ev.data)) return;
    var frame = frameOf(ev.source);
    if (!frame || originOf(frame) !== ev.origin) return;
    // CSSOM writes: allowed by any CSP (no style attribute is parsed).
    frame.style.height = Math.ceil(ev.data.height) + "px";
    frame.style.aspectRatio = "auto";
    frame.setAttribute("data-civic-pulse-height", String(Math.ceil(ev.data.height)));
    if (!frame.title && ev.data.title) frame.title = ev.data.title;
  });

  // Ask frames for their height: the ones that loaded before this script now, every other one
  // when its load event fires (captured on the document, so frames added later count too). A
  // lazily loaded frame that has not loaded yet still holds about:blank; a ping aimed at our
  // origin would make the browser log a target-origin mismatch in the host's console, so the ping
  // (a type and a version, nothing else) goes to "*". Replies are still checked: source frame
  // and its origin, above.
  function ping(frame) {
    if (!originOf(frame) || !frame.contentWindow) return;
    frame.contentWindow.postMessage({ type: "civic-pulse:ping", version: 1 }, "*");
  }
  function pingAll() {
    var frames = document.querySelectorAll("iframe[data-civic-pulse-chart]");
    for (let i = 0; i < frames.length; i++) ping(frames[i]);
  }
  document.addEventListener(
    "load",
    (ev) => {
      var f = ev.target;
      if (f && f.tagName === "IFRAME" && f.hasAttribute("data-civic-pulse-chart")) ping(f);
    },
    true,
  );
  window.civicPulseResize = { version: 1, ping: pingAll };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", pingAll);
  else pingAll();
})();
