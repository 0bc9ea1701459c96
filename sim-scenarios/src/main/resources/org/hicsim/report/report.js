/*
 * Draws a HIC-Sim run report from the JSON in #run-data: the result (as result.json holds it) and the sampled
 * time series (as metrics.csv holds it). Everything is built with DOM calls and textContent, so no text from the
 * run is ever read as HTML. window.hicReport keeps the charts and what each one plotted, for anyone who wants to
 * check a figure from the browser's console.
 */
(function () {
  'use strict';

  var NS_PER_S = 1e9;
  var PALETTE = ['#3b6fb6', '#f08a24', '#2f9e44', '#d6336c', '#7048e8', '#1098ad', '#a87b2c', '#868e96',
    '#e8590c', '#5c940d'];
  var PHASE_COLOURS = {
    'preparation': '#8ea3c7', 'new-instance': '#9775fa', 'migration': '#f08a24', 'validation': '#22b8cf',
    'stability': '#69db7c', 'rollback': '#fa5252'
  };
  var PHASE_OTHER = '#adb5bd';
  var ALERT_COLOUR = '#e8a317';
  var ROLLBACK_COLOUR = '#e03131';
  /** Alerts and decisions take the colour of their priority: P0 needs a person, P3 is only logged. */
  var PRIORITY_COLOURS = { 'P0': '#c92a2a', 'P1': '#e8590c', 'P2': '#e8a317', 'P3': '#868e96' };
  var CHART_HEIGHT = 230;
  /**
   * Steps between time ticks, in seconds: 1, 2 and 5 times a power of ten below a second, then the clock's own
   * units (15 s, 30 s, 1 min, 15 min, 1 h, 6 h, a day), so that a 3-hour run is ticked every 30 minutes rather
   * than at 16m40s, 33m20s, ...
   */
  var TIME_INCRS = [1e-9, 2e-9, 5e-9, 1e-8, 2e-8, 5e-8, 1e-7, 2e-7, 5e-7, 1e-6, 2e-6, 5e-6, 1e-5, 2e-5, 5e-5, 1e-4,
    2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
    3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 1209600, 2592000];
  /** Steps between byte ticks: powers of two, so a memory axis reads 0, 2 MiB, 4 MiB rather than 1.91 MiB, 3.81 MiB. */
  var BYTE_INCRS = (function () {
    var incrs = [];
    for (var power = 0; power <= 50; power++) { incrs.push(Math.pow(2, power)); }
    return incrs;
  }());

  var data = JSON.parse(document.getElementById('run-data').textContent);
  var result = data.result;
  var series = data.series;
  var decisions = result.decisions || [];
  var report = window.hicReport = { charts: {}, plotted: { timeline: [], waves: [], markers: [] } };

  // ---- text ---------------------------------------------------------------------------------------------

  /** Virtual ns as the summary prints them: 850us, 12.346ms, 10.012s, 2m30.5s, 1h00m10s. */
  function fmtNs(ns) {
    if (ns < 0) { return '-' + fmtNs(-ns); }
    if (ns < 1e3) { return Math.round(ns) + 'ns'; }
    if (ns < 1e6) { return dec(ns / 1e3) + 'us'; }
    if (ns < 1e9) { return dec(ns / 1e6) + 'ms'; }
    if (ns < 60e9) { return dec(ns / 1e9) + 's'; }
    var h = Math.floor(ns / 3600e9);
    var m = Math.floor((ns % 3600e9) / 60e9);
    var s = (ns % 60e9) / 1e9;
    var text = (h > 0 ? h + 'h' + (m < 10 ? '0' : '') : '') + m + 'm';
    if (s > 0 || h === 0) { text += (s < 10 ? '0' : '') + dec(s) + 's'; }
    return text;
  }

  function dec(value) {
    return String(Math.round(value * 1000) / 1000);
  }

  function pct(share, digits) {
    if (share == null) { return '–'; }
    return trimZeros((share * 100).toFixed(digits === undefined ? 2 : digits)) + '%';
  }

  /** 1.50 as 1.5, 2.00 as 2, 100 as 100. */
  function trimZeros(text) {
    return text.indexOf('.') < 0 ? text : text.replace(/0+$/, '').replace(/\.$/, '');
  }

  function bytes(value) {
    if (value == null) { return '–'; }
    var units = ['B', 'KiB', 'MiB', 'GiB'];
    var unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return String(Number(value.toPrecision(3))) + ' ' + units[unit];
  }

  function count(value) {
    return value == null ? '–' : Math.round(value).toLocaleString('en-US');
  }

  /** An axis tick in seconds of virtual time, rounded to what the tick spacing can show: 15m rather than 15m00s. */
  function tick(seconds) {
    return seconds === 0 ? '0' : fmtNs(Math.round(seconds * NS_PER_S)).replace(/m00s$/, 'm');
  }

  // ---- DOM ----------------------------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') { node.textContent = attrs[key]; } else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function table(head, rows, numericColumns) {
    var numeric = numericColumns || [];
    var headed = head.some(function (h) { return h !== ''; });
    var thead = el('thead', {}, headed ? [el('tr', {}, head.map(function (h, i) {
      return el('th', numeric.indexOf(i) >= 0 ? { style: 'text-align:right', text: h } : { text: h });
    }))] : []);
    var tbody = el('tbody', {}, rows.map(function (row) {
      var tr = el('tr', row.className ? { 'class': row.className } : {});
      row.cells.forEach(function (cell, i) {
        var td = el('td', numeric.indexOf(i) >= 0 ? { 'class': 'num' } : {});
        if (cell instanceof Node) { td.appendChild(cell); } else { td.textContent = cell; }
        tr.appendChild(td);
      });
      return tr;
    }));
    return el('table', { 'class': 'table' }, [thead, tbody]);
  }

  function none(text) {
    return el('p', { 'class': 'none', text: text });
  }

  // ---- the run's shape ----------------------------------------------------------------------------------

  var instances = series.instances;
  var xs = series.times_ns.map(function (ns) { return ns / NS_PER_S; });
  var colourOf = {};
  instances.forEach(function (instance, i) { colourOf[instance.label] = PALETTE[i % PALETTE.length]; });

  var phaseEnds = [];
  result.updates.forEach(function (u) { u.phases.forEach(function (p) { phaseEnds.push(p.end_ns); }); });
  var endNs = Math.max.apply(null, [series.times_ns.length ? series.times_ns[series.times_ns.length - 1] : 0]
    .concat(phaseEnds).concat(result.alerts.map(function (a) { return a.at_ns; }))
    .concat(result.rollbacks.map(function (r) { return r.at_ns; }))
    .concat(decisions.map(function (d) { return d.at_ns; })));
  var xRange = [0, Math.max(endNs, 1) / NS_PER_S];

  function servingInstances() {
    return instances.filter(function (instance) { return instance.endpoint_id > 0; });
  }

  /** The scenario's max_error_rate as a share: result.json writes it as the run checked it, '<= 0.1%'. */
  function maxErrorRateExpected() {
    var expectation = result.expectations.filter(function (e) { return e.name === 'max_error_rate'; })[0];
    if (!expectation) { return null; }
    var match = /^(?:<=\s*)?([0-9.]+)\s*(%?)$/.exec(expectation.expected.trim());
    if (!match || isNaN(parseFloat(match[1]))) { return null; }
    return match[2] ? parseFloat(match[1]) / 100 : parseFloat(match[1]);
  }

  // ---- the shared time axis ----------------------------------------------------------------------------

  /**
   * What the x scale shows: the whole run when asked for all the data (at first, and after a double click), the
   * dragged span when zoomed.
   */
  function xScaleRange(u, min, max) {
    var firstX = xs.length ? xs[0] : xRange[0];
    var lastX = xs.length ? xs[xs.length - 1] : xRange[1];
    if (min == null || max == null || (min <= Math.max(firstX, xRange[0]) && max >= Math.min(lastX, xRange[1]))) {
      return xRange.slice();
    }
    return [min, max];
  }

  var zooming = false;

  /** A zoom of one chart's time axis zooms every chart. */
  function syncZoom(u, key) {
    if (key !== 'x' || zooming) { return; }
    zooming = true;
    try {
      Object.keys(report.charts).forEach(function (name) {
        var other = report.charts[name];
        if (other !== u) { other.setScale('x', { min: u.scales.x.min, max: u.scales.x.max }); }
      });
    } finally {
      zooming = false;
    }
  }

  /** Keeps what a hook draws inside the plotting area, however the chart is zoomed. */
  function clipToPlot(u) {
    u.ctx.beginPath();
    u.ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
    u.ctx.clip();
  }

  // ---- markers every time chart shares ------------------------------------------------------------------

  function priorityColour(priority) {
    return PRIORITY_COLOURS[priority] || ALERT_COLOUR;
  }

  /** A decision as a marker and a table name it: its priority, failure level if known, rule and what it asked for. */
  function decisionLabel(d) {
    return d.priority + (d.failure_level == null ? '' : ' level ' + d.failure_level) + ' ' + d.rule + ' → '
      + d.action.replace(/_/g, ' ');
  }

  /**
   * Rollbacks (red, dashed), alerts (dashed) and the Monitor's decisions (solid), alerts and decisions in the
   * colour of their priority.
   */
  function eventMarkers() {
    var markers = [];
    result.rollbacks.forEach(function (r) {
      markers.push({ at: r.at_ns, colour: ROLLBACK_COLOUR, label: 'rollback ' + r.service, dashed: true });
    });
    result.alerts.forEach(function (a) {
      markers.push({ at: a.at_ns, colour: priorityColour(a.priority), label: a.priority, dashed: true });
    });
    decisions.forEach(function (d, index) {
      markers.push({ at: d.at_ns, colour: priorityColour(d.priority), label: decisionLabel(d), dashed: false,
        decision: index });
    });
    return markers;
  }

  /** Phase bands under the series, alert and rollback lines over them. */
  function markersPlugin(withLabels) {
    var markers = eventMarkers();
    return {
      hooks: {
        setScale: [syncZoom],
        drawClear: [function (u) {
          var ctx = u.ctx;
          var top = u.bbox.top;
          var height = u.bbox.height;
          ctx.save();
          clipToPlot(u);
          result.updates.forEach(function (update) {
            update.phases.filter(function (phase) { return phase.name !== 'stability'; }).forEach(function (phase) {
              var x0 = u.valToPos(phase.start_ns / NS_PER_S, 'x', true);
              var x1 = u.valToPos(phase.end_ns / NS_PER_S, 'x', true);
              ctx.globalAlpha = 0.1;
              ctx.fillStyle = PHASE_COLOURS[phase.name] || PHASE_OTHER;
              ctx.fillRect(x0, top, Math.max(x1 - x0, 1), height);
            });
          });
          ctx.restore();
        }],
        draw: [function (u) {
          var ctx = u.ctx;
          var ratio = window.devicePixelRatio || 1;
          ctx.save();
          clipToPlot(u);
          ctx.lineWidth = 1.5 * ratio;
          ctx.font = (11 * ratio) + 'px system-ui, sans-serif';
          ctx.textAlign = 'left';
          ctx.textBaseline = 'alphabetic';
          var recording = withLabels && report.plotted.markers.length === 0;
          var labelled = 0;
          markers.forEach(function (marker) {
            var x = Math.round(u.valToPos(marker.at / NS_PER_S, 'x', true));
            ctx.strokeStyle = marker.colour;
            ctx.setLineDash(marker.dashed ? [5 * ratio, 4 * ratio] : []);
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            if (marker.decision !== undefined) {
              ctx.fillStyle = marker.colour;
              ctx.beginPath();
              ctx.arc(x, u.bbox.top + 4 * ratio, 3.5 * ratio, 0, 2 * Math.PI);
              ctx.fill();
            }
            if (withLabels) {
              // labels step down so that markers close in time stay readable
              // near the right edge a label goes to the marker's left, so it is never cut off
              var right = x + 4 * ratio + ctx.measureText(marker.label).width > u.bbox.left + u.bbox.width;
              ctx.fillStyle = marker.colour;
              ctx.textAlign = right ? 'right' : 'left';
              ctx.fillText(marker.label, right ? x - 4 * ratio : x + 4 * ratio,
                u.bbox.top + (12 + 12 * (labelled++ % 4)) * ratio);
            }
            if (recording && marker.decision !== undefined) {
              var d = decisions[marker.decision];
              report.plotted.markers.push({ service: d.service, id: d.id, at_ns: d.at_ns, rule: d.rule,
                action: d.action, priority: d.priority, colour: marker.colour,
                x: u.valToPos(marker.at / NS_PER_S, 'x') });
            }
          });
          ctx.restore();
        }]
      }
    };
  }

  // ---- charts -------------------------------------------------------------------------------------------

  function values(metric, instanceIndex) {
    return series.metrics[metric][instanceIndex];
  }

  function lineChart(key, container, spec) {
    var lines = spec.lines;
    var opts = {
      width: container.clientWidth,
      height: CHART_HEIGHT,
      scales: {
        x: { time: false, range: xScaleRange },
        y: spec.log ? { distr: 3 } : { range: spec.yRange || function (u, min, max) {
          return [Math.min(0, min == null ? 0 : min), max == null || max <= 0 ? 1 : max * 1.08];
        } }
      },
      axes: [
        { values: function (u, splits) { return splits.map(tick); }, space: 64, incrs: TIME_INCRS,
          grid: { stroke: '#eef1f5' }, ticks: { stroke: '#dfe3ea' } },
        { values: function (u, splits) {
          return splits.map(function (v) { return v == null ? '' : spec.format(v); });
        }, size: 76, incrs: spec.incrs,
          grid: { stroke: '#eef1f5' }, ticks: { stroke: '#dfe3ea' } }
      ],
      series: [{ label: 'time', value: function (u, v) { return v == null ? '–' : tick(v); } }]
        .concat(lines.map(function (line) {
          return {
            label: line.label,
            stroke: line.colour,
            width: line.width || 1.75,
            dash: line.dash,
            points: { show: false },
            value: function (u, v) { return v == null ? '–' : spec.format(v); }
          };
        })),
      cursor: { sync: { key: 'run' } },
      legend: { live: true },
      plugins: [markersPlugin(false)].concat(spec.plugins || [])
    };
    var chart = new uPlot(opts, [xs].concat(lines.map(function (line) { return line.values; })), container);
    report.charts[key] = chart;
    return chart;
  }

  /**
   * A plugin drawing points at (time, value) that are not on the sample grid: the waves' own figures. record, if
   * given, learns where each point went, in CSS pixels from the plot's top left.
   */
  function pointsPlugin(points, record) {
    return {
      hooks: {
        draw: [function (u) {
          var ctx = u.ctx;
          var ratio = window.devicePixelRatio || 1;
          ctx.save();
          clipToPlot(u);
          points.forEach(function (point) {
            var x = u.valToPos(point.at_ns / NS_PER_S, 'x', true);
            var y = u.valToPos(point.value, 'y', true);
            ctx.beginPath();
            ctx.fillStyle = point.colour;
            ctx.strokeStyle = '#ffffff';
            ctx.lineWidth = 1.5 * ratio;
            ctx.arc(x, y, 4.5 * ratio, 0, 2 * Math.PI);
            ctx.fill();
            ctx.stroke();
            if (record) {
              record(point, u.valToPos(point.at_ns / NS_PER_S, 'x'), u.valToPos(point.value, 'y'));
            }
          });
          ctx.restore();
        }]
      }
    };
  }

  function trafficChart() {
    var lines = servingInstances().map(function (instance) {
      return { label: instance.label, colour: colourOf[instance.label],
        values: values('traffic_share', instances.indexOf(instance)) };
    });
    var points = [];
    result.updates.forEach(function (update) {
      var newInstance = instances.filter(function (i) {
        return i.service === update.service && i.version === update.to;
      })[0];
      update.waves.forEach(function (wave) {
        points.push({ service: update.service, wave: wave.wave, at_ns: wave.end_ns,
          value: wave.traffic_new_fraction, colour: newInstance ? colourOf[newInstance.label] : '#333' });
      });
    });
    return lineChart('traffic', document.getElementById('chart-traffic'), {
      lines: lines,
      format: function (v) { return pct(v, 0); },
      yRange: [0, 1.05],
      plugins: [pointsPlugin(points, function (point, x, y) {
        if (report.plotted.waves.length < points.length) {
          report.plotted.waves.push({ service: point.service, wave: point.wave, end_ns: point.at_ns,
            traffic_new_fraction: point.value, x: x, y: y });
        }
      })]
    });
  }

  function errorChart() {
    var lines = servingInstances().map(function (instance) {
      return { label: instance.label, colour: colourOf[instance.label],
        values: values('error_rate', instances.indexOf(instance)) };
    });
    var limit = maxErrorRateExpected();
    report.plotted.errorRateLimit = limit;
    var plugins = [];
    if (limit != null) {
      plugins.push({ hooks: { draw: [function (u) {
        var ctx = u.ctx;
        var ratio = window.devicePixelRatio || 1;
        var y = Math.round(u.valToPos(limit, 'y', true));
        ctx.save();
        clipToPlot(u);
        ctx.strokeStyle = '#c92a2a';
        ctx.setLineDash([3 * ratio, 3 * ratio]);
        ctx.lineWidth = ratio;
        ctx.beginPath();
        ctx.moveTo(u.bbox.left, y);
        ctx.lineTo(u.bbox.left + u.bbox.width, y);
        ctx.stroke();
        ctx.fillStyle = '#c92a2a';
        ctx.font = (11 * ratio) + 'px system-ui, sans-serif';
        ctx.textAlign = 'left';
        ctx.textBaseline = 'alphabetic';
        ctx.fillText('max ' + pct(limit, 3), u.bbox.left + 6 * ratio, y - 4 * ratio);
        ctx.restore();
      }] } });
    }
    return lineChart('errors', document.getElementById('chart-errors'), {
      lines: lines,
      format: function (v) { return pct(v, 3); },
      yRange: function (u, min, max) {
        var top = Math.max(max == null ? 0 : max, limit == null ? 0 : limit * 1.5, 0.0001);
        return [0, top * 1.1];
      },
      plugins: plugins
    });
  }

  function latencyChart() {
    var lines = [];
    servingInstances().forEach(function (instance) {
      var i = instances.indexOf(instance);
      lines.push({ label: instance.label + ' p50', colour: colourOf[instance.label],
        values: values('latency_p50_ns', i) });
      lines.push({ label: instance.label + ' p99', colour: colourOf[instance.label],
        values: values('latency_p99_ns', i), dash: [6, 4], width: 1.25 });
    });
    return lineChart('latency', document.getElementById('chart-latency'), {
      lines: lines,
      format: function (v) { return v == null ? '–' : fmtNs(v); },
      log: true
    });
  }

  function connectionsChart() {
    var lines = servingInstances().map(function (instance) {
      return { label: instance.label, colour: colourOf[instance.label],
        values: values('connections', instances.indexOf(instance)) };
    });
    return lineChart('connections', document.getElementById('chart-connections'), {
      lines: lines,
      format: count
    });
  }

  function memoryChart() {
    var lines = instances.map(function (instance, i) {
      return { label: instance.label, colour: colourOf[instance.label], values: values('memory_in_use_bytes', i) };
    });
    return lineChart('memory', document.getElementById('chart-memory'), {
      lines: lines,
      format: bytes,
      incrs: BYTE_INCRS
    });
  }

  /** One row per update, its phases as bars on the shared time axis, wave ends as ticks. */
  function timelineChart() {
    var container = document.getElementById('chart-timeline');
    var updates = result.updates;
    var rows = Math.max(updates.length, 1);
    var rowLabel = function (i) {
      var u = updates[i];
      return u ? u.service + ' ' + u.from + ' → ' + u.to : '';
    };
    var plotted = report.plotted.timeline;
    var draw = function (u) {
      var ctx = u.ctx;
      var ratio = window.devicePixelRatio || 1;
      var rowHeight = u.bbox.height / rows;
      var recording = plotted.length === 0;
      ctx.save();
      clipToPlot(u);
      ctx.font = (11 * ratio) + 'px system-ui, sans-serif';
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      updates.forEach(function (update, row) {
        var top = u.bbox.top + row * rowHeight + rowHeight * 0.2;
        var height = rowHeight * 0.6;
        update.phases.forEach(function (phase) {
          var x0 = u.valToPos(phase.start_ns / NS_PER_S, 'x', true);
          var x1 = u.valToPos(phase.end_ns / NS_PER_S, 'x', true);
          var width = Math.max(x1 - x0, 2 * ratio);
          ctx.fillStyle = PHASE_COLOURS[phase.name] || PHASE_OTHER;
          ctx.fillRect(x0, top, width, height);
          var label = phase.name;
          if (ctx.measureText(label).width + 8 * ratio < width) {
            ctx.fillStyle = '#1d2430';
            ctx.fillText(label, x0 + 4 * ratio, top + height / 2);
          }
          if (recording) {
            plotted.push({ service: update.service, phase: phase.name, start_ns: phase.start_ns,
              end_ns: phase.end_ns, x0: u.valToPos(phase.start_ns / NS_PER_S, 'x'),
              x1: u.valToPos(phase.end_ns / NS_PER_S, 'x') });
          }
        });
        ctx.strokeStyle = '#1d2430';
        ctx.lineWidth = 1.5 * ratio;
        update.waves.forEach(function (wave) {
          var x = Math.round(u.valToPos(wave.end_ns / NS_PER_S, 'x', true));
          ctx.beginPath();
          ctx.moveTo(x, top - 3 * ratio);
          ctx.lineTo(x, top + height + 3 * ratio);
          ctx.stroke();
        });
      });
      ctx.restore();
    };
    var opts = {
      width: container.clientWidth,
      height: 48 + rows * 34,
      scales: { x: { time: false, range: xScaleRange }, y: { range: [0, rows] } },
      axes: [
        { values: function (u, splits) { return splits.map(tick); }, space: 64, incrs: TIME_INCRS,
          grid: { stroke: '#eef1f5' } },
        { size: 190, gap: 8, grid: { show: false }, ticks: { show: false },
          splits: function () { return updates.map(function (_, i) { return rows - i - 0.5; }); },
          values: function (u, splits) { return splits.map(function (s) { return rowLabel(Math.round(rows - s - 0.5)); }); } }
      ],
      series: [{ label: 'time', value: function (u, v) { return v == null ? '–' : tick(v); } },
        { label: 'phases', show: true, stroke: 'transparent', points: { show: false } }],
      cursor: { sync: { key: 'run' }, y: false },
      legend: { show: false },
      plugins: [markersPlugin(true), { hooks: { draw: [draw] } }]
    };
    // uPlot plots rows top-down as y falls: row i's band spans [rows - i - 1, rows - i].
    var chart = new uPlot(opts, [xRange, [null, null]], container);
    report.charts.timeline = chart;
    var names = [];
    updates.forEach(function (u) {
      u.phases.forEach(function (p) { if (names.indexOf(p.name) < 0) { names.push(p.name); } });
    });
    var legend = el('div', { 'class': 'phase-legend' }, names.map(function (name) {
      return el('span', {}, [el('span', { 'class': 'swatch', style: 'background:' + (PHASE_COLOURS[name] || PHASE_OTHER) }),
        name]);
    }));
    if (result.rollbacks.length) {
      legend.appendChild(el('span', {}, [el('span', { 'class': 'rule', style: 'border-color:' + ROLLBACK_COLOUR }),
        'rollback']));
    }
    if (result.alerts.length || decisions.length) {
      ['P0', 'P1', 'P2', 'P3'].forEach(function (priority) {
        legend.appendChild(el('span', {}, [el('span', { 'class': 'rule', style: 'border-color:' + priorityColour(priority) }),
          priority]));
      });
      legend.appendChild(el('span', { 'class': 'note', text: 'dashed: alert; solid with a dot: Monitor decision' }));
    }
    container.appendChild(legend);
    return chart;
  }

  // ---- text panels --------------------------------------------------------------------------------------

  function header() {
    document.getElementById('scenario').textContent = result.scenario;
    var held = result.expectations.filter(function (e) { return e.passed; }).length;
    var meta = document.getElementById('meta');
    meta.appendChild(el('span', { 'class': 'badge ' + (result.passed ? 'pass' : 'fail'),
      text: result.passed ? 'PASSED' : 'FAILED' }));
    meta.appendChild(el('span', { text: 'seed ' + result.seed }));
    meta.appendChild(el('span', { text: held + ' of ' + result.expectations.length + ' expectations held' }));
    meta.appendChild(el('span', { text: fmtNs(endNs) + ' of virtual time' }));
    meta.appendChild(el('span', { 'class': 'digest', title: 'SHA-256 of trace.txt',
      text: 'trace sha256 ' + result.trace_sha256.slice(0, 16) + '…' }));
    document.getElementById('replay').textContent = data.replay;
  }

  function cards() {
    var container = document.getElementById('cards');
    result.updates.forEach(function (u) {
      var lost = u.connections.lost;
      var rows = [
        ['connections', count(u.connections.total)],
        ['migrated', count(u.connections.migrated)],
        ['failed / rebuilt / lost', count(u.connections.failed) + ' / ' + count(u.connections.rebuilt) + ' / '
          + count(lost), lost > 0 || u.connections.failed > 0],
        ['availability', pct(1 - u.error_rate, 3)],
        ['error rate', pct(u.error_rate, 3)],
        ['latency p50 / p99 during', fmtNs(u.latency_ns.during.p50) + ' / ' + fmtNs(u.latency_ns.during.p99)],
        ['longest hold (downtime)', fmtNs(u.downtime_ns)],
        ['endpoint switch', fmtNs(u.switchover_ns)]
      ];
      var card = el('div', { 'class': 'card' }, [
        el('h3', {}, [el('span', { text: u.service + ' ' + u.from + ' → ' + u.to }),
          el('span', { 'class': 'pill ' + u.outcome, text: u.outcome.replace('_', ' ') })]),
        el('dl', {}, [].concat.apply([], rows.map(function (row) {
          return [el('dt', { text: row[0] }), el('dd', row[2] ? { 'class': 'bad', text: row[1] } : { text: row[1] })];
        })))
      ]);
      if (u.refusal) { card.appendChild(el('p', { 'class': 'reason', text: u.refusal })); }
      container.appendChild(card);
    });
    var failed = result.expectations.filter(function (e) { return !e.passed; }).length;
    container.appendChild(el('div', { 'class': 'card' }, [
      el('h3', {}, [el('span', { text: 'Run' }),
        el('span', { 'class': 'pill ' + (result.passed ? 'ok' : 'bad'), text: result.passed ? 'passed' : 'failed' })]),
      el('dl', {}, [
        el('dt', { text: 'expectations held' }),
        el('dd', failed ? { 'class': 'bad', text: (result.expectations.length - failed) + ' of '
          + result.expectations.length } : { text: result.expectations.length + ' of ' + result.expectations.length }),
        el('dt', { text: 'rollbacks' }), el('dd', { text: String(result.rollbacks.length) }),
        el('dt', { text: 'alerts' }), el('dd', { text: String(result.alerts.length) }),
        el('dt', { text: 'Monitor decisions' }), el('dd', { text: String(decisions.length) }),
        el('dt', { text: 'sandboxes tracked' }), el('dd', { text: String(instances.length) }),
        el('dt', { text: 'samples' }), el('dd', { text: count(series.times_ns.length) })
      ].concat(Object.keys(result.final_versions).map(function (service) {
        return [el('dt', { text: service }), el('dd', { text: result.final_versions[service] })];
      }).reduce(function (a, b) { return a.concat(b); }, [])))
    ]));
  }

  function expectations() {
    var container = document.getElementById('expectations');
    var rows = result.expectations.map(function (e) {
      return { className: e.passed ? 'held' : 'failed', cells: [
        el('span', { 'class': 'mark ' + (e.passed ? 'ok' : 'bad'), text: e.passed ? '✓ held' : '✗ failed' }),
        e.name, e.expected, e.actual] };
    });
    container.replaceWith(rows.length ? table(['', 'expectation', 'expected', 'actual'], rows)
      : none('The scenario sets no expectations.'));
  }

  function updates() {
    var container = document.getElementById('updates');
    if (!result.updates.length) { container.appendChild(none('The run updated nothing.')); return; }
    result.updates.forEach(function (u) {
      var phases = table(['phase', 'start', 'end', 'took'], u.phases.map(function (p) {
        return { cells: [el('span', {}, [el('span', { 'class': 'swatch',
          style: 'background:' + (PHASE_COLOURS[p.name] || PHASE_OTHER) }), p.name]),
          fmtNs(p.start_ns), fmtNs(p.end_ns), fmtNs(p.end_ns - p.start_ns)] };
      }), [1, 2, 3]);
      var waves = u.waves.length ? table(['wave', 'ended', 'moved so far', 'traffic to new'],
        u.waves.map(function (w) {
          return { cells: [w.wave, fmtNs(w.end_ns), count(w.cumulative_migrated) + ' (' + pct(w.cumulative_fraction, 1)
            + ')', pct(w.traffic_new_fraction, 1)] };
        }), [1, 2, 3]) : none('No waves: no connection was moved.');
      var latency = table(['latency', 'before', 'during', 'after'], ['p50', 'p99'].map(function (p) {
        return { cells: [p, fmtNs(u.latency_ns.before[p]), fmtNs(u.latency_ns.during[p]), fmtNs(u.latency_ns.after[p])] };
      }), [1, 2, 3]);
      container.appendChild(el('div', { 'class': 'update-block' }, [
        el('h3', {}, [u.service + ' ' + u.from + ' → ' + u.to + ' ', el('span', { 'class': 'pill ' + u.outcome,
          text: u.outcome.replace('_', ' ') })]),
        el('div', { 'class': 'cols' }, [el('div', {}, [phases]), el('div', {}, [waves, latency])])
      ]));
    });
  }

  function events() {
    var rollbacks = document.getElementById('rollbacks');
    rollbacks.appendChild(result.rollbacks.length ? table(['at', 'service', 'kind', 'reason'],
      result.rollbacks.map(function (r) {
        var reason = r.abandoned > 0 ? r.reason + ' (abandoned ' + r.abandoned + ', their clients reconnect)' : r.reason;
        return { cells: [fmtNs(r.at_ns), r.service, r.kind, reason] };
      }))
      : none('No rollback.'));
    var alerts = document.getElementById('alerts');
    alerts.appendChild(result.alerts.length ? table(['at', 'priority', 'alert'],
      result.alerts.map(function (a) { return { cells: [fmtNs(a.at_ns), a.priority, a.text] }; }))
      : none('No alert.'));
  }

  /** The decision's six-decimal numbers as the trace prints them; – where it prints -. */
  function micros(value) {
    return value == null ? '–' : Number(value).toFixed(6);
  }

  function explanations() {
    var container = document.getElementById('decisions');
    if (!decisions.length) { container.appendChild(none('The Monitor took no decision.')); return; }
    decisions.forEach(function (d) {
      var head = el('h3', {}, [el('span', { 'class': 'swatch', style: 'background:' + priorityColour(d.priority) }),
        fmtNs(d.at_ns) + ' · ' + d.service + ' · ' + decisionLabel(d) + ' · ' + d.status.replace(/_/g, ' ')
          + ' (' + d.trigger + ', decision ' + d.id + ')']);
      var rows = d.explanations.map(function (r) {
        return { className: 'explanation' + (r.hit ? ' hit' : ''), cells: [r.kind, r.rule, r.verdict,
          micros(r.value), r.operator, micros(r.threshold),
          '(' + fmtNs(r.window_left_ns) + ', ' + fmtNs(r.window_right_ns) + ']', String(r.n), micros(r.weight),
          micros(r.contribution), r.hit ? 'hit' : '', (r.critical ? 'critical ' : '') + (r.dry_run ? 'dry run' : ''),
          r.action.replace(/_/g, ' ')] };
      });
      container.appendChild(el('div', { 'class': 'decision-block' }, [head, rows.length
        ? table(['kind', 'rule', 'verdict', 'value', 'op', 'threshold', 'window', 'n', 'weight', 'contribution',
          'hit', '', 'action'], rows, [3, 5, 7, 8, 9])
        : none('No explanation records: a person, a deadline or a refusal decided.')]));
    });
  }

  function provenance() {
    var p = result.provenance;
    var rows = [
      { cells: ['simulator', p.simulator_version] },
      { cells: ['commit', el('code', { text: p.commit })] },
      { cells: ['JVM', p.jvm] },
      { cells: ['trace sha256', el('code', { text: result.trace_sha256 })] }
    ].concat(Object.keys(p.bundle_digests).map(function (bundle) {
      return { cells: ['bundle ' + bundle, el('code', { text: p.bundle_digests[bundle] })] };
    }));
    document.getElementById('provenance').appendChild(table(['', ''], rows));
  }

  // ---- main ---------------------------------------------------------------------------------------------

  try {
    header();
    cards();
    expectations();
    updates();
    events();
    explanations();
    provenance();
    timelineChart();
    trafficChart();
    errorChart();
    latencyChart();
    connectionsChart();
    memoryChart();
    window.addEventListener('resize', function () {
      Object.keys(report.charts).forEach(function (key) {
        var chart = report.charts[key];
        chart.setSize({ width: chart.root.parentNode.clientWidth, height: chart.height });
      });
    });
    document.documentElement.setAttribute('data-rendered', 'true');
  } catch (error) {
    var problem = document.getElementById('problem');
    problem.hidden = false;
    problem.textContent = 'This report could not be drawn completely: ' + error;
    throw error;
  }
}());
