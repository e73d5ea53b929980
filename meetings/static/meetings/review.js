/* The review page: keyboard shortcuts (a saves the form and approves, r reject reason, n next) and, when adding a meeting
   the machine missed, evidence offsets taken from the text the reviewer selects. */
(function () {
  "use strict";

  function isTyping(target) {
    if (!target) return false;
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    var approve = document.getElementById("approve-button");
    var reason = document.getElementById("reject-reason");
    var next = document.getElementById("next-link") || document.getElementById("next-meeting");
    if (event.key === "a" && approve) {
      event.preventDefault();
      approve.click(); // submits the review form with what was typed, then approves
    } else if (event.key === "r" && reason) {
      event.preventDefault();
      reason.focus();
    } else if (event.key === "n" && next) {
      event.preventDefault();
      window.location.href = next.href;
    }
  });

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

  document.addEventListener("DOMContentLoaded", function () {
    var text = document.getElementById("bulletin-text");
    var start = document.getElementById("id_evidence_start");
    var end = document.getElementById("id_evidence_end");
    if (!text || !start || !end || !text.dataset.selectEvidence) return;
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
  });
})();
