/* Small enhancements; every page works without them. */
(function () {
  "use strict";
  var root = document.documentElement;
  var lang = root.lang || "ar";
  var rtl = root.dir === "rtl";

  // Times of day: the server writes them in UTC and says so; here they are shown in the
  // reader's own time zone, with the zone named.
  var zone = (Intl.DateTimeFormat().resolvedOptions() || {}).timeZone || "";
  document.querySelectorAll("time[data-local]").forEach(function (el) {
    var when = new Date(el.getAttribute("datetime"));
    if (isNaN(when.getTime())) return;
    var full = el.dataset.local === "full";
    var fmt = new Intl.DateTimeFormat(lang, {
      weekday: full ? "long" : undefined, year: "numeric", month: full ? "long" : "2-digit",
      day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
    });
    el.textContent = fmt.format(when);
    if (zone) el.title = zone;
  });

  // On a phone the filters start folded so the results come first.
  if (window.matchMedia && window.matchMedia("(max-width: 900px)").matches) {
    document.querySelectorAll("details.filter-toggle[open]").forEach(function (d) { d.open = false; });
  }

  // Filter forms: leave empty fields out so shared URLs stay short and readable.
  // Delegated, so a filter form put in place later (the counted panel) is covered.
  document.addEventListener("submit", function (evt) {
    var form = evt.target;
    if (!form.matches || !form.matches("form.filters, form.big-search")) return;
    form.querySelectorAll("input, select").forEach(function (el) {
      if (!el.name) return;
      if ((el.type === "checkbox" || el.type === "radio") ? false : el.value === "") el.disabled = true;
      if (el.name === "actor_mode" && el.value === "any" && el.checked) el.disabled = true;
    });
  });

  // Type-ahead for long actor menus: a search box that narrows the options, matching the
  // Arabic and the English name whatever the interface language; hamza forms, ta marbuta,
  // alef maqsura, diacritics and the article «ال» do not stop a match.
  function fold(text) {
    return (text || "").toLowerCase()
      .replace(/[\u064B-\u065F\u0670\u0640]/g, "")
      .replace(/[أإآٱ]/g, "ا").replace(/ى/g, "ي").replace(/ة/g, "ه")
      .replace(/ؤ/g, "و").replace(/ئ/g, "ي");
  }
  function bare(word) { return word.replace(/^(?:وال|بال|فال|لل|ال)(?=..)/, ""); }
  function matches(option, query) {
    var names = [option.textContent, option.dataset.ar, option.dataset.en, option.value].map(fold);
    var q = bare(query);
    return names.some(function (name) {
      return name.indexOf(query) !== -1 || name.split(/[\s\-–·,()]+/).some(function (w) {
        return bare(w).indexOf(q) === 0;
      });
    });
  }
  function typeahead(root) {
    root.querySelectorAll("select[data-typeahead]").forEach(function (select) {
      if (select.dataset.enhanced) return;
      select.dataset.enhanced = "1";
      var box = document.createElement("input");
      box.type = "search";
      box.className = "typeahead";
      box.setAttribute("dir", "auto");
      box.setAttribute("autocomplete", "off");
      box.placeholder = select.dataset.typeahead;
      box.setAttribute("aria-label", select.dataset.typeahead);
      box.setAttribute("aria-controls", select.id);
      select.parentNode.insertBefore(box, select);
      box.addEventListener("input", function () {
        var query = fold(box.value.trim());
        var first = null, shown = 0;
        Array.prototype.forEach.call(select.options, function (o) {
          var ok = !query || (o.value && matches(o, query));
          o.hidden = !ok;
          if (ok && o.value) { shown += 1; if (!first) first = o; }
        });
        select.size = query ? Math.max(2, Math.min(8, shown)) : 0;
        if (query) select.value = first ? first.value : "";
      });
    });
  }
  typeahead(document);

  // The article list arrives without facet counts; fetch the counted filter
  // panel for the same URL and put it in place, unless the analyst has
  // already started changing the filters (their input is never replaced).
  document.querySelectorAll("[data-facets-url]").forEach(function (panel) {
    var touched = false;
    panel.addEventListener("input", function () { touched = true; });
    panel.addEventListener("change", function () { touched = true; });
    fetch(panel.getAttribute("data-facets-url"), { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        if (touched || panel.contains(document.activeElement)) {
          return;
        }
        var box = document.createElement("div");
        box.innerHTML = html;
        var fresh = box.querySelector("#filter-panel");
        if (fresh) { panel.replaceWith(fresh); typeahead(fresh); }
      })
      .catch(function () { /* the form works without counts */ });
  });

  // Correction form: show only the inputs the chosen change needs.
  document.querySelectorAll("form.correction-form").forEach(function (form) {
    var action = form.querySelector("[name=action]");
    var needs = {
      add_actor: ["actor", "role"], remove_actor: ["actor", "role"],
      add_topic: ["topic"], remove_topic: ["topic"], set_thread: ["thread"]
    };
    function sync() {
      var wanted = needs[action.value] || [];
      ["actor", "role", "topic", "thread"].forEach(function (name) {
        var box = form.querySelector('[data-field="' + name + '"]');
        if (box) box.hidden = wanted.indexOf(name) === -1;
      });
    }
    action.addEventListener("change", sync);
    sync();
  });

  // Adding a missed move: a sentence selected in the article text chooses the sentence.
  var text = document.querySelector(".article-text");
  var sentence = document.querySelector("form.event-add select[name=sentence]");
  if (text && sentence) {
    text.addEventListener("mouseup", function () {
      var sel = window.getSelection();
      if (!sel || sel.isCollapsed || !sel.rangeCount || !text.contains(sel.anchorNode)) return;
      var range = sel.getRangeAt(0);
      var before = document.createRange();
      before.setStart(text, 0);
      before.setEnd(range.startContainer, range.startOffset);
      var at = before.toString().length;
      var chosen = Array.prototype.find.call(sentence.options, function (o) {
        var p = o.value.split(":");
        return p.length === 2 && +p[0] <= at && at < +p[1];
      });
      if (!chosen) return;
      sentence.value = chosen.value;
      var box = sentence.closest("details");
      if (box) box.open = true;
    });
  }

  // Charts (Chart.js, vendored under static/vendor).
  if (typeof window.Chart === "undefined") return;
  var finer = { year: "month", month: "week", week: "day", day: "day" };
  var formats = {
    year: { year: "numeric" },
    month: { year: "numeric", month: "short" },
    week: { month: "short", day: "numeric" },
    day: { month: "short", day: "numeric" }
  };

  function parse(iso) { var p = iso.split("-"); return new Date(Date.UTC(+p[0], +p[1] - 1, +p[2])); }
  function iso(d) { return d.toISOString().slice(0, 10); }
  function bucketOf(labels, dateIso) {
    var index = -1;
    for (var i = 0; i < labels.length; i++) { if (labels[i] <= dateIso) index = i; }
    return index;
  }

  // Milestones are drawn at their bucket as a solid line with their label, not a faint mark.
  var milestonePlugin = {
    id: "milestones",
    afterDatasetsDraw: function (chart, args, opts) {
      var marks = opts && opts.marks;
      if (!marks || !marks.length) return;
      var ctx = chart.ctx, x = chart.scales.x, area = chart.chartArea;
      ctx.save();
      ctx.font = "600 11px 'IBM Plex Sans Arabic', sans-serif";
      ctx.textBaseline = "top";
      marks.forEach(function (m, i) {
        if (m.index < 0) return;
        var px = x.getPixelForValue(m.index);
        ctx.strokeStyle = "#b7791f";
        ctx.lineWidth = 2;
        ctx.beginPath(); ctx.moveTo(px, area.top); ctx.lineTo(px, area.bottom); ctx.stroke();
        var text = "⚑ " + m.label;
        var w = Math.min(ctx.measureText(text).width + 8, 180);
        var left = rtl ? px - w : px;
        if (left + w > area.right) left = px - w;
        if (left < area.left) left = px;
        var top = area.top + 2 + (i % 3) * 16;
        ctx.fillStyle = "rgba(255, 247, 230, .95)";
        ctx.fillRect(left, top, w, 15);
        ctx.fillStyle = "#6b4700";
        ctx.textAlign = "left";
        ctx.fillText(text, left + 4, top + 1, w - 8);
      });
      ctx.restore();
    }
  };

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var script = document.getElementById(canvas.dataset.chart);
    if (!script) return;
    var data = JSON.parse(script.textContent);
    var fmt = new Intl.DateTimeFormat(lang, Object.assign({ timeZone: "UTC" }, formats[data.zoom] || formats.day));
    var labels = data.labels.map(function (l) { return fmt.format(parse(l)); });
    var marks = (data.milestones || []).map(function (m) {
      return { index: bucketOf(data.labels, m.date), label: m.label, date: m.date };
    });
    var chart = new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: labels,
        datasets: [{
          label: canvas.dataset.seriesLabel || "",
          data: data.counts,
          backgroundColor: "rgba(11, 92, 173, .75)",
          hoverBackgroundColor: "#0b5cad",
          borderRadius: 3,
          maxBarThickness: 28
        }]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: lang,
        layout: { padding: { top: 12 } },
        scales: {
          x: { reverse: rtl, grid: { display: false }, ticks: { autoSkip: true, maxRotation: 0, font: { family: "IBM Plex Sans Arabic" } } },
          y: { beginAtZero: true, position: rtl ? "right" : "left", ticks: { precision: 0 }, grid: { color: "#eef0f3" } }
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            rtl: rtl,
            callbacks: {
              afterBody: function (items) {
                var i = items[0].dataIndex;
                return marks.filter(function (m) { return m.index === i; }).map(function (m) { return "⚑ " + m.label; });
              }
            }
          },
          milestones: { marks: marks }
        },
        onHover: function (evt, els) {
          canvas.style.cursor = canvas.dataset.zoomable && els.length ? "zoom-in" : "default";
        },
        onClick: function (evt, els) {
          if (!canvas.dataset.zoomable || !els.length) return;
          var i = els[0].index;
          var start = data.labels[i];
          var end = i + 1 < data.labels.length
            ? iso(new Date(parse(data.labels[i + 1]).getTime() - 86400000))
            : (data.end || start);
          var url = new URL(window.location.href);
          url.searchParams.set("zoom", finer[data.zoom] || "day");
          url.searchParams.set("date_from", start);
          url.searchParams.set("date_to", end);
          url.searchParams.delete("after");  // a new window starts at its newest cards
          window.location.assign(url.toString());
        }
      },
      plugins: [milestonePlugin]
    });
    void chart;
  });
})();
