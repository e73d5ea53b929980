/* The review page: the evidence scrolled into view; keyboard shortcuts (a saves the form and approves,
   r the reject reason, e the first field, n the next meeting, Esc leaves a field); topics get a new
   empty input when the last one is filled; when adding a meeting the machine missed, evidence
   offsets come from the text the reviewer selects. */
(function () {
  "use strict";

  function isTyping(target) {
    if (!target) return false;
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  function firstField() {
    return document.querySelector(
      "#meeting_form select:not([type=hidden]), #meeting_form input[type=text], #meeting_form textarea"
    );
  }

  var MAX_TOPICS = 20; // the form accepts no more
  var dirty = false; // something typed and not saved: leaving asks first

  function leave(href) {
    if (dirty && !window.confirm("Изменения не сохранены. Уйти со страницы без них?")) return;
    dirty = false;
    window.location.href = href;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isTyping(event.target)) {
      event.target.blur();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    var approve = document.getElementById("approve-button");
    var reason = document.getElementById("reject-reason");
    var next = document.getElementById("next-link") || document.getElementById("next-meeting");
    var field = firstField();
    if (event.key === "a" && approve) {
      event.preventDefault();
      approve.click(); // submits the review form with what was typed, then approves
    } else if (event.key === "r" && reason) {
      event.preventDefault();
      reason.focus();
    } else if (event.key === "e" && field) {
      event.preventDefault();
      field.focus();
    } else if (event.key === "n" && next) {
      event.preventDefault();
      leave(next.href);
    }
  });

  function showEvidence(text) {
    var mark = text.querySelector("mark.evidence");
    if (!mark) return;
    // Scroll the text box only (not the page): the evidence a third of the way down.
    text.scrollTop = Math.max(0, mark.offsetTop - text.clientHeight / 3);
  }

  function growTopics(container) {
    container.addEventListener("input", function () {
      var inputs = container.querySelectorAll("input[type=text]");
      var last = inputs[inputs.length - 1];
      if (last && last.value.trim() !== "" && inputs.length < MAX_TOPICS) {
        var added = last.cloneNode(false);
        added.value = "";
        added.removeAttribute("id");
        added.setAttribute("aria-label", "тема " + (inputs.length + 1));
        container.appendChild(added);
      }
    });
  }

  // Offsets index the Python str: count code points, not UTF-16 units.
  function codePoints(text) {
    return Array.from(text).length;
  }

  function offsetIn(container, node, offset) {
    var range = document.createRange();
    range.setStart(container, 0);
    range.setEnd(node, offset);
    return codePoints(range.toString());
  }

  function selectEvidence(text) {
    var start = document.getElementById("id_evidence_start");
    var end = document.getElementById("id_evidence_end");
    if (!start || !end || !text.dataset.selectEvidence) return;
    var preview = document.getElementById("selection-preview");
    text.addEventListener("mouseup", function () {
      var selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
      var range = selection.getRangeAt(0);
      if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
      start.value = offsetIn(text, range.startContainer, range.startOffset);
      end.value = offsetIn(text, range.endContainer, range.endOffset);
      if (preview) preview.textContent = "[" + start.value + "–" + end.value + "] " + range.toString();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var text = document.getElementById("bulletin-text");
    if (text) {
      showEvidence(text);
      selectEvidence(text);
    }
    document.querySelectorAll(".topics-inputs").forEach(growTopics);
    var form = document.getElementById("meeting_form");
    if (form) {
      form.addEventListener("input", function () { dirty = true; });
      form.addEventListener("change", function () { dirty = true; });
      form.addEventListener("submit", function () { dirty = false; });
    }
    document.querySelectorAll("#next-link, #next-meeting").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        leave(link.href);
      });
    });
  });
})();
