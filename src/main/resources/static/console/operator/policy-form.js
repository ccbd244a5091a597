// The structured policy editor (issue 20): adding and removing rows of a list or a map. A list's <template> holds its
// new row with a placeholder where the row's index goes (its data-placeholder); a new row takes an index no row has.
(function () {
  var next = 1000000;
  document.addEventListener('click', function (e) {
    var add = e.target.closest('[data-add-row]');
    if (add) {
      var t = document.getElementById(add.dataset.addRow);
      var rows = document.getElementById(add.dataset.rows);
      if (!t || !rows) return;
      var html = t.innerHTML.split(t.dataset.placeholder).join(String(next++));
      rows.insertAdjacentHTML('beforeend', html);
      var first = rows.lastElementChild && rows.lastElementChild.querySelector('input, select, textarea');
      if (first) first.focus();
      return;
    }
    var remove = e.target.closest('[data-remove-row]');
    if (remove) {
      var row = remove.closest('.pf-row');
      if (row) row.remove();
    }
  });
})();
