/*
 * Agenda filters, progressively enhanced.
 *
 * Without JavaScript the filters are a plain GET form: "Filtrer" loads /agenda/?commune=…&phase=… .
 * With it, changing a filter (or pressing "Filtrer") fetches that same URL, swaps the parts of the page marked
 * data-agenda-part="…" (title, errors, clear link, results), updates the address bar, and writes the new result
 * count ("3 résultats") into the data-agenda-status live region so that screen readers announce it. Focus stays
 * on the control the visitor was using. Any failure falls back to the ordinary form submission.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-agenda-filters]");
  var status = document.querySelector("[data-agenda-status]");
  if (!form || !status || !window.fetch || !window.DOMParser || !window.URLSearchParams || !window.history) {
    return;
  }

  var DEBOUNCE_MS = 250;
  var timer = null;
  var controller = null;
  var generation = 0;

  /* The form's query string without empty fields: "?commune=forest&phase=orientation" (or "" when unfiltered). */
  function queryString() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value !== "") {
        params.append(name, value);
      }
    });
    var query = params.toString();
    return query ? "?" + query : "";
  }

  function announce(text) {
    // Empty the region first: a screen reader then reads the text even when it equals the previous one.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = text;
    }, 50);
  }

  function swap(doc) {
    var parts = document.querySelectorAll("[data-agenda-part]");
    for (var i = 0; i < parts.length; i++) {
      var current = parts[i];
      var fresh = doc.querySelector('[data-agenda-part="' + current.getAttribute("data-agenda-part") + '"]');
      if (!fresh) {
        continue;
      }
      var hadFocus = current.contains(document.activeElement);
      var copy = document.importNode(fresh, true);
      current.parentNode.replaceChild(copy, current);
      if (hadFocus) {
        // Never leave focus on a removed element: give it to the new result count.
        var heading = document.querySelector("[data-agenda-count]");
        if (heading) {
          heading.setAttribute("tabindex", "-1");
          heading.focus();
        }
      }
    }
  }

  function update() {
    var url = form.getAttribute("action").split("?")[0] + queryString();
    var mine = ++generation;
    if (controller) {
      controller.abort();
    }
    controller = window.AbortController ? new AbortController() : null;
    var results = document.querySelector('[data-agenda-part="results"]');
    if (results) {
      results.setAttribute("aria-busy", "true");
    }
    fetch(url, {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        if (mine !== generation) {
          return; // a newer request is on its way
        }
        var doc = new DOMParser().parseFromString(html, "text/html");
        swap(doc);
        window.history.replaceState(null, "", url);
        var count = doc.querySelector("[data-agenda-count]");
        if (count) {
          announce(count.textContent.replace(/\s+/g, " ").trim());
        }
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") {
          return;
        }
        window.location.assign(url); // the server renders the same result without the enhancement
      });
  }

  form.addEventListener("change", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, DEBOUNCE_MS);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    update();
  });
})();
