// The planner's form (GET /plan): a search over the site list, the
// visitor's location on a tap, and a clean URL on submit (empty fields
// left out), so that the URL is the plan: shared, bookmarked, and the
// back button returns to the plan before.
(function () {
  'use strict';
  var form = document.getElementById('plan-form');
  if (!form) { return; }
  var theme = document.getElementById('f-theme');
  var search = document.getElementById('f-search');
  var sites = document.getElementById('f-sites');
  var start = document.getElementById('f-start');

  search.addEventListener('input', function () {
    var words = search.value.trim().toLowerCase().split(/\s+/);
    sites.querySelectorAll('label').forEach(function (l) {
      var text = (l.getAttribute('data-search') || '').toLowerCase();
      l.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
    });
  });
  // A theme and a list of sites exclude each other.
  sites.addEventListener('change', function () {
    if (sites.querySelector('input:checked')) { theme.value = ''; }
  });
  theme.addEventListener('change', function () {
    if (theme.value) { sites.querySelectorAll('input:checked').forEach(function (c) { c.checked = false; }); }
  });

  // The location is asked for only when the visitor taps the button.
  var here = document.getElementById('f-here');
  here.addEventListener('click', function () {
    if (!navigator.geolocation) { here.textContent = here.dataset.fail || here.textContent; return; }
    var label = here.textContent;
    here.disabled = true;
    navigator.geolocation.getCurrentPosition(function (pos) {
      var v = pos.coords.longitude.toFixed(5) + ',' + pos.coords.latitude.toFixed(5);
      var o = document.createElement('option');
      o.value = v;
      o.textContent = label + ' (' + v + ')';
      start.appendChild(o);
      start.value = v;
      here.disabled = false;
    }, function () {
      here.disabled = false;
      here.classList.add('failed');
    }, { timeout: 15000 });
  });

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var q = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (String(value).trim() !== '') { q.append(name, value); }
    });
    window.location.assign('?' + q.toString());
  });

  // The language link keeps the plan.
  var lang = document.getElementById('f-lang');
  var q = new URLSearchParams(window.location.search);
  q.set('lang', new URLSearchParams(lang.getAttribute('href').slice(1)).get('lang'));
  lang.setAttribute('href', '?' + q.toString());
})();
