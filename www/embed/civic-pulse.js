/* <civic-pulse-chart chart="jg-trend" lang="zh|en" theme="auto|light|dark"></civic-pulse-chart>
 * One script tag defines the element:
 *   <script src="https://<civic-pulse-site>/embed/civic-pulse.js" async></script>
 * The element draws the chart in an iframe of the Civic Pulse site (in its shadow root) and sizes
 * it from the iframe's height messages. Why an iframe and not the chart in shadow DOM: the chart
 * runs WebAssembly in a Web Worker and fetches its datasets from the Civic Pulse origin, which a
 * host page's CSP would have to allow ('wasm-unsafe-eval', worker-src, connect-src); in an iframe
 * it runs under the Civic Pulse CSP and only needs frame-src (and script-src for this file) on
 * the host, and the host's CSS cannot restyle it (nor ours leak out). */
(() => {
  if (!window.customElements || customElements.get("civic-pulse-chart")) return;
  var script = document.currentScript;
  // embed/civic-pulse.js -> the site root.
  var base = new URL("../", script?.src ? script.src : location.href);
  var ID = /^[a-z0-9-]{1,64}$/;

  function valid(d) {
    return (
      d !== null &&
      typeof d === "object" &&
      d.type === "civic-pulse:height" &&
      d.version === 1 &&
      typeof d.chart === "string" &&
      ID.test(d.chart) &&
      typeof d.height === "number" &&
      Number.isFinite(d.height) &&
      d.height >= 80 &&
      d.height <= 12000
    );
  }

  class CivicPulseChart extends HTMLElement {
    static get observedAttributes() {
      return ["chart", "lang", "theme", "plain"];
    }
    constructor() {
      super();
      this._root = this.attachShadow({ mode: "open" });
      this._frame = document.createElement("iframe");
      var f = this._frame;
      f.setAttribute("loading", "lazy");
      f.setAttribute("referrerpolicy", "no-referrer");
      f.setAttribute("part", "frame");
      // CSSOM only (host CSPs without 'unsafe-inline' allow it).
      f.style.display = "block";
      f.style.width = "100%";
      f.style.border = "0";
      f.style.aspectRatio = "4 / 3";
      this._root.appendChild(f);
      this._onMessage = this._onMessage.bind(this);
    }
    connectedCallback() {
      this.style.display = "block";
      window.addEventListener("message", this._onMessage);
      this._update();
    }
    disconnectedCallback() {
      window.removeEventListener("message", this._onMessage);
    }
    attributeChangedCallback() {
      if (this.isConnected) this._update();
    }
    _update() {
      var chart = this.getAttribute("chart") || "";
      if (!ID.test(chart)) {
        this._frame.removeAttribute("src");
        return;
      }
      var lang = this.getAttribute("lang") === "en" ? "en" : "zh";
      var theme = this.getAttribute("theme");
      var src = new URL("embed/" + lang + "/" + chart + ".html", base);
      // The host's choice; light unless it asks for dark or auto (a white article page is the norm).
      src.searchParams.set("theme", theme === "dark" || theme === "auto" ? theme : "light");
      if (this.hasAttribute("plain")) src.searchParams.set("plain", "");
      if (this._frame.getAttribute("src") !== src.href) this._frame.setAttribute("src", src.href);
      this._frame.title = this.getAttribute("title") || "Civic Pulse: " + chart;
      this._chart = chart;
    }
    _onMessage(ev) {
      var f = this._frame;
      if (
        ev.source !== f.contentWindow ||
        ev.origin !== base.origin ||
        !valid(ev.data) ||
        ev.data.chart !== this._chart
      )
        return;
      f.style.height = Math.ceil(ev.data.height) + "px";
      f.style.aspectRatio = "auto";
      this.setAttribute("data-height", String(Math.ceil(ev.data.height)));
      if (!this.getAttribute("title") && typeof ev.data.title === "string")
        f.title = ev.data.title.slice(0, 300);
    }
  }
  customElements.define("civic-pulse-chart", CivicPulseChart);
})();
