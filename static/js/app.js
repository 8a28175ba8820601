/* Alliance Tracker: small progressive enhancements. Everything works without this file; htmx
 * (loaded separately) does the swapping. No inline handlers anywhere: the CSP forbids them. */
(function () {
  "use strict";

  var NARROW = "(max-width: 56rem)";

  /* On a phone the filter panel starts closed so the results come first. */
  function collapseOnNarrowScreens() {
    if (!window.matchMedia(NARROW).matches) return;
    document.querySelectorAll("details[data-collapse-narrow]").forEach(function (details) {
      details.open = false;
    });
  }

  /* The official picker: a list of checkboxes that works as is; with JavaScript a box above
   * it narrows the list as you type. */
  function filterOfficials() {
    var input = document.getElementById("official-search");
    if (!input) return;
    var words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    document.querySelectorAll("#facet-officials li[data-search]").forEach(function (item) {
      var text = item.getAttribute("data-search");
      var checked = item.querySelector("input:checked");
      item.hidden = !checked && !words.every(function (word) { return text.indexOf(word) !== -1; });
    });
    document.querySelectorAll("#facet-officials ul").forEach(function (list) {
      var heading = list.previousElementSibling;
      var anyVisible = list.querySelector("li:not([hidden])") !== null;
      list.hidden = !anyVisible;
      if (heading) heading.hidden = !anyVisible;
    });
  }

  function setUpOfficialSearch() {
    var wrapper = document.querySelector("[data-official-search]");
    var input = document.getElementById("official-search");
    // A property, not an attribute: htmx's history snapshot copies attributes, not listeners.
    if (!wrapper || !input || input.atReady) return;
    input.atReady = true;
    wrapper.hidden = false;
    input.addEventListener("input", filterOfficials);
    // The box only narrows the list: it is not a filter, so it must not submit the form.
    input.addEventListener("change", function (event) { event.stopPropagation(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  }

  /* After htmx changes the address (a filter, a chip, Back/Forward), make every control show
   * what the URL says. The control being typed in is left alone. */
  function syncFormWithUrl() {
    var form = document.getElementById("filter-form");
    if (!form) return;
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.elements, function (control) {
      if (!control.name || control === document.activeElement) return;
      var values = params.getAll(control.name);
      if (control.type === "checkbox") {
        control.checked = values.some(function (value) {
          return value.toLowerCase() === control.value.toLowerCase();
        });
      } else if (control.tagName === "SELECT" || control.type !== "submit") {
        control.value = values.length ? values[0] : "";
      }
    });
    filterOfficials();
  }

  function setBusy(busy) {
    var region = document.getElementById("results-region");
    if (region) region.setAttribute("aria-busy", busy ? "true" : "false");
  }

  document.addEventListener("DOMContentLoaded", function () {
    collapseOnNarrowScreens();
    setUpOfficialSearch();
  });
  document.addEventListener("htmx:beforeRequest", function () { setBusy(true); });
  document.addEventListener("htmx:afterRequest", function () { setBusy(false); });
  document.addEventListener("htmx:afterSettle", filterOfficials);
  document.addEventListener("htmx:pushedIntoHistory", syncFormWithUrl);
  document.addEventListener("htmx:historyRestore", function () {
    setUpOfficialSearch();
    syncFormWithUrl();
  });
})();
