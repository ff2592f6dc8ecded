// Lanemap published site: search on the index page and the map's details
// panel on process pages. Everything also works without this script; it
// only adds filtering and the panel. No network access, no libraries.
(function () {
  'use strict';

  function readJSON(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  // --- index: search by name, role and text; filter by role and status ---
  function setupSearch() {
    var box = document.getElementById('sok');
    var table = document.getElementById('processer');
    var index = readJSON('sokindex');
    if (!box || !table || !index) { return; }
    var rows = table.tBodies[0].rows;
    var q = document.getElementById('sok-text');
    var role = document.getElementById('sok-roll');
    var status = document.getElementById('sok-status');
    var count = document.getElementById('sok-antal');
    var timer = 0;
    box.hidden = false;

    function run() {
      var words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
      var r = role.value, s = status.value, shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var e = index[i] || { t: '', r: [] };
        var ok = (!r || (e.r || []).indexOf(r) >= 0) &&
                 (!s || rows[i].getAttribute('data-status') === s);
        for (var w = 0; ok && w < words.length; w++) {
          ok = e.t.indexOf(words[w]) >= 0;
        }
        rows[i].hidden = !ok;
        if (ok) { shown++; }
      }
      count.textContent = shown === 0 ? count.getAttribute('data-none')
        : count.getAttribute(rows.length === 1 ? 'data-format-one' : 'data-format').replace('%d', shown).replace('%d', rows.length);
    }
    function later() { clearTimeout(timer); timer = setTimeout(run, 120); }
    q.addEventListener('input', later);
    role.addEventListener('change', run);
    status.addEventListener('change', run);
    document.getElementById('sokform').addEventListener('submit', function (ev) { ev.preventDefault(); run(); });
    var params = new URLSearchParams(location.search);
    if (params.get('q')) { q.value = params.get('q'); }
    run();
  }

  // --- process page: choosing a map element shows its entry in the panel ---
  function setupMap() {
    var map = document.getElementById('karta');
    var panel = document.getElementById('detaljer');
    if (!map || !panel) { return; }
    var body = document.getElementById('detaljer-innehall');
    var flows = readJSON('flodesdata') || {};
    var chosen = null;

    function entry(id) {
      var all = document.querySelectorAll('[data-step]');
      for (var i = 0; i < all.length; i++) {
        if (all[i].getAttribute('data-step') === id && !panel.contains(all[i])) { return all[i]; }
      }
      return null;
    }
    function show(el) {
      var id = el.getAttribute('data-element');
      var src = entry(id);
      while (body.firstChild) { body.removeChild(body.firstChild); }
      if (src && src.tagName === 'LI') {
        var list = document.createElement('ol');
        list.className = 'steps';
        var copy = src.cloneNode(true);
        copy.removeAttribute('id');
        list.appendChild(copy);
        body.appendChild(list);
        link('#' + src.id, panel.getAttribute('data-inlist'));
      } else if (src) {
        var h = document.createElement('p');
        h.textContent = src.textContent;
        body.appendChild(h);
        if (src.id) { link('#' + src.id, panel.getAttribute('data-inlist')); }
      } else if (flows[id]) {
        var t = document.createElement('p');
        var b = document.createElement('strong');
        b.textContent = flows[id].n;
        t.appendChild(b);
        body.appendChild(t);
        var d = document.createElement('p');
        d.textContent = flows[id].d;
        body.appendChild(d);
        link(flows[id].h, panel.getAttribute('data-inlist'));
      } else {
        var n = document.createElement('p');
        n.textContent = el.getAttribute('aria-label') || id;
        body.appendChild(n);
      }
      var ids = body.querySelectorAll('[id]');
      for (var k = 0; k < ids.length; k++) { ids[k].removeAttribute('id'); }
      if (chosen) { chosen.classList.remove('vald'); }
      chosen = el;
      el.classList.add('vald');
      panel.hidden = false;
    }
    function link(href, text) {
      if (!href || !text) { return; }
      var p = document.createElement('p');
      var a = document.createElement('a');
      a.href = href;
      a.textContent = text;
      p.appendChild(a);
      body.appendChild(p);
    }
    function target(ev) {
      var el = ev.target;
      while (el && el !== map) {
        if (el.getAttribute && el.getAttribute('data-element')) { return el; }
        el = el.parentNode;
      }
      return null;
    }
    map.addEventListener('click', function (ev) {
      var el = target(ev);
      if (el) { show(el); }
    });
    map.addEventListener('keydown', function (ev) {
      if (ev.key !== 'Enter' && ev.key !== ' ') { return; }
      var el = target(ev);
      if (el) { ev.preventDefault(); show(el); }
    });
    document.getElementById('detaljer-stang').addEventListener('click', function () {
      panel.hidden = true;
      if (chosen) { chosen.classList.remove('vald'); chosen.focus(); }
    });
    // A link to "#karta-ID" opens the page with that element chosen.
    if (location.hash.indexOf('#karta-') === 0) {
      var want = decodeURIComponent(location.hash.slice(7));
      var els = map.querySelectorAll('[data-element][tabindex]');
      for (var i = 0; i < els.length; i++) {
        if (els[i].getAttribute('data-element') === want) {
          show(els[i]);
          // Scroll the map, not the page, to bring the element into view.
          var box = els[i].getBoundingClientRect(), frame = map.getBoundingClientRect();
          map.scrollLeft += box.left - frame.left - (frame.width - box.width) / 2;
          map.scrollTop += box.top - frame.top - (frame.height - box.height) / 2;
          els[i].focus({ preventScroll: true });
          break;
        }
      }
    }
    document.addEventListener('keydown', function (ev) {
      if (ev.key === 'Escape' && !panel.hidden) {
        panel.hidden = true;
        if (chosen) { chosen.classList.remove('vald'); chosen.focus(); }
      }
    });
  }

  // --- process page: fit the map to the column or show it full size ---
  function setupZoom() {
    var map = document.getElementById('karta');
    var btn = document.getElementById('karta-zoom');
    if (!map || !btn) { return; }
    btn.hidden = false;
    btn.addEventListener('click', function () {
      var full = !map.classList.contains('full');
      map.classList.toggle('full', full);
      btn.setAttribute('aria-pressed', full ? 'true' : 'false');
      btn.textContent = btn.getAttribute(full ? 'data-fit' : 'data-full');
    });
  }

  setupSearch();
  setupMap();
  setupZoom();
}());
