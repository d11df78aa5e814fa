// The review page: rows from window.REVIEW_DATA (review.js), sorted, filtered and paginated in the
// browser; every value reaches the page as text (textContent), never as HTML.
(function () {
  'use strict';
  var data = window.REVIEW_DATA || { rows: [], counts: {} };
  var PAGE_SIZE = 100;
  var state = { key: 'score', desc: true, filter: '', status: '', task: '', page: 0, selected: null };

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function fixed(v, digits) { return typeof v === 'number' ? v.toFixed(digits) : ''; }
  function percent(v) { return typeof v === 'number' ? (100 * v).toFixed(2) + ' %' : ''; }

  function compare(a, b) {
    var x = a[state.key], y = b[state.key];
    var xMissing = x === undefined || x === null, yMissing = y === undefined || y === null;
    if (xMissing || yMissing) { return xMissing === yMissing ? 0 : (xMissing ? 1 : -1); }
    var order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return state.desc ? -order : order;
  }

  function visibleRows() {
    var needle = state.filter.toLowerCase();
    return data.rows.filter(function (r) {
      if (state.status && r.status !== state.status) { return false; }
      if (state.task && r.task !== state.task) { return false; }
      if (!needle) { return true; }
      return [r.input, r.output, r.task, r.reason, r.stage].some(function (v) {
        return v && String(v).toLowerCase().indexOf(needle) >= 0;
      });
    }).sort(compare);
  }

  function scoreTitle(r) {
    if (!r.terms) { return 'no score: not restored'; }
    return 'change ' + r.terms.change.toFixed(2) + ' + damage ' + r.terms.damage.toFixed(2)
        + ' + doubt ' + r.terms.doubt.toFixed(2);
  }

  function renderTable() {
    var rows = visibleRows();
    var pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    state.page = Math.min(state.page, pages - 1);
    var body = document.querySelector('#rows tbody');
    body.textContent = '';
    rows.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE).forEach(function (r) {
      var tr = el('tr', 'row ' + r.status);
      if (r === state.selected) { tr.classList.add('selected'); }
      tr.dataset.score = typeof r.score === 'number' ? String(r.score) : '';
      tr.dataset.input = r.input;
      var thumbCell = el('td', 'thumbcell');
      if (r.thumb) {
        var img = el('img', 'thumb');
        img.loading = 'lazy';
        img.alt = r.input;
        img.src = r.thumb;
        thumbCell.appendChild(img);
      }
      tr.appendChild(thumbCell);
      var name = el('td', 'name', r.input);
      if (r.note) { name.title = r.note; }
      tr.appendChild(name);
      tr.appendChild(el('td', 'status', r.status));
      tr.appendChild(el('td', 'task', r.task || ''));
      tr.appendChild(el('td', 'num noise', fixed(r.noise, 1)));
      tr.appendChild(el('td', 'num masked', percent(r.masked)));
      tr.appendChild(el('td', 'num change', fixed(r.change, 2)));
      tr.appendChild(el('td', 'num seconds', typeof r.seconds === 'number' ? r.seconds.toFixed(1) + ' s' : ''));
      var score = el('td', 'num score', fixed(r.score, 2));
      score.title = scoreTitle(r);
      tr.appendChild(score);
      tr.addEventListener('click', function () { select(r); });
      body.appendChild(tr);
    });
    $('pageinfo').textContent = 'page ' + (state.page + 1) + ' of ' + pages + ' (' + rows.length + ' rows)';
    $('prev').disabled = state.page === 0;
    $('next').disabled = state.page >= pages - 1;
    document.querySelectorAll('#rows th[data-key]').forEach(function (th) {
      th.classList.toggle('sorted-desc', th.dataset.key === state.key && state.desc);
      th.classList.toggle('sorted-asc', th.dataset.key === state.key && !state.desc);
    });
  }

  function setSplit(percentValue) {
    $('after').style.clipPath = 'inset(0 0 0 ' + percentValue + '%)';
    $('slider').value = String(percentValue);
  }

  function select(r) {
    state.selected = r;
    var viewer = $('viewer');
    viewer.hidden = !r.before;
    if (r.before) {
      $('viewer-title').textContent = r.input;
      $('viewer-facts').textContent = [r.task, r.width && r.height ? r.width + 'x' + r.height : '',
        r.crop ? '100 % crop at ' + r.crop : '', 'score ' + fixed(r.score, 2) + ' (' + scoreTitle(r) + ')']
        .filter(Boolean).join(' · ');
      $('before').src = r.before;
      $('after').src = r.after;
      $('mask').hidden = !r.mask || !$('show-mask').checked;
      if (r.mask) { $('mask').src = r.mask; } else { $('mask').removeAttribute('src'); }
      $('mask-toggle').hidden = !r.mask;
      $('open-input').href = r.inputHref || '';
      $('open-output').href = r.outputHref || '';
      setSplit(50);
    }
    renderTable();
  }

  function renderProblems() {
    var list = $('problem-list');
    var problems = data.rows.filter(function (r) { return r.status !== 'ok'; });
    if (problems.length === 0) { list.appendChild(el('li', null, 'none')); }
    problems.forEach(function (r) {
      var li = el('li', r.status);
      li.appendChild(el('b', null, r.status + ' '));
      li.appendChild(el('span', 'file', r.input + ': '));
      li.appendChild(el('span', 'reason', (r.stage ? r.stage + ': ' : '') + (r.reason || 'no reason given')));
      list.appendChild(li);
    });
  }

  function init() {
    var c = data.counts || {};
    $('summary').textContent = data.rows.length + ' report lines: ' + (c.ok || 0) + ' ok, ' + (c.failed || 0)
        + ' failed, ' + (c.skipped || 0) + ' skipped; output ' + (data.output || '') + '; generated '
        + (data.generated || '');
    var tasks = {};
    data.rows.forEach(function (r) { if (r.task) { tasks[r.task] = true; } });
    Object.keys(tasks).sort().forEach(function (t) { var o = el('option', null, t); o.value = t; $('task').appendChild(o); });
    $('filter').addEventListener('input', function (e) { state.filter = e.target.value; state.page = 0; renderTable(); });
    $('status').addEventListener('change', function (e) { state.status = e.target.value; state.page = 0; renderTable(); });
    $('task').addEventListener('change', function (e) { state.task = e.target.value; state.page = 0; renderTable(); });
    $('prev').addEventListener('click', function () { state.page--; renderTable(); });
    $('next').addEventListener('click', function () { state.page++; renderTable(); });
    document.querySelectorAll('#rows th[data-key]').forEach(function (th) {
      th.addEventListener('click', function () {
        var key = th.dataset.key;
        state.desc = state.key === key ? !state.desc : (key === 'score' || key === 'change' || key === 'noise'
            || key === 'masked' || key === 'seconds');
        state.key = key;
        state.page = 0;
        renderTable();
      });
    });
    $('slider').addEventListener('input', function (e) { setSplit(e.target.value); });
    $('show-before').addEventListener('click', function () { setSplit(100); });
    $('show-after').addEventListener('click', function () { setSplit(0); });
    $('show-mask').addEventListener('change', function (e) {
      $('mask').hidden = !(state.selected && state.selected.mask) || !e.target.checked;
    });
    renderProblems();
    var first = visibleRows().filter(function (r) { return r.before; })[0];
    if (first) { select(first); } else { renderTable(); }
  }

  init();
}());
