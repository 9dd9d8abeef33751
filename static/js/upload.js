// Polls the batch status endpoint and drives each batch's progress bar
// until every batch has ended (done or failed), then links to its report.
// Every batch ends on the server (a failure, a lost worker, a broker that
// was down), so the polling ends too; while the server cannot be reached
// it slows down instead of hammering it.
(function () {
  const root = document.getElementById("batches");
  if (!root) return;
  const url = root.dataset.statusUrl;
  let delay = 1000;
  async function poll() {
    let data;
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) throw new Error(response.status);
      data = await response.json();
      delay = 1000;
    } catch (e) {
      delay = Math.min(delay * 2, 30000);
      setTimeout(poll, delay);
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
      if (b.done) {
        el.querySelector(".report").hidden = false;
        if (b.failed) {
          el.classList.add("failed");
          el.querySelector(".counts").textContent += ` · ${l.labelFailed} ${b.message}`;
        }
      } else pending = true;
    }
    if (pending) setTimeout(poll, delay);
  }
  poll();
})();
