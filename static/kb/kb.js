/* Small progressive enhancements of the analyst pages; every page works without them.
   - article highlights: a popover says what a claim or date was resolved to; the claim in the URL's #claim-<id> lights up
   - selects marked data-autosubmit submit their form on change
   - multi-selects marked data-filterable get a filter box
   - autocomplete pickers (select2) get a label on their search box and no list semantics on their chips' box
   - <details data-open-wide> (the list's filters) open on wide screens; on phones they stay folded
   - a formset's "add a row" button (data-formset-add) copies its <template> row; without it the blank row serves */
(function () {
  "use strict";

  function showPopover(trigger) {
    var popover = document.getElementById("popover");
    var source = document.getElementById(trigger.dataset.popover);
    if (!popover || !source) {
      return false;
    }
    popover.innerHTML = source.innerHTML;
    popover.hidden = false;
    var box = trigger.getBoundingClientRect();
    popover.style.top = (window.scrollY + box.bottom + 6) + "px";
    popover.style.left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - popover.offsetWidth - 8)) + "px";
    popover.dataset.for = trigger.dataset.popover;
    return true;
  }

  function hidePopover() {
    var popover = document.getElementById("popover");
    if (popover) {
      popover.hidden = true;
    }
  }

  function highlightTarget() {
    var match = /^#claim-(\d+)$/.exec(window.location.hash);
    document.querySelectorAll(".hl-claim.is-target").forEach(function (mark) { mark.classList.remove("is-target"); });
    if (!match) {
      return;
    }
    document.querySelectorAll(".hl-claim").forEach(function (mark) {
      if ((mark.dataset.claims || "").split(" ").indexOf(match[1]) !== -1) {
        mark.classList.add("is-target");
      }
    });
  }

  document.addEventListener("click", function (event) {
    var trigger = event.target.closest("[data-popover]");
    var insideLink = event.target.closest("a[href]");
    if (trigger && !insideLink && trigger.dataset.popover) {
      event.preventDefault();
      showPopover(trigger);
      return;
    }
    if (!event.target.closest("#popover")) {
      hidePopover();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      hidePopover();
      return;
    }
    var trigger = event.target.closest && event.target.closest("mark[data-popover]");
    if (trigger && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      showPopover(trigger);
    }
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-autosubmit]")) {
      event.target.form.submit();
    }
  });

  function makeFilterable(select) {
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "Filter the list…";
    input.setAttribute("aria-label", "Filter the options of " + (select.labels[0] ? select.labels[0].textContent : "the list"));
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(select.options, function (option) {
        option.hidden = needle !== "" && !option.selected && option.text.toLowerCase().indexOf(needle) === -1;
      });
    });
    select.parentNode.insertBefore(input, select);
  }

  function labelPickers(root) {
    root.querySelectorAll(".select2-container").forEach(function (container) {
      var select = container.previousElementSibling;
      var label = select && select.labels && select.labels[0] ? select.labels[0].textContent.trim() : "";
      container.querySelectorAll(".select2-search__field:not([aria-label])").forEach(function (field) {
        field.setAttribute("aria-label", "Search " + (label || "the choices"));
      });
      container.querySelectorAll("ul.select2-selection__rendered:not([role])").forEach(function (list) {
        list.setAttribute("role", "presentation");
      });
      // A single picker's shown choice is a textbox to screen readers, unnamed when it shows the placeholder.
      container.querySelectorAll(".select2-selection__rendered[role=textbox]:not([aria-label])").forEach(function (box) {
        box.setAttribute("aria-label", label || "Choice");
      });
    });
  }

  if (window.MutationObserver) {
    new MutationObserver(function () { labelPickers(document); }).observe(document.documentElement,
      { childList: true, subtree: true });
  }

  function addFormsetRow(button) {
    var prefix = button.dataset.formsetAdd;
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.querySelector('template[data-formset-template="' + prefix + '"]');
    var rows = document.querySelector('[data-formset-rows="' + prefix + '"]');
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, total.value);
    var row = holder.firstElementChild;
    var legend = row.querySelector("legend");
    if (legend) {
      legend.textContent = "Figure " + (Number(total.value) + 1);
    }
    total.value = String(Number(total.value) + 1);
    // Appended to the page, the row's pickers are set up by the autocomplete script's own observer.
    rows.appendChild(row);
    var first = row.querySelector("select, input");
    if (first) {
      first.focus();
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-formset-add]");
    if (button) {
      addFormsetRow(button);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-formset-add]").forEach(function (button) { button.hidden = false; });
    document.querySelectorAll("select[data-filterable]").forEach(makeFilterable);
    if (window.matchMedia("(min-width: 901px)").matches) {
      document.querySelectorAll("details[data-open-wide]").forEach(function (panel) { panel.open = true; });
    }
    highlightTarget();
  });
  window.addEventListener("hashchange", highlightTarget);
})();
