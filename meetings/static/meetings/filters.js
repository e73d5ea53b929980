/* The meeting list's autocomplete filters: choosing a value (or clearing it) reloads the list with
   that filter, keeping the others; select2 itself is started by the admin's autocomplete.js. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.django || !window.django.jQuery) return;
    var $ = window.django.jQuery;
    $(".list-filter-autocomplete").on("change", function () {
      var params = new URLSearchParams(window.location.search);
      var name = this.dataset.parameter;
      if (this.value) params.set(name, this.value); else params.delete(name);
      params.delete("p");
      window.location.search = params.toString();
    });
  });
})();
