// The site's one script: searches the index on search.html (titles, series, dates, topics, words) as the reader types.
// It holds no less-than, greater-than or ampersand characters, so it is written into the page as it is.
(function () {
  var data = JSON.parse(document.getElementById('search-data').textContent);
  var input = document.getElementById('q');
  var list = document.getElementById('results');
  var status = document.getElementById('search-status');
  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length !== 0; });
  }
  function show(query) {
    var terms = words(query);
    list.textContent = '';
    if (terms.length === 0) { status.textContent = ''; return; }
    var found = data.filter(function (m) {
      var text = (m.t + ' ' + m.s + ' ' + m.d + ' ' + m.x).toLowerCase();
      return terms.every(function (w) { return text.indexOf(w) !== -1; });
    });
    found.slice(0, 200).forEach(function (m) {
      var li = document.createElement('li');
      if (m.d) {
        var time = document.createElement('time');
        time.textContent = m.d;
        li.appendChild(time);
      }
      var a = document.createElement('a');
      a.href = m.u;
      a.textContent = m.t;
      li.appendChild(a);
      list.appendChild(li);
    });
    status.textContent = found.length === 0 ? status.dataset.none : status.dataset.found.replace('{n}', found.length);
  }
  var query = new URLSearchParams(window.location.search).get('q') || '';
  input.value = query;
  show(query);
  input.addEventListener('input', function () { show(input.value); });
  document.getElementById('search-form').addEventListener('submit', function (e) {
    e.preventDefault();
    show(input.value);
  });
})();
