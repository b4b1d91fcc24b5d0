// Keyboard and screen-reader users start at the error summary; its links lead to the fields.
// Loaded with `defer`, so the summary (any element with data-focus-bij-laden) exists.
(function () {
  var samenvatting = document.querySelector("[data-focus-bij-laden]");
  if (samenvatting) { samenvatting.focus(); }
})();
