/* The cost-line assessment: show the Awb 4:7 note on a line as soon as a factual reason is
   chosen. The server already shows it for the saved or posted reason, and lists the factual
   reasons above the form, so the page works without this script. No inline script: the
   site's CSP forbids it. */
(function () {
  "use strict";
  var formulier = document.querySelector("form[data-feitelijke-redenen]");
  if (!formulier) {
    return;
  }
  var feitelijk = formulier.getAttribute("data-feitelijke-redenen").split(/\s+/);
  function toon(select) {
    var melding = document.getElementById(select.getAttribute("aria-describedby"));
    if (melding) {
      melding.hidden = feitelijk.indexOf(select.value) === -1 || select.value === "";
    }
  }
  var selects = formulier.querySelectorAll("select[name$='-reden_code']");
  for (var i = 0; i < selects.length; i++) {
    selects[i].addEventListener("change", function (event) { toon(event.target); });
  }
})();
