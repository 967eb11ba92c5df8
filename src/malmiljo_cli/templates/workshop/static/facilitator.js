// The facilitator's page: polls the session once a second; the secret comes from the URL fragment.
"use strict";
(function () {
  const setup = JSON.parse(document.getElementById("setup").textContent);
  const t = setup.t;
  const fragment = new URLSearchParams(location.hash.slice(1)).get("k");
  if (fragment) {
    sessionStorage.setItem("mm_facilitator", fragment);
    history.replaceState(null, "", location.pathname + location.search);  // the secret leaves the address bar
  }
  const secret = sessionStorage.getItem("mm_facilitator");
  const panel = document.getElementById("panel");
  const status = document.getElementById("status");
  if (!secret) {
    document.getElementById("need-secret").hidden = false;
    return;
  }
  const headers = { "X-Facilitator": secret, "Content-Type": "application/json" };
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => String(values[k]));
  let closing = false;
  let timer = null;

  function bars(list) {
    const ol = document.getElementById("bars");
    const key = setup.dots ? "dots" : "points";
    const units = setup.dots ? [t.dot_unit, t.dots_unit] : [t.point_unit, t.points_unit];
    const top = Math.max(1, ...list.map((b) => b[key]));
    ol.replaceChildren(...list.map((b) => {
      const li = document.createElement("li");
      const label = document.createElement("span");
      label.className = "label";
      label.textContent = b.title;
      const track = document.createElement("span");
      track.className = "track";
      const bar = document.createElement("span");
      bar.className = "bar";
      bar.style.width = `${(75 * b[key]) / top}%`;
      bar.style.setProperty("--area", b.colour);
      const count = document.createElement("span");
      count.className = "count";
      count.textContent = `${b[key]} ${units[b[key] === 1 ? 0 : 1]}`;
      track.append(bar, count);
      li.append(label, track);
      return li;
    }));
  }

  function rows(list) {  // an assessment: staff's median beside the assessed level
    document.getElementById("bars").replaceChildren(...list.map((r) => {
      const li = document.createElement("li");
      const label = document.createElement("strong");
      label.className = "label";
      label.textContent = r.title;
      const text = document.createElement("span");
      text.textContent = r.text;
      li.append(label, text);
      return li;
    }));
  }

  async function refresh() {
    try {
      const answer = await fetch("/api/facilitator", { headers });
      const data = await answer.json();
      if (!data.ok) {
        status.textContent = data.message;
        return;
      }
      panel.hidden = false;
      const done = data.expected
        ? fill(t.participation_tokens, data)
        : fill(t.participation, data);
      document.getElementById("participation").textContent = done;
      document.getElementById("ballots").textContent =
        data.ballots ? fill(t.ballots_count, data) : "";
      const url = document.getElementById("join-url");
      if (url) url.textContent = data.join_url;
      const code = document.getElementById("code");
      if (code) code.textContent = data.code;
      document.getElementById("hidden-note").hidden = Boolean(data.bars);
      document.getElementById("bars").hidden = !data.bars;
      if (data.bars) (data.bars.length && "text" in data.bars[0] ? rows : bars)(data.bars);
      const hide = document.getElementById("hide");
      hide.setAttribute("aria-pressed", String(data.hidden));
      hide.textContent = data.hidden ? t.show : t.hide;
      if (data.closed) {
        hide.disabled = true;
        document.getElementById("close").disabled = true;
      }
      document.body.dataset.voted = String(data.voted);
    } catch (error) {
      status.textContent = t.network_error;
    }
  }

  async function post(path, body) {
    const answer = await fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
    return answer.json();
  }

  document.getElementById("hide").addEventListener("click", async (event) => {
    const hidden = event.currentTarget.getAttribute("aria-pressed") !== "true";
    const data = await post("/api/facilitator/hide", { hidden });
    if (!data.ok) status.textContent = data.message;
    refresh();
  });

  document.getElementById("close").addEventListener("click", async (event) => {
    const button = event.currentTarget;
    if (!closing) {
      closing = true;
      button.textContent = t.close_confirm;
      return;
    }
    button.disabled = true;
    const data = await post("/api/facilitator/close", {});
    status.textContent = data.message;
    document.body.dataset.closed = data.ok ? "yes" : "no";
    if (data.ok) {
      clearInterval(timer);
      document.getElementById("hide").disabled = true;
    } else {
      button.disabled = false;
      closing = false;
      button.textContent = t.close;
    }
  });

  // The projector view: large type, the join code and the tally side by side (?view=projector).
  const projector = document.getElementById("projector");
  function project(on) {
    document.body.classList.toggle("projector", on);
    projector.setAttribute("aria-pressed", String(on));
    projector.textContent = on ? t.leave_projector : t.projector;
  }
  projector.addEventListener("click", () => {
    const on = !document.body.classList.contains("projector");
    project(on);
    history.replaceState(null, "", on ? "?view=projector" : location.pathname);
  });
  project(new URLSearchParams(location.search).get("view") === "projector");

  const qr = document.getElementById("qr");
  if (qr) {
    fetch("/api/facilitator/qr", { headers })
      .then((r) => (r.ok ? r.text() : ""))
      .then((svg) => {
        const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
        const node = doc.documentElement;
        if (node && node.nodeName === "svg") {
          node.setAttribute("role", "img");
          node.setAttribute("aria-label", document.getElementById("join-h").textContent);
          qr.replaceChildren(document.importNode(node, true));
        }
      });
  }
  refresh();
  timer = setInterval(refresh, 1000);
})();
