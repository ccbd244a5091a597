// Fairsend console: the only script besides htmx and Chart.js (no inline script anywhere: the CSP forbids it).
// Charts: any <canvas data-chart="..."> holds a Chart.js configuration as JSON written by the server.
(function () {
  function charts(root) {
    if (typeof Chart === 'undefined') return;
    root.querySelectorAll('canvas[data-chart]').forEach(function (c) {
      if (c.dataset.drawn) return;
      c.dataset.drawn = '1';
      new Chart(c, JSON.parse(c.dataset.chart));
    });
    // <canvas data-chart-src="/console/...json" [data-chart-key="byMedium"]>: the configuration is fetched from a
    // JSON endpoint of the console (once per endpoint); with a key, it is that member of the answer
    var pending = {};
    root.querySelectorAll('canvas[data-chart-src]').forEach(function (c) {
      if (c.dataset.drawn) return;
      c.dataset.drawn = '1';
      var src = c.dataset.chartSrc;
      pending[src] = pending[src] || fetch(src, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
      pending[src]
        .then(function (cfg) {
          var chart = c.dataset.chartKey ? cfg[c.dataset.chartKey] : cfg;
          // too little data (issue 20: a line drawn from one day says nothing): the server's sentence, no chart
          if (chart && chart.fairsend && chart.fairsend.tooLittleData) {
            var box = c.closest('.chart-box') || c;
            var p = document.createElement('p');
            p.className = 'hint chart-empty';
            p.id = c.id ? c.id + '-empty' : '';
            p.textContent = chart.fairsend.tooLittleData;
            box.hidden = true;
            box.parentNode.insertBefore(p, box);
            c.dataset.loaded = '1';
            c.dataset.empty = '1';
            return;
          }
          new Chart(c, chart);
          c.dataset.loaded = '1';
          c.dataset.rendered = '1';
        })
        .catch(function () { c.dataset.failed = '1'; });
    });
  }
  // Copy buttons: <button data-copy="#id"> copies the text of the element it names.
  document.addEventListener('click', function (e) {
    var b = e.target.closest('[data-copy]');
    if (!b) return;
    var el = document.querySelector(b.dataset.copy);
    if (!el || !navigator.clipboard) return;
    navigator.clipboard.writeText(el.value || el.textContent).then(function () {
      b.textContent = 'Copied';
    });
  });
  // Print buttons: <button data-print>.
  document.addEventListener('click', function (e) {
    if (e.target.closest('[data-print]')) window.print();
  });
  // Dates (issue 20): the browser's date picker shows its own UI locale's format (mm/dd/yyyy in an American browser,
  // whatever the user reads); beside each date input, the chosen date in the user's languages with the month in words
  // and its ISO form, so 03/04 is never ambiguous. <span id="{input id}-echo" class="date-echo">.
  function dates(root) {
    root.querySelectorAll('input[type=date], input[type=datetime-local]').forEach(function (i) {
      if (i.dataset.echo) return;
      i.dataset.echo = '1';
      var out = document.createElement('span');
      out.className = 'hint date-echo';
      if (i.id) out.id = i.id + '-echo';
      out.setAttribute('aria-live', 'polite');
      i.insertAdjacentElement('afterend', out);
      var day = i.type === 'date';
      var fmt = new Intl.DateTimeFormat(navigator.languages && navigator.languages.length ? navigator.languages : undefined,
        day ? { dateStyle: 'long', timeZone: 'UTC' } : { dateStyle: 'long', timeStyle: 'short' });
      function show() {
        var d = !i.value ? null : day ? new Date(i.value + 'T00:00:00Z') : new Date(i.value);
        out.textContent = d && !isNaN(d) ? fmt.format(d) + ' (' + i.value.replace('T', ' ') + ')' : '';
      }
      i.addEventListener('input', show);
      i.addEventListener('change', show);
      show();
    });
  }
  document.addEventListener('DOMContentLoaded', function () { charts(document); dates(document); });
  document.addEventListener('htmx:afterSwap', function (e) { charts(e.target); dates(e.target); });
})();
