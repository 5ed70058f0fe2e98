// The chuanzhu embed page's script: a tooltip with a place's name and
// note on hover or focus, and a panel with its details on click or Enter.
// It reads the page's data block and the SVG map's stop markers
// (g.stop[data-id]); it loads nothing and writes text only through
// textContent.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('chuanzhu-data').textContent);
  var L = data.labels;
  var byId = {};
  data.stops.forEach(function (s) {
    if (s.id) { byId[s.id] = s; }
  });
  var map = document.getElementById('map');
  var tip = document.getElementById('tip');
  var panel = document.getElementById('panel');

  function clear(el) {
    while (el.firstChild) { el.removeChild(el.firstChild); }
  }

  function short(text, n) {
    var chars = Array.from(text || '');
    return chars.length > n ? chars.slice(0, n).join('') + '…' : chars.join('');
  }

  function roleName(s) {
    if (s.role === 'start') { return L.start; }
    if (s.role === 'end') { return L.end; }
    return String(s.seq);
  }

  function showTip(s, ev) {
    clear(tip);
    var b = document.createElement('b');
    b.textContent = s.role === 'stop' ? s.seq + '. ' + s.name : s.name;
    tip.appendChild(b);
    if (s.note) {
      var p = document.createElement('span');
      p.textContent = short(s.note, 90);
      tip.appendChild(p);
    }
    tip.hidden = false;
    moveTip(ev);
  }

  function moveTip(ev) {
    var r = map.getBoundingClientRect();
    var x, y;
    if (ev && ev.clientX !== undefined && ev.type !== 'focus') {
      x = ev.clientX; y = ev.clientY;
    } else {
      var br = ev.target.getBoundingClientRect();
      x = br.left + br.width / 2; y = br.bottom;
    }
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.min(Math.max(4, x + 14), window.innerWidth - w - 4);
    var top = y + 16 + h > window.innerHeight ? y - h - 12 : y + 16;
    tip.style.left = (left + window.scrollX) + 'px';
    tip.style.top = (Math.max(r.top, top) + window.scrollY) + 'px';
  }

  function hideTip() { tip.hidden = true; }

  function fact(dl, label, value) {
    if (!value) { return; }
    var dt = document.createElement('dt');
    dt.textContent = label;
    var dd = document.createElement('dd');
    dd.textContent = value;
    dl.appendChild(dt);
    dl.appendChild(dd);
  }

  function showPanel(s, g) {
    document.getElementById('panel-name').textContent =
      (s.role === 'stop' ? s.seq + '. ' : roleName(s) + ' · ') + s.name;
    document.getElementById('panel-alt').textContent = s.alt || '';
    var dl = document.getElementById('panel-facts');
    clear(dl);
    fact(dl, L.day.replace('%d', s.day), s.role === 'stop' ? '' : roleName(s));
    fact(dl, L.period, s.period);
    fact(dl, L.region, s.region);
    fact(dl, L.arrival, s.arrival);
    if (s.wait_min) { fact(dl, L.wait, s.wait_min + ' ' + L.min); }
    if (s.visit_min) { fact(dl, L.visit, s.visit_min + ' ' + L.min); }
    fact(dl, L.departure, s.departure);
    document.getElementById('panel-note').textContent = s.note || '';
    map.querySelectorAll('g.stop.selected').forEach(function (e) { e.classList.remove('selected'); });
    g.classList.add('selected');
    panel.hidden = false;
    panel.dataset.id = s.id;
  }

  document.getElementById('panel-close').addEventListener('click', function () {
    panel.hidden = true;
    map.querySelectorAll('g.stop.selected').forEach(function (e) { e.classList.remove('selected'); });
  });

  var wired = 0, visits = 0;
  map.querySelectorAll('svg g.stop').forEach(function (g) {
    var s = byId[g.getAttribute('data-id')];
    if (!s) { return; }
    var t = g.querySelector('title');
    if (t) {
      // The page's own tooltip replaces the native one.
      g.setAttribute('aria-label', t.textContent);
      t.parentNode.removeChild(t);
    }
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
    g.classList.add('interactive');
    g.addEventListener('mouseenter', function (ev) { showTip(s, ev); });
    g.addEventListener('mousemove', moveTip);
    g.addEventListener('mouseleave', hideTip);
    g.addEventListener('focus', function (ev) { showTip(s, ev); });
    g.addEventListener('blur', hideTip);
    g.addEventListener('click', function () { showPanel(s, g); });
    g.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); showPanel(s, g); }
    });
    wired++;
    if (g.getAttribute('data-role') === 'stop') { visits++; }
  });
  document.body.dataset.markers = String(wired);
  document.body.dataset.visits = String(visits);
  document.body.dataset.ready = visits === data.visits ? 'true' : 'incomplete';
})();
