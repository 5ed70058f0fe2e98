// The planner's form (GET /plan): a search over the site list, the
// visitor's location on a tap, and, in place of a page load, the plan
// shown where the form is. The form's fields become a tour.Request (the
// JSON body of POST /api/plan), posted to POST /plan, which answers the
// page GET /plan gives for it and names that page's address in
// Content-Location. The page is swapped in, its script run again, and the
// address pushed, so that the plan can be shared and bookmarked and the
// back button returns to the plan before. Every word shown comes from the
// server: the pages it answers, or the form's data attributes.
// Without script, the form is a plain GET form of the same page.
(function () {
  'use strict';
  if (!document.getElementById('plan-form')) { return; }
  var pageScript = document.getElementById('page-script');
  var plannerScript = document.getElementById('planner-script');
  var pending = null; // the AbortController of the request in flight
  var pages = {};     // the page answered for an address, by address

  function byId(id) { return document.getElementById(id); }

  // The listeners sit on the document, so that they serve the form of
  // every page swapped in; they listen in the capture phase, which every
  // event passes, bubbling or not.
  document.addEventListener('input', function (ev) {
    if (ev.target.id !== 'f-search') { return; }
    var words = ev.target.value.trim().toLowerCase().split(/\s+/);
    byId('f-sites').querySelectorAll('label').forEach(function (l) {
      var text = (l.getAttribute('data-search') || '').toLowerCase();
      l.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
    });
  }, true);
  // A theme and a list of sites exclude each other.
  document.addEventListener('change', function (ev) {
    var theme = byId('f-theme'), sites = byId('f-sites');
    if (!theme || !sites) { return; }
    if (sites.contains(ev.target) && sites.querySelector('input:checked')) { theme.value = ''; }
    if (ev.target === theme && theme.value) {
      sites.querySelectorAll('input:checked').forEach(function (c) { c.checked = false; });
    }
  }, true);
  document.addEventListener('click', function (ev) {
    var here = ev.target.closest && ev.target.closest('button');
    if (here && here.id === 'f-here') { locate(here); }
  });
  document.addEventListener('submit', function (ev) {
    if (ev.target.id !== 'plan-form' || !window.fetch || !window.DOMParser) { return; }
    ev.preventDefault();
    submit(ev.target);
  });
  window.addEventListener('popstate', function () { restore(location.href); });
  // The page puts itself at the top when it swaps a plan in; the
  // browser's own scrolling on back and forward would come after.
  if ('scrollRestoration' in history) { history.scrollRestoration = 'manual'; }

  // locate asks for the visitor's position, only on their tap, and makes
  // it the start.
  function locate(here) {
    var start = byId('f-start');
    var label = here.textContent;
    if (!navigator.geolocation) { here.textContent = here.getAttribute('data-fail'); return; }
    here.disabled = true;
    here.textContent = here.getAttribute('data-locating');
    navigator.geolocation.getCurrentPosition(function (pos) {
      var v = pos.coords.longitude.toFixed(5) + ',' + pos.coords.latitude.toFixed(5);
      var o = document.createElement('option');
      o.value = v;
      o.textContent = label + ' (' + v + ')';
      start.appendChild(o);
      start.value = v;
      here.textContent = label;
      here.disabled = false;
    }, function () {
      here.textContent = here.getAttribute('data-fail');
      here.disabled = false;
    }, { timeout: 15000 });
  }

  // requestOf writes the form as a tour.Request: its fields are named as
  // the request's members; empty fields are left out.
  function requestOf(form) {
    var req = {}, sites = [];
    new FormData(form).forEach(function (value, name) {
      var v = String(value).trim();
      if (v === '' || name === 'lang') { return; }
      if (name === 'sites') {
        sites.push(v);
      } else if (name === 'hours' || name === 'days') {
        req[name] = Number(v);
      } else if (name === 'start' && v.indexOf(',') >= 0) {
        req.start = v.split(',').map(Number); // [lon, lat]
      } else {
        req[name] = v;
      }
    });
    if (sites.length) { req.sites = sites; }
    return req;
  }

  function submit(form) {
    var lang = form.elements.lang ? form.elements.lang.value : '';
    var button = byId('f-submit');
    if (button) {
      button.disabled = true;
      button.setAttribute('data-label', button.textContent);
      button.textContent = form.getAttribute('data-planning');
    }
    load(location.pathname + (lang ? '?lang=' + encodeURIComponent(lang) : ''), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'text/html' },
      body: JSON.stringify(requestOf(form))
    }, true);
  }

  // restore shows the page of address after a move in the history.
  function restore(address) {
    if (pages[address]) { show(pages[address]); return; }
    load(address, { headers: { 'Accept': 'text/html' } }, false);
  }

  // load asks the server for a page and shows it; with push, the page's
  // address (its Content-Location) becomes a new history entry. A later
  // request aborts an earlier one.
  function load(url, init, push) {
    if (pending) { pending.abort(); }
    var ctl = pending = new AbortController();
    init.signal = ctl.signal;
    document.body.setAttribute('aria-busy', 'true');
    fetch(url, init).then(function (res) {
      if ((res.headers.get('Content-Type') || '').indexOf('text/html') !== 0) {
        throw new Error('HTTP ' + res.status);
      }
      return res.text().then(function (html) {
        if (ctl !== pending) { return; }
        pending = null;
        var where = res.headers.get('Content-Location');
        var address = where ? new URL(where, res.url).href : '';
        show(html);
        if (!address) { return; }
        pages[address] = html;
        if (push && address !== location.href) {
          history.pushState(null, '', address);
        } else if (push) {
          history.replaceState(null, '', address);
        }
      });
    }).catch(function (err) {
      if (err.name === 'AbortError' || ctl !== pending) { return; }
      pending = null;
      failed();
    });
  }

  // show swaps the page's body for the body of html and runs the page's
  // script over it; the planner's own scripts stay. The head is left
  // out: its style, with another nonce, would break the page's policy
  // even in a parsed document, and its title and language are this
  // page's (the form's language is the page's).
  function show(html) {
    var doc = new DOMParser().parseFromString(html.slice(Math.max(0, html.indexOf('<body'))), 'text/html');
    var body = document.body;
    Array.prototype.slice.call(body.childNodes).forEach(function (n) {
      if (n !== pageScript && n !== plannerScript) { body.removeChild(n); }
    });
    Array.prototype.slice.call(doc.body.childNodes).forEach(function (n) {
      if (n.nodeName === 'SCRIPT' && n.type !== 'application/json') { return; }
      // A copy made by this document, so that the page's nodes are all
      // its own.
      body.insertBefore(document.importNode(n, true), pageScript);
    });
    ['class', 'data-ready'].forEach(function (a) { body.setAttribute(a, doc.body.getAttribute(a) || ''); });
    body.removeAttribute('aria-busy');
    // The page's script runs again over the new map and data: a copy of
    // it, with the nonce the page's policy allows.
    var again = document.createElement('script');
    again.setAttribute('nonce', pageScript.nonce);
    again.id = pageScript.id;
    again.textContent = pageScript.textContent;
    body.replaceChild(again, pageScript);
    pageScript = again;
    window.scrollTo(0, 0);
    // Keyboard and screen-reader users go on from the new page: from its
    // error when the plan was refused, else from its title.
    var target = byId('plan-error') || byId('title');
    if (target) {
      target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: target.id !== 'plan-error' });
    }
  }

  // failed says, above the form, that the planner could not be reached
  // (or answered something other than a page); the form stays as it was.
  function failed() {
    var form = byId('plan-form');
    var old = byId('plan-error');
    if (old) { old.parentNode.removeChild(old); }
    var box = document.createElement('div');
    box.className = 'error';
    box.id = 'plan-error';
    box.setAttribute('role', 'alert');
    var p = document.createElement('p');
    p.textContent = form.getAttribute('data-offline');
    box.appendChild(p);
    form.parentNode.insertBefore(box, form);
    box.scrollIntoView({ block: 'nearest' });
    var button = byId('f-submit');
    if (button) {
      button.disabled = false;
      button.textContent = button.getAttribute('data-label') || button.textContent;
    }
    document.body.removeAttribute('aria-busy');
  }
})();
