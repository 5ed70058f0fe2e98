// The chuanzhu page script, shared by /embed and /plan: a movable map
// (drag, wheel, pinch and buttons) over the route/export SVG, and the
// itinerary beside it, each selecting in the other. It reads the page's
// data block, loads nothing and writes text only through textContent.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('chuanzhu-data').textContent);
  var L = data.labels;
  var byId = {};
  data.stops.forEach(function (s) { if (s.id) { byId[s.id] = s; } });
  var mapBox = document.getElementById('map');
  var svg = mapBox ? mapBox.querySelector('svg') : null;
  var list = document.getElementById('itinerary');

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  // inLang picks the page's language of a {zh, en} text of the plan
  // JSON (its hours notes), as the server's phrase.Lang.Pick does.
  function inLang(t) { return t ? (data.lang === 'en' ? t.en || t.zh : t.zh || t.en) : ''; }

  // ---- The map: one transform on the drawing, markers kept legible. ----
  var view = { k: 1, x: 0, y: 0 };
  // MARKER is the markers' and labels' screen size against their size in
  // the SVG: the stop numbers, 11 units there, are drawn at 12.6 px, the
  // labels (13 units) at 15 px.
  var MARKER = 1.15;
  // PRINT is the printed map: its size in CSS px (186 × 120 mm, as
  // embed.css's print rule sets it) and its markers' scale (labels of
  // 13 px, about 10 pt, on A4).
  var PRINT = { w: 186 * 96 / 25.4, h: 120 * 96 / 25.4, marker: 1 };
  var MAX_ZOOM = 32;
  var layer = null;  // the <g> that pans and zooms
  var frame = null;  // the map frame in SVG units: x, y, w, h
  var markers = [];  // {g, id, cx, cy}
  var labels = [];   // {t, cx, cy, anchor}: the marker's centre, the side route/export chose
  var printing = false, screenView = null;

  function setUpMap() {
    if (!svg) { return; }
    var f = (svg.getAttribute('data-frame') || '').split(' ').map(Number);
    if (f.length !== 4) { return; }
    frame = { x: f[0], y: f[1], w: f[2] - f[0], h: f[3] - f[1] };
    // Show only the map frame; the page says the title, the legend and
    // the scale in its own (larger) text.
    svg.setAttribute('viewBox', [frame.x, frame.y, frame.w, frame.h].join(' '));
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    layer = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    layer.setAttribute('class', 'viewport');
    var fixed = /^(legend|scale-bar|north-arrow)$/;
    var moving = Array.prototype.filter.call(svg.children, function (c) {
      return c.tagName === 'g' && !fixed.test(c.getAttribute('class') || '');
    });
    if (!moving.length) { return; }
    svg.insertBefore(layer, moving[0]);
    moving.forEach(function (g) { g.removeAttribute('clip-path'); layer.appendChild(g); });
    svg.querySelectorAll('g.markers g.stop').forEach(function (g) {
      var c = g.querySelector('circle, rect');
      if (!c) { return; }
      var cx, cy;
      if (c.tagName === 'circle') {
        cx = +c.getAttribute('cx'); cy = +c.getAttribute('cy');
      } else {
        cx = +c.getAttribute('x') + c.getAttribute('width') / 2;
        cy = +c.getAttribute('y') + c.getAttribute('height') / 2;
      }
      // A transparent disc makes the tap target 44 px wide at any zoom.
      var hit = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
      hit.setAttribute('class', 'hit');
      hit.setAttribute('cx', cx); hit.setAttribute('cy', cy); hit.setAttribute('r', 22);
      g.insertBefore(hit, g.firstChild);
      markers.push({ g: g, id: g.getAttribute('data-id'), cx: cx, cy: cy });
    });
    var at = {};
    markers.forEach(function (m) { at[m.id] = m; });
    svg.querySelectorAll('g.labels text').forEach(function (t) {
      var m = at[t.getAttribute('data-id')];
      if (m) {
        labels.push({ t: t, cx: m.cx, cy: m.cy, anchor: t.getAttribute('text-anchor') || 'start' });
      }
    });
    wireGestures();
    draw();
    window.addEventListener('resize', draw);
    window.addEventListener('beforeprint', beforePrint);
    window.addEventListener('afterprint', afterPrint);
    var media = window.matchMedia ? window.matchMedia('print') : null;
    if (media && media.addEventListener) {
      media.addEventListener('change', function (ev) { if (ev.matches) { beforePrint(); } else { afterPrint(); } });
    }
  }

  // unitPx is the size of one SVG unit at zoom 1: on the screen, or on
  // the printed page while printing.
  function unitPx() {
    if (printing) { return Math.min(PRINT.w / frame.w, PRINT.h / frame.h); }
    var r = svg.getBoundingClientRect();
    return Math.min(r.width / frame.w, r.height / frame.h) || 1;
  }

  // beforePrint draws the whole route for the printed page, with its
  // markers and labels sized for paper; afterPrint restores the view.
  function beforePrint() {
    if (printing || !layer) { return; }
    printing = true;
    screenView = view;
    view = { k: 1, x: 0, y: 0 };
    draw();
  }
  function afterPrint() {
    if (!printing) { return; }
    printing = false;
    view = screenView;
    draw();
  }

  // visibleBox is the part of the drawing in view, in its own units
  // (before the pan and zoom).
  function visibleBox() {
    var a, b;
    if (printing) {
      var u = unitPx(), w = PRINT.w / u, h = PRINT.h / u;
      a = { x: frame.x + (frame.w - w) / 2, y: frame.y + (frame.h - h) / 2 };
      b = { x: a.x + w, y: a.y + h };
    } else {
      var r = svg.getBoundingClientRect();
      a = toSVG(r.left, r.top); b = toSVG(r.right, r.bottom);
    }
    return { x0: (a.x - view.x) / view.k, y0: (a.y - view.y) / view.k, x1: (b.x - view.x) / view.k, y1: (b.y - view.y) / view.k };
  }

  // controls returns the boxes that the map's own controls (the zoom
  // buttons, the scale, the attribution) cover, in the drawing's units of
  // box, the part of it in view. Each control keeps its distance from
  // the map's nearer edges, also on the printed map.
  function controls(box) {
    var ws = mapBox.clientWidth, hs = mapBox.clientHeight;
    var w = printing ? PRINT.w : ws, h = printing ? PRINT.h : hs;
    var u = (box.x1 - box.x0) / w, v = (box.y1 - box.y0) / h;
    var out = [];
    mapBox.querySelectorAll('.zoom, .scale, .attribution').forEach(function (e) {
      if (!e.offsetWidth || (printing && getComputedStyle(e).display === 'none')) { return; }
      var x = e.offsetLeft < ws / 2 ? e.offsetLeft : w - (ws - e.offsetLeft);
      var y = e.offsetTop < hs / 2 ? e.offsetTop : h - (hs - e.offsetTop);
      out.push({ x0: box.x0 + x * u, y0: box.y0 + y * v, x1: box.x0 + (x + e.offsetWidth) * u, y1: box.y0 + (y + e.offsetHeight) * v });
    });
    return out;
  }

  function draw() {
    if (!layer) { return; }
    layer.setAttribute('transform', 'translate(' + view.x + ' ' + view.y + ') scale(' + view.k + ')');
    // Markers and labels keep their screen size: scale them back by the
    // zoom and by how much the picture is shrunk to fit the frame.
    var s = (printing ? PRINT.marker : MARKER) / (view.k * unitPx());
    var back = function (cx, cy) {
      return 'translate(' + cx + ' ' + cy + ') scale(' + s + ') translate(' + (-cx) + ' ' + (-cy) + ')';
    };
    markers.forEach(function (m) { m.g.setAttribute('transform', back(m.cx, m.cy)); });
    labels.forEach(function (l) { l.t.setAttribute('transform', back(l.cx, l.cy)); });
    placeLabels(s);
    drawScale();
    svg.dataset.zoom = view.k.toFixed(3);
    svg.dataset.draws = String(+(svg.dataset.draws || 0) + 1);
    if (data.tiles && !printing) { followTiles(); }
  }

  // placeLabels puts each label next to its marker on the side
  // route/export chose, or else on the other side, above it or below it:
  // the first place where it stays in view and overlaps no marker, no
  // control and no label placed before it (the start's and the earlier
  // stops' labels win); above or below, it may slide sideways. Labels
  // route/export moved away along a leader line come back next to their
  // marker: the page draws no leaders. A label with no such place is
  // hidden until the view has room for it.
  // Boxes are measured in the drawing's units (getBBox), so that the
  // placing does not depend on the screen's layout (and works for print).
  function placeLabels(s) {
    var box = visibleBox();
    var scaled = function (b, cx, cy) {
      return { x0: cx + (b.x - cx) * s, y0: cy + (b.y - cy) * s, x1: cx + (b.x + b.width - cx) * s, y1: cy + (b.y + b.height - cy) * s };
    };
    var taken = markers.map(function (m) { return scaled(m.g.querySelector('circle:not(.hit), rect').getBBox(), m.cx, m.cy); });
    taken = taken.concat(controls(box));
    var overlaps = function (r, o) { return r.x0 < o.x1 && r.x1 > o.x0 && r.y0 < o.y1 && r.y1 > o.y0; };
    labels.forEach(function (l) {
      var t = l.t;
      t.style.display = '';
      var right = [l.cx + 16, l.cy + 4.5, 'start'], left = [l.cx - 16, l.cy + 4.5, 'end'];
      var places = l.anchor === 'end' ? [left, right] : [right, left];
      places.push([l.cx, l.cy - 16, 'middle'], [l.cx, l.cy + 26, 'middle']);
      var fits = places.some(function (p) {
        t.setAttribute('x', p[0]); t.setAttribute('y', p[1]); t.setAttribute('text-anchor', p[2]);
        var r = scaled(t.getBBox(), l.cx, l.cy);
        // Above or below its marker, a label slides sideways into view as
        // long as it still spans the marker.
        var slide = p[2] === 'middle' ? Math.max(0, box.x0 - r.x0) - Math.max(0, r.x1 - box.x1) : 0;
        if (slide && r.x0 + slide <= l.cx && r.x1 + slide >= l.cx) {
          t.setAttribute('x', p[0] + slide / s);
          r = { x0: r.x0 + slide, y0: r.y0, x1: r.x1 + slide, y1: r.y1 };
        }
        var ok = r.x0 >= box.x0 && r.x1 <= box.x1 && r.y0 >= box.y0 && r.y1 <= box.y1 && !taken.some(function (o) { return overlaps(r, o); });
        if (ok) { taken.push(r); }
        return ok;
      });
      if (!fits) { t.style.display = 'none'; }
    });
  }

  // drawScale shows the longest of the server's scale lengths that fits
  // in 110 px at the present zoom, with its words.
  function drawScale() {
    var bar = svg.querySelector('g.scale-bar');
    var out = document.getElementById('scale');
    if (!bar || !out || !data.scale.length) { return; }
    var metresPerPx = (+bar.getAttribute('data-metres')) / (+bar.getAttribute('data-px')) / (view.k * unitPx());
    var step = data.scale[0];
    data.scale.forEach(function (s) { if (s.m / metresPerPx <= 110) { step = s; } });
    out.querySelector('span').style.width = Math.round(step.m / metresPerPx) + 'px';
    out.querySelector('b').textContent = step.text;
  }

  // zoomAt zooms by factor about the client point (px, py), between the
  // whole map (zoom 1: it is never shrunk to a dot) and MAX_ZOOM.
  function zoomAt(factor, px, py) {
    var k = Math.min(MAX_ZOOM, Math.max(1, view.k * factor));
    var p = toSVG(px, py);
    view.x = p.x - (p.x - view.x) * k / view.k;
    view.y = p.y - (p.y - view.y) * k / view.k;
    view.k = k;
    draw();
  }
  function toSVG(px, py) {
    var pt = svg.createSVGPoint();
    pt.x = px; pt.y = py;
    return pt.matrixTransform(svg.getScreenCTM().inverse());
  }
  // away returns how far, in the drawing's units, the view must move for
  // the marker nearest to it to lie a tenth inside its edges: [0, 0] when
  // one does.
  function away() {
    var b = visibleBox();
    var mx = (b.x1 - b.x0) / 10, my = (b.y1 - b.y0) / 10;
    var best = [0, 0];
    markers.forEach(function (m, i) {
      var d = [Math.max(0, b.x0 + mx - m.cx) - Math.max(0, m.cx - b.x1 + mx), Math.max(0, b.y0 + my - m.cy) - Math.max(0, m.cy - b.y1 + my)];
      if (i === 0 || Math.hypot(d[0], d[1]) < Math.hypot(best[0], best[1])) { best = d; }
    });
    return best;
  }
  // pan moves the view by (dx, dy) in the SVG's units, but not away
  // from the route: on each axis, no farther from the nearest marker
  // than before the move (so a view with a marker keeps one in it).
  function pan(dx, dy) {
    var before = away();
    view.x += dx; view.y += dy;
    var after = away();
    var key = ['x', 'y'];
    for (var i = 0; i < 2; i++) {
      if (Math.abs(after[i]) > Math.abs(before[i])) {
        view[key[i]] += (after[i] - Math.sign(after[i]) * Math.abs(before[i])) * view.k;
      }
    }
    draw();
  }
  function centre() {
    var r = svg.getBoundingClientRect();
    return [r.left + r.width / 2, r.top + r.height / 2];
  }

  function wireGestures() {
    var pointers = {}, last = null, moved = 0;
    // spread is the distance between the two fingers of a pinch.
    var spread = function () {
      var p = Object.keys(pointers).map(function (id) { return pointers[id]; });
      return p.length === 2 ? Math.hypot(p[0][0] - p[1][0], p[0][1] - p[1][1]) : null;
    };
    svg.addEventListener('pointerdown', function (ev) {
      pointers[ev.pointerId] = [ev.clientX, ev.clientY];
      moved = 0;
      last = spread();
    });
    svg.addEventListener('pointermove', function (ev) {
      if (!pointers[ev.pointerId]) { return; }
      var ids = Object.keys(pointers);
      var before = pointers[ev.pointerId];
      pointers[ev.pointerId] = [ev.clientX, ev.clientY];
      if (ids.length === 1) {
        var dx = ev.clientX - before[0], dy = ev.clientY - before[1];
        moved += Math.abs(dx) + Math.abs(dy);
        if (moved > 4 && !svg.hasPointerCapture(ev.pointerId)) { svg.setPointerCapture(ev.pointerId); }
        var ctm = svg.getScreenCTM();
        pan(dx / ctm.a, dy / ctm.d);
      } else if (ids.length === 2) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        var d = spread();
        if (last) { zoomAt(d / last, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2); }
        last = d;
        moved += 10;
      }
    });
    var up = function (ev) { delete pointers[ev.pointerId]; last = null; };
    svg.addEventListener('pointerup', up);
    svg.addEventListener('pointercancel', up);
    // A drag is not a tap: swallow the click that ends it.
    svg.addEventListener('click', function (ev) { if (moved > 4) { ev.stopPropagation(); ev.preventDefault(); } }, true);
    svg.addEventListener('wheel', function (ev) {
      ev.preventDefault();
      zoomAt(Math.exp(-ev.deltaY * (ev.deltaMode === 1 ? 0.05 : 0.002)), ev.clientX, ev.clientY);
    }, { passive: false });
    var btn = function (id, f) { var b = document.getElementById(id); if (b) { b.addEventListener('click', f); } };
    btn('zoom-in', function () { var c = centre(); zoomAt(2, c[0], c[1]); });
    btn('zoom-out', function () { var c = centre(); zoomAt(0.5, c[0], c[1]); });
    btn('zoom-reset', function () { view = { k: 1, x: 0, y: 0 }; draw(); });
  }

  // ---- Tiles that follow the view. ----
  // The server draws the tiles of the first view; as the view moves, the
  // tiles of the zoom that fits it are added above them, placed as the
  // server places its own: each tile's corners converted from the tile
  // datum to WGS-84 and projected as the SVG projects (equirectangular,
  // its parameters on the <svg>).
  var live = null, liveTimer = 0, liveImages = {};

  // shift is the tiles' datum offset [dlon, dlat] in degrees at a
  // point given in the tiles' datum: interpolated (Catmull-Rom) in the
  // grid the server computed with geo for GCJ-02 tiles, none for WGS-84
  // tiles. Beyond the grid (far outside the view) it keeps the edge's.
  // The server sends each offset as its difference from the one before.
  var grid = data.tiles && data.tiles.shift;
  if (grid) {
    [grid.dlon, grid.dlat].forEach(function (a) { for (var i = 1; i < a.length; i++) { a[i] += a[i - 1]; } });
  }
  function shift(lon, lat) {
    var g = grid;
    if (!g) { return [0, 0]; }
    var fx = Math.min(g.cols - 2.001, Math.max(1, (lon - g.lon0) / g.step));
    var fy = Math.min(g.rows - 2.001, Math.max(1, (lat - g.lat0) / g.step));
    var i = Math.floor(fx), j = Math.floor(fy), u = fx - i, v = fy - j;
    var spline = function (p0, p1, p2, p3, t) {
      return p1 + 0.5 * t * (p2 - p0 + t * (2 * p0 - 5 * p1 + 4 * p2 - p3 + t * (3 * (p1 - p2) + p3 - p0)));
    };
    var at = function (a, r) {
      var o = r * g.cols + i;
      return spline(a[o - 1], a[o], a[o + 1], a[o + 2], u);
    };
    var cell = function (a) { return spline(at(a, j - 1), at(a, j), at(a, j + 1), at(a, j + 2), v) * 1e-7; };
    return [cell(g.dlon), cell(g.dlat)];
  }
  // toTileDatum and fromTileDatum convert [lon, lat] to and from the
  // tiles' datum. The way there reads the grid at the WGS-84 point, off
  // by the offset itself (a few metres), which only chooses the tiles.
  function toTileDatum(p) {
    var d = shift(p[0], p[1]);
    return [p[0] + d[0], p[1] + d[1]];
  }
  function fromTileDatum(g) {
    var d = shift(g[0], g[1]);
    return [g[0] - d[0], g[1] - d[1]];
  }
  function projection() {
    var a = function (n) { return +svg.getAttribute('data-' + n); };
    return { lon0: a('lon0'), lat0: a('lat0'), x0: a('x0'), y0: a('y0'), s: a('scale'), k: Math.cos(a('lat0') * Math.PI / 180) };
  }
  function followTiles() {
    clearTimeout(liveTimer);
    liveTimer = setTimeout(drawTiles, 150);
  }
  function drawTiles() {
    var pr = projection();
    if (!pr.s) { return; }
    if (!live) {
      live = document.createElementNS('http://www.w3.org/2000/svg', 'g');
      live.setAttribute('class', 'live-tiles');
      var base = layer.querySelector('g.tiles');
      if (base) { base.parentNode.insertBefore(live, base.nextSibling); } else { layer.insertBefore(live, layer.firstChild); }
    }
    // The view's corners in picture units, then in degrees.
    var r = svg.getBoundingClientRect();
    var a = toSVG(r.left, r.top), b = toSVG(r.right, r.bottom);
    var un = function (x, y) {
      var ux = (x - view.x) / view.k, uy = (y - view.y) / view.k;
      return toTileDatum([pr.lon0 + (ux - pr.x0) / (pr.k * pr.s), pr.lat0 - (uy - pr.y0) / pr.s]);
    };
    var nw = un(a.x, a.y), se = un(b.x, b.y);
    var pxPerDeg = pr.k * pr.s * view.k * unitPx();
    var z = Math.max(0, Math.min(19, Math.ceil(Math.log2(pxPerDeg * 360 / 256))));
    var t0, t1;
    for (; z >= 0; z--) {
      t0 = merc(nw, z); t1 = merc(se, z);
      if ((Math.floor(t1[0]) - Math.floor(t0[0]) + 1) * (Math.floor(t1[1]) - Math.floor(t0[1]) + 1) <= 64) { break; }
    }
    var want = {}, n = Math.pow(2, z);
    for (var ty = Math.max(0, Math.floor(t0[1])); ty <= Math.min(n - 1, Math.floor(t1[1])); ty++) {
      for (var tx = Math.max(0, Math.floor(t0[0])); tx <= Math.min(n - 1, Math.floor(t1[0])); tx++) {
        var key = z + '/' + tx + '/' + ty;
        want[key] = true;
        if (!liveImages[key]) { liveImages[key] = tileImage(z, tx, ty, pr); }
        live.appendChild(liveImages[key]);
      }
    }
    Object.keys(liveImages).forEach(function (k) {
      if (!want[k]) { live.removeChild(liveImages[k]); delete liveImages[k]; }
    });
    live.dataset.zoom = String(z);
    live.dataset.draws = svg.dataset.draws;
  }
  function merc(p, z) {
    var n = Math.pow(2, z), lat = Math.max(-85.0511, Math.min(85.0511, p[1])) * Math.PI / 180;
    return [(p[0] + 180) / 360 * n, (1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n];
  }
  function unmerc(x, y, z) {
    var n = Math.pow(2, z);
    return [x / n * 360 - 180, Math.atan(Math.sinh(Math.PI * (1 - 2 * y / n))) * 180 / Math.PI];
  }
  function tileImage(z, x, y, pr) {
    var t = data.tiles, sub = t.subdomains.length ? t.subdomains[(x + y) % t.subdomains.length] : '';
    var url = t.template.replace('{z}', z).replace('{x}', x).replace('{y}', y).replace('{s}', sub);
    var nw = fromTileDatum(unmerc(x, y, z)), se = fromTileDatum(unmerc(x + 1, y + 1, z));
    var px = function (p) { return [pr.x0 + (p[0] - pr.lon0) * pr.k * pr.s, pr.y0 - (p[1] - pr.lat0) * pr.s]; };
    var p0 = px(nw), p1 = px(se);
    var img = document.createElementNS('http://www.w3.org/2000/svg', 'image');
    img.setAttribute('href', url);
    img.setAttribute('x', p0[0] - 0.25 / view.k); img.setAttribute('y', p0[1] - 0.25 / view.k);
    img.setAttribute('width', p1[0] - p0[0] + 0.5 / view.k); img.setAttribute('height', p1[1] - p0[1] + 0.5 / view.k);
    img.setAttribute('preserveAspectRatio', 'none');
    return img;
  }

  // showOnMap pans so that a marker is in view, zooming in a little.
  function showOnMap(m) {
    if (!m || !layer) { return; }
    var k = Math.max(view.k, 2);
    view.k = k;
    view.x = frame.x + frame.w / 2 - m.cx * k;
    view.y = frame.y + frame.h / 2 - m.cy * k;
    draw();
  }

  // ---- The itinerary. ----
  var entries = {}; // id -> list entry

  function select(id, from) {
    document.querySelectorAll('.selected').forEach(function (e) { e.classList.remove('selected'); });
    var m = markers.filter(function (x) { return x.id === id; })[0];
    if (m) { m.g.classList.add('selected'); m.g.parentNode.appendChild(m.g); }
    var e = entries[id];
    if (e) {
      e.classList.add('selected');
      var d = e.querySelector('.details');
      if (d) { d.hidden = false; }
      if (from === 'map') { e.scrollIntoView({ block: 'nearest' }); }
    }
    if (from === 'list') { showOnMap(m); }
    document.body.dataset.selected = id;
  }

  function navLinks(nav) {
    var p = el('p', 'nav');
    [['amap', L.amap], ['baidu', L.baidu], ['geo', L.geo]].forEach(function (k) {
      if (!nav || !nav[k[0]]) { return; }
      var a = el('a', 'button', k[1]);
      a.href = nav[k[0]];
      a.target = '_blank';
      a.rel = 'noopener';
      p.appendChild(a);
    });
    return p.childNodes.length ? p : null;
  }

  // stopEntry writes a visit v of the plan JSON with its words w.
  function stopEntry(v, w) {
    var s = byId[v.id] || {};
    var li = el('li', 'stop');
    var b = el('button', 'entry');
    b.type = 'button';
    b.appendChild(el('span', 'seq', v.seq));
    b.appendChild(el('span', 'name', s.name || v.name));
    if (w.time) { b.appendChild(el('span', 'time', w.time)); }
    li.appendChild(b);
    // The plan's own hours note (route/export writes it when the hours
    // are neither official nor reported), in the page's language.
    var hours = inLang(v.note);
    if (hours) { li.appendChild(el('p', 'warn', hours)); }
    // Where a place is known only roughly, and what to ask for there.
    if (w.approx) { li.appendChild(el('p', 'approx', w.approx)); }
    var d = el('div', 'details');
    d.hidden = true;
    if (s.alt) { d.appendChild(el('p', 'alt', s.alt)); }
    d.appendChild(el('p', 'facts', w.facts));
    if (s.address) { d.appendChild(el('p', 'address', s.address)); }
    if (s.note) { d.appendChild(el('p', 'note', s.note)); }
    var nav = navLinks(v.nav);
    if (nav) { d.appendChild(nav); }
    li.appendChild(d);
    b.addEventListener('click', function () {
      var open = li.classList.contains('selected') && !d.hidden;
      select(v.id, 'list');
      d.hidden = open;
    });
    entries[v.id] = li;
    return li;
  }

  function legEntry(text) { return text ? el('li', 'leg', '↓ ' + text) : null; }

  // renderDay lays out a day of the plan JSON with its words w.
  function renderDay(day, w) {
    var sec = el('section', 'day');
    sec.appendChild(el('h2', '', w.heading));
    var ol = el('ol', 'stops');
    var add = function (e) { if (e) { ol.appendChild(e); } };
    add(el('li', 'place', w.depart));
    var visits = day.visits || [];
    if (day.break && day.break.after === 0) { add(el('li', 'break', w['break'])); }
    visits.forEach(function (v, i) {
      add(legEntry(w.legs[i]));
      add(stopEntry(v, w.visits[i]));
      if (day.break && day.break.after === i + 1) { add(el('li', 'break', w['break'])); }
    });
    if (day.end) {
      add(legEntry(w.legs[visits.length]));
      add(el('li', 'place', w.back));
    }
    sec.appendChild(ol);
    return sec;
  }

  function renderItinerary() {
    var plan = data.plan, text = data.text;
    if (!list || !plan || !text) { return; }
    list.appendChild(el('p', 'totals', text.totals));
    if (text.halos) { list.appendChild(el('p', 'warn legend', text.halos)); }
    (plan.days || []).forEach(function (d, i) { list.appendChild(renderDay(d, text.days[i])); });
    if (text.left_out && text.left_out.length) {
      var sec = el('section', 'skipped');
      sec.appendChild(el('h2', '', L.left_out));
      var ul = el('ul');
      text.left_out.forEach(function (s) {
        var li = el('li');
        li.appendChild(el('b', '', s.name));
        li.appendChild(el('span', '', ' — ' + s.reason));
        ul.appendChild(li);
      });
      sec.appendChild(ul);
      list.appendChild(sec);
    }
  }

  setUpMap();
  renderItinerary();
  var visits = 0;
  markers.forEach(function (m) {
    var s = byId[m.id];
    var t = m.g.querySelector('title');
    if (t) { m.g.setAttribute('aria-label', t.textContent); }
    m.g.setAttribute('tabindex', '0');
    m.g.setAttribute('role', 'button');
    m.g.classList.add('interactive');
    var pick = function () { select(m.id, 'map'); };
    m.g.addEventListener('click', pick);
    m.g.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pick(); }
    });
    if (s && s.role === 'stop') { visits++; }
  });
  document.body.dataset.markers = String(markers.length);
  document.body.dataset.visits = String(visits);
  document.body.dataset.ready = !data.plan || visits === data.visits ? 'true' : 'incomplete';
})();
