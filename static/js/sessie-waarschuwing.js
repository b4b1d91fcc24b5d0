// WCAG 2.2.1: the idle limit logs out silently and loses unsaved input, so warn 2 minutes
// before. Settings come from the data attributes of #sessie-waarschuwing (templates/base.html).
(function () {
  var venster = document.getElementById("sessie-waarschuwing");
  if (!venster) { return; }
  var tekst = document.getElementById("sessie-tekst");
  var knop = document.getElementById("sessie-verlengen");
  var idle = parseInt(venster.dataset.idleSeconden, 10), vooraf = 120, timer = null, vorige = null;
  if (!(idle > vooraf)) { return; }
  function verlopen() { tekst.textContent = venster.dataset.verlopenTekst; knop.hidden = true; }
  function toon() { vorige = document.activeElement; venster.hidden = false; venster.focus(); }
  function plan() {
    clearTimeout(timer);
    timer = setTimeout(toon, (idle - vooraf) * 1000);
  }
  knop.addEventListener("click", function () {
    fetch(venster.dataset.verlengenUrl, {credentials: "same-origin", cache: "no-store"})
      .then(function (antwoord) {
        if (new URL(antwoord.url).pathname === venster.dataset.loginUrl) { verlopen(); return; }
        venster.hidden = true;
        if (vorige && vorige.focus) { vorige.focus(); }
        plan();
      });  // offline: the warning stays, the user can try again
  });
  plan();
})();
