/* The cost-line page: show the evidence rule of the category chosen in the select.
   Without this script the saved category's rule shows, and every category's rule is in
   the explanation under "Soort kosten". No inline script: the site's CSP forbids it. */
(function () {
  "use strict";
  var select = document.getElementById("id_categorie");
  var paneel = document.getElementById("bewijsregels");
  if (!select || !paneel) {
    return;
  }
  function toon() {
    var gekozen = select.value;
    var regels = paneel.querySelectorAll("[data-categorie]");
    for (var i = 0; i < regels.length; i++) {
      regels[i].hidden = regels[i].getAttribute("data-categorie") !== gekozen;
    }
    var leeg = paneel.querySelector("[data-bewijsregels-leeg]");
    if (leeg) {
      leeg.hidden = gekozen !== "";
    }
  }
  select.addEventListener("change", toon);
  toon();
})();
