/* The thread's story chart: one lane per kind of move, the state band above, milestones
   and today as lines. Chart.js (vendored) draws it; colours come from the stylesheet
   (--ev-<type>, --st-<state>), so the page and the chart agree. Every point can be
   reached without the chart: the list of moves below it says the same. */
(function () {
  "use strict";

  // The story arrives in a request of its own (the articles never wait for it);
  // a page rendered with ?story=inline already holds it.
  function draw(root) {
    if (typeof window.Chart === "undefined") return;
    var canvas = root.querySelector("#story-chart");
    if (!canvas) return;
    var script = document.getElementById(canvas.dataset.story);
    if (!script) return;
    var data = JSON.parse(script.textContent);
    var page = document.documentElement;
    var lang = page.lang || "ar";
    var rtl = page.dir === "rtl";
    var css = getComputedStyle(page);
    var DAY = 86400000;
    var tip = root.querySelector("#story-tip");
    var detail = root.querySelector("#move-detail");

    function dayNo(iso) { var p = iso.split("-"); return Date.UTC(+p[0], +p[1] - 1, +p[2]) / DAY; }
    function colour(name, fallback) { return (css.getPropertyValue(name) || "").trim() || fallback; }
    var dateFmt = new Intl.DateTimeFormat(lang, { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" });
    function fmt(n) { return dateFmt.format(new Date(n * DAY)); }

    var lanes = data.lanes.length ? data.lanes : [{ type: "", label: "" }];
    var laneLabels = lanes.map(function (l) { return l.label; });
    var labelOf = {};
    lanes.forEach(function (l) { labelOf[l.type] = l.label; });
    var from = dayNo(data.from), todayNo = dayNo(data.today);
    function isoOf(n) { return new Date(n * DAY).toISOString().slice(0, 10); }
    var datasets = data.lanes.map(function (lane, laneIndex) {
      var c = colour("--ev-" + lane.type, "#555");
      return {
        type: "bubble",
        label: lane.label,
        // Points come as [days after "from", lane, reports].
        data: data.points.filter(function (p) { return p[1] === laneIndex; }).map(function (p) {
          var day = from + p[0];
          return { x: day + 0.5, y: lane.label, r: Math.min(14, 4 + 2.2 * Math.sqrt(p[2])), d: isoOf(day), t: lane.type, n: p[2], planned: day > todayNo };
        }),
        borderColor: c,
        borderWidth: 2,
        backgroundColor: function (ctx) { return ctx.raw && ctx.raw.planned ? "#ffffff" : c; },
        hoverBorderWidth: 3
      };
    });
    var lo = dayNo(data.from), hi = dayNo(data.to) + 1, today = dayNo(data.today);
    var BAND = 14, GAP = 6;

    var storyPlugin = {
      id: "story",
      beforeDatasetsDraw: function (chart) {
        var ctx = chart.ctx, x = chart.scales.x, area = chart.chartArea;
        ctx.save();
        // The state band: one stretch per run, above the lanes.
        data.band.forEach(function (run) {
          var a = x.getPixelForValue(Math.max(lo, dayNo(run.from)));
          var b = x.getPixelForValue(Math.min(hi, dayNo(run.to) + 1));
          var left = Math.min(a, b), width = Math.max(2, Math.abs(b - a));
          ctx.fillStyle = colour("--st-" + run.state, "#ddd");
          ctx.fillRect(left, area.top - BAND - GAP, width, BAND);
          if (width > 60) {
            ctx.fillStyle = "#1b1f24";
            ctx.font = "11px 'IBM Plex Sans Arabic', sans-serif";
            ctx.textBaseline = "middle";
            ctx.textAlign = "center";
            ctx.fillText(run.label, left + width / 2, area.top - GAP - BAND / 2, width - 6);
          }
        });
        // Today, when the window reaches it: planned moves sit beyond this line.
        if (today >= lo && today <= hi) {
          var t = x.getPixelForValue(today);
          ctx.strokeStyle = "#5b6470";
          ctx.setLineDash([3, 3]);
          ctx.lineWidth = 1;
          ctx.beginPath(); ctx.moveTo(t, area.top); ctx.lineTo(t, area.bottom); ctx.stroke();
          ctx.setLineDash([]);
        }
        // Milestones, at their date, across every lane.
        data.milestones.forEach(function (m) {
          var px = x.getPixelForValue(dayNo(m.date) + 0.5);
          ctx.strokeStyle = "#b7791f";
          ctx.lineWidth = 2;
          ctx.beginPath(); ctx.moveTo(px, area.top); ctx.lineTo(px, area.bottom); ctx.stroke();
          ctx.fillStyle = "#b7791f";
          ctx.beginPath();
          ctx.moveTo(px, area.bottom); ctx.lineTo(px + (rtl ? -9 : 9), area.bottom - 5); ctx.lineTo(px, area.bottom - 10);
          ctx.closePath(); ctx.fill();
        });
        ctx.restore();
      }
    };

    function showTip(context) {
      var t = context.tooltip;
      if (!tip) return;
      if (!t || t.opacity === 0 || !t.dataPoints || !t.dataPoints.length) { tip.hidden = true; return; }
      var raw = t.dataPoints[0].raw;
      var move = data.moves[raw.d + "|" + raw.t];
      tip.textContent = "";
      var head = document.createElement("strong");
      head.textContent = (labelOf[raw.t] || raw.t) + " · " + fmt(dayNo(raw.d));
      tip.appendChild(head);
      var count = document.createElement("div");
      count.className = "muted";
      count.textContent = canvas.dataset.reports.replace("{n}", raw.n) + (raw.planned ? " · " + canvas.dataset.planned : "");
      tip.appendChild(count);
      if (move && move.s) {
        var s = document.createElement("div");
        s.setAttribute("dir", "auto");
        s.textContent = move.s;
        tip.appendChild(s);
      }
      tip.hidden = false;
      var x = t.caretX, y = t.caretY;
      var box = canvas.parentNode.getBoundingClientRect();
      tip.style.insetInlineStart = "auto";
      tip.style.left = Math.max(0, Math.min(x + 12, box.width - 260)) + "px";
      tip.style.top = (y + 12) + "px";
    }

    function openDetail(raw) {
      if (!detail) return;
      var url = new URL(data.detail, window.location.href);
      url.searchParams.set("day", raw.d);
      url.searchParams.set("type", raw.t);
      new URL(window.location.href).searchParams.getAll("eactor").forEach(function (a) { url.searchParams.append("eactor", a); });
      detail.setAttribute("aria-busy", "true");
      fetch(url.toString(), { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) {
          detail.innerHTML = html;  // rendered and escaped by the server's template
          detail.removeAttribute("aria-busy");
          detail.scrollIntoView({ block: "nearest" });
        })
        .catch(function () { detail.removeAttribute("aria-busy"); });
    }

    canvas.parentNode.style.height = (60 + 30 * lanes.length) + "px";
    var chart = new window.Chart(canvas, {
      type: "bubble",
      data: { datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: lang,
        layout: { padding: { top: BAND + GAP + 4, left: 8, right: 8 } },
        scales: {
          x: {
            type: "linear", min: lo, max: hi, reverse: rtl,
            grid: { color: "#eef0f3" },
            ticks: { maxRotation: 0, autoSkip: true, callback: function (v) { return fmt(Math.floor(v)); } }
          },
          y: {
            type: "category", labels: laneLabels, offset: true, position: rtl ? "right" : "left",
            grid: { color: "#f3f4f6" },
            ticks: { font: { family: "IBM Plex Sans Arabic" } }
          }
        },
        plugins: {
          legend: { display: false },
          tooltip: { enabled: false, external: showTip }
        },
        onHover: function (evt, els) { canvas.style.cursor = els.length ? "pointer" : "default"; },
        onClick: function (evt, els) {
          if (!els.length) return;
          openDetail(chart.data.datasets[els[0].datasetIndex].data[els[0].index]);
        }
      },
      plugins: [storyPlugin]
    });
    canvas.addEventListener("mouseleave", function () { if (tip) tip.hidden = true; });
  }

  var slot = document.getElementById("story-slot");
  if (!slot) { draw(document); return; }
  fetch(slot.dataset.storyUrl, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
    .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
    .then(function (html) {
      var box = document.createElement("div");
      box.innerHTML = html;  // rendered and escaped by the server's template
      var story = box.querySelector("#story");
      if (!story) return;
      slot.replaceWith(story);
      draw(story);
    })
    .catch(function () { slot.removeAttribute("aria-busy"); });
})();
