// 督查看板 Ducha dashboard: draws every element with a data-chart attribute (JSON written by the server's Charts)
// as an ECharts line chart: the value, the target and the 序时进度 line across months, or (赛马) each unit's rank
// across months. ECharts is the WebJar's.
(function () {
  'use strict';
  var english = (document.documentElement.lang || '').indexOf('en') === 0 ||
      document.cookie.indexOf('ducha-lang=en') >= 0;
  var styles = {
    value: { type: 'line', symbolSize: 7, lineStyle: { width: 3 } },
    target: { type: 'line', symbol: 'none', lineStyle: { type: 'solid', color: '#2e7d32' }, itemStyle: { color: '#2e7d32' } },
    expected: { type: 'line', symbol: 'none', lineStyle: { type: 'dashed', color: '#c62828' }, itemStyle: { color: '#c62828' } }
  };
  // ECharts 5.3 writes tooltip text as HTML unescaped (fixed in 5.5.1, which no WebJar serves yet): every text that
  // reaches the tooltip is escaped here, and the page's Content-Security-Policy runs no inline script besides
  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function tooltip(items) {
    return escape(items[0].axisValueLabel) + items.map(function (p) {
      return '<br>' + p.marker + escape(p.seriesName) + ': ' + escape(p.value == null ? '—' : p.value);
    }).join('');
  }
  // the period picker shows the month chosen at once; the Content-Security-Policy runs no inline handler, so the
  // listener is set here (without script the picker's own button submits it)
  document.querySelectorAll('form.picker select').forEach(function (select) {
    select.addEventListener('change', function () { select.form.submit(); });
  });
  // the report's print button (no inline handler: the Content-Security-Policy would block it)
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
  });
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var data = JSON.parse(el.dataset.chart);
    var chart = echarts.init(el, null, { locale: english ? 'EN' : 'ZH', renderer: 'canvas' });
    // a chart of ranks (赛马) turns its axis over, rank 1 at the top, in whole places
    var yAxis = data.ranks
      ? { type: 'value', inverse: true, min: 1, max: data.units, interval: 1, minInterval: 1 }
      : { type: 'value', name: data.measure || '', scale: false };
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', formatter: tooltip },
      legend: { top: 0 },
      grid: { left: 70, right: 20, top: data.ranks ? 60 : 30, bottom: 30 },
      xAxis: { type: 'category', data: data.months },
      yAxis: yAxis,
      series: data.lines.map(function (line) {
        // a rank line (one per unit) takes ECharts' own colours
        return Object.assign({ type: 'line', name: line.name, data: line.values, connectNulls: false },
            styles[line.kind]);
      })
    });
    el.setAttribute('data-drawn', 'true');
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
