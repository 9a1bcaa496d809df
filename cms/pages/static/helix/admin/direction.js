/* Write text fields right-to-left where the content's language is (Arabic).
 *
 * Two places carry the language:
 *  - the page editor: a marker <span data-helix-text-direction="rtl" lang="ar"> rendered by
 *    TextDirectionPanel;
 *  - wagtail-localize's translation editor: the target locale in the editor's data-props.
 * New fields (StreamField blocks added later, a segment opened for editing) are handled by a
 * MutationObserver.
 */
(function () {
  "use strict";
  if (window.helixDirectionLoaded) return;
  window.helixDirectionLoaded = true;
  var RTL = ["ar", "fa", "he", "ur"];
  var SKIP_NAMES = /(^|-)(slug|url|website|email|phone|seo_title|search_description)$/;

  function directionOf(code) {
    return RTL.indexOf(String(code || "").split("-")[0]) >= 0 ? "rtl" : "ltr";
  }

  function target() {
    var marker = document.querySelector("[data-helix-text-direction]");
    if (marker) {
      return { root: marker.closest("form") || document.body, dir: marker.dataset.helixTextDirection,
               lang: marker.getAttribute("lang"), kind: "page" };
    }
    var editor = document.querySelector(".js-translation-editor[data-props]");
    if (editor) {
      try {
        var props = JSON.parse(editor.dataset.props);
        var code = props.locale && props.locale.code;
        return { root: editor, dir: directionOf(code), lang: code, kind: "translation" };
      } catch (e) {
        return null;
      }
    }
    return null;
  }

  function isTextField(el) {
    if (el.matches("textarea")) return true;
    if (el.matches("input")) {
      var type = (el.getAttribute("type") || "text").toLowerCase();
      return type === "text" || type === "search";
    }
    return el.matches("[contenteditable=true], .Draftail-Editor");
  }

  function apply(state, scope) {
    var nodes = scope.querySelectorAll
      ? scope.querySelectorAll("textarea, input, [contenteditable=true], .Draftail-Editor")
      : [];
    Array.prototype.forEach.call(nodes, function (el) {
      if (!isTextField(el) || el.dataset.helixDir === state.dir) return;
      var name = el.getAttribute("name") || el.id || "";
      if (SKIP_NAMES.test(name)) return;
      el.setAttribute("dir", state.dir);
      if (state.lang) el.setAttribute("lang", state.lang);
      el.dataset.helixDir = state.dir;
    });
  }

  function start() {
    var state = target();
    if (!state) return;
    document.documentElement.dataset.helixContentDirection = state.dir;
    if (state.dir !== "rtl") return;
    state.root.classList.add("helix-rtl-content");
    apply(state, state.root);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (m) {
        m.addedNodes.forEach(function (node) {
          if (node.nodeType === 1) apply(state, node.parentNode || node);
        });
      });
    }).observe(state.root, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
