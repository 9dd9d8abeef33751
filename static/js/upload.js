// Polls the batch status endpoint and drives each batch's progress bar
// until the worker reports the batch done, then links to its report.
(function () {
  const root = document.getElementById("batches");
  if (!root) return;
  const url = root.dataset.statusUrl;
  async function poll() {
    let data;
    try {
      data = await (await fetch(url, { credentials: "same-origin" })).json();
    } catch (e) {
      setTimeout(poll, 2000);
      return;
    }
    let pending = false;
    for (const b of data.batches) {
      const el = root.querySelector(`[data-batch="${b.id}"]`);
      if (!el) continue;
      el.querySelector("progress").value = b.percent;
      const l = root.dataset;
      el.querySelector(".counts").textContent =
        `${l.labelRead} ${b.read} · ${l.labelCreated} ${b.created} · ` +
        `${l.labelDuplicates} ${b.duplicates} · ${l.labelRejected} ${b.rejected}`;
      if (b.done) el.querySelector(".report").hidden = false;
      else pending = true;
    }
    if (pending) setTimeout(poll, 1000);
  }
  poll();
})();
