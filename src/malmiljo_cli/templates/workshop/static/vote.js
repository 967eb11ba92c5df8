// The participant's page: place dots, rank by tapping, send; the server checks everything again.
"use strict";
(function () {
  const form = document.getElementById("vote");
  if (!form) return;
  const setup = JSON.parse(document.getElementById("setup").textContent);
  const t = setup.t;
  const cards = Array.from(form.querySelectorAll(".card"));
  const byId = new Map(cards.map((c) => [c.dataset.id, c]));
  const dots = new Map();
  let ranking = [];
  const status = document.getElementById("status");
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => String(values[k]));
  const title = (id) => byId.get(id).querySelector(".card-title").textContent;
  const used = () => Array.from(dots.values()).reduce((a, b) => a + b, 0);

  function render() {
    for (const card of cards) {
      const id = card.dataset.id;
      const n = dots.get(id) || 0;
      const count = card.querySelector(".dot-count");
      if (count) {
        count.textContent = String(n);
        card.querySelector(".dot-label").textContent = n ? `${n} ${t.dots_on} ${title(id)}` : "";
        card.querySelector(".dot-minus").disabled = n === 0;
        card.querySelector(".dot-plus").disabled =
          used() >= setup.dots || (setup.max !== null && n >= setup.max);
      }
      const rank = card.querySelector(".rank");
      if (rank) {
        const place = ranking.indexOf(id);
        rank.setAttribute("aria-pressed", String(place >= 0));
        rank.textContent = place >= 0 ? fill(t.ranked_place, { n: place + 1 }) : t.rank;
        rank.disabled = place < 0 && ranking.length >= setup.top;
      }
    }
    const left = document.getElementById("left");
    if (left) {  // the sticky counter: one pip a dot, filled while it is still to place
      const remaining = setup.dots - used();
      left.querySelector(".pips").textContent = "●".repeat(remaining) + "○".repeat(used());
      left.querySelector(".left-text").textContent = fill(t.dots_left, { left: remaining, dots: setup.dots });
    }
    const list = document.getElementById("ranking");
    if (list) {
      list.replaceChildren(...ranking.map(rankRow));
      document.getElementById("ranking-empty").hidden = ranking.length > 0;
    }
  }

  function button(text, label, action, disabled) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.disabled = disabled;
    b.addEventListener("click", action);
    return b;
  }

  function rankRow(id, place) {
    const li = document.createElement("li");
    const row = document.createElement("div");
    row.className = "row";
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = title(id);
    const move = (delta) => () => {
      const other = place + delta;
      [ranking[place], ranking[other]] = [ranking[other], ranking[place]];
      changed();
      document.querySelectorAll("#ranking li")[other].querySelector("button").focus();
    };
    row.append(
      name,
      button("↑", `${t.move_up}: ${title(id)}`, move(-1), place === 0),
      button("↓", `${t.move_down}: ${title(id)}`, move(1), place === ranking.length - 1),
      button("×", `${t.unrank}: ${title(id)}`, () => { ranking.splice(place, 1); changed(); }, false),
    );
    li.append(row);
    return li;
  }

  for (const card of cards) {
    const id = card.dataset.id;
    const plus = card.querySelector(".dot-plus");
    if (plus) {
      plus.addEventListener("click", () => { dots.set(id, (dots.get(id) || 0) + 1); changed(); });
      card.querySelector(".dot-minus").addEventListener("click", () => {
        dots.set(id, Math.max(0, (dots.get(id) || 0) - 1));
        changed();
      });
    }
    const rank = card.querySelector(".rank");
    if (rank) {
      rank.addEventListener("click", () => {
        const place = ranking.indexOf(id);
        if (place >= 0) ranking.splice(place, 1);
        else if (ranking.length < setup.top) ranking.push(id);
        changed();
      });
    }
  }

  function changed() {  // an edited vote is not sent yet: the old "counted" would mislead
    say("", false);
    render();
  }

  function say(text, refused) {
    status.textContent = text;
    status.classList.toggle("refused", Boolean(refused));
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const send = document.getElementById("send");
    send.disabled = true;
    form.dataset.state = "sending";
    say(t.sending, false);
    const body = { dots: Object.fromEntries([...dots].filter(([, n]) => n > 0)), ballot: ranking };
    if (!setup.dots) delete body.dots;
    if (!setup.top) delete body.ballot;
    try {
      const answer = await fetch("/api/vote", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const data = await answer.json();
      say(data.message, !data.ok);
      form.dataset.state = data.ok ? "counted" : "refused";
      if (data.code === "R612") setTimeout(() => location.reload(), 1500);  // closed: the result
    } catch (error) {
      say(t.network_error, true);
      form.dataset.state = "failed";
    } finally {
      send.disabled = false;
    }
  });

  fetch("/api/vote").then((r) => r.json()).then((data) => {
    if (data.ok && data.vote) {
      for (const [id, n] of Object.entries(data.vote.dots)) if (byId.has(id)) dots.set(id, n);
      ranking = data.vote.ballot.filter((id) => byId.has(id));
      say(t.already_voted, false);
    }
    render();
    form.dataset.ready = "yes";
  }).catch(() => { render(); form.dataset.ready = "yes"; });
  render();
})();
