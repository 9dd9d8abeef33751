// Polls a re-tag job's status and moves its progress bar until every chunk is done.
(function () {
  const root = document.getElementById("retag");
  if (!root) return;
  const counts = root.querySelector(".counts");
  async function poll() {
    let s;
    try {
      s = await (await fetch(root.dataset.statusUrl, { credentials: "same-origin" })).json();
    } catch (e) {
      setTimeout(poll, 2000);
      return;
    }
    root.querySelector("progress").value = s.percent;
    counts.textContent = `${s.articles_done} ${counts.dataset.labelArticles}` + (s.done ? ` · ${counts.dataset.labelDone}` : "");
    if (!s.done) setTimeout(poll, 1000);
  }
  poll();
})();
