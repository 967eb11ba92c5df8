// The self-assessment page: one level for today and one for the target per capability, or none.
// A tapped level can be changed by tapping another, and cleared with its Clear button.
"use strict";
(function () {
  const form = document.getElementById("vote");
  if (!form) return;
  const t = JSON.parse(document.getElementById("setup").textContent).t;
  const status = document.getElementById("status");
  const say = (text, refused) => {
    status.textContent = text;
    status.classList.toggle("refused", Boolean(refused));
  };

  // Under the pills, both answers in the scale's own words; Clear takes both back.
  function word(input) {
    if (!input) return t.not_answered;
    const name = input.dataset.label === input.value ? input.value : `${input.value} ${input.dataset.label}`;
    // The capability's indicator for the level: what one would observe there.
    return input.dataset.indicator ? `${name} (${input.dataset.indicator})` : name;
  }
  function show(card) {
    const today = card.querySelector('[data-name="current"] input:checked');
    const aim = card.querySelector('[data-name="target"] input:checked');
    card.querySelector(".chosen").textContent = `${t.today}: ${word(today)} · ${t.aim}: ${word(aim)}`;
    card.querySelector(".clear").disabled = !today && !aim;
  }
  const cards = Array.from(form.querySelectorAll(".card"));
  for (const card of cards) {
    card.addEventListener("change", () => { say("", false); show(card); });
    card.querySelector(".clear").addEventListener("click", () => {
      for (const input of card.querySelectorAll("input:checked")) input.checked = false;
      say("", false);
      show(card);
    });
    show(card);
  }

  function ratings() {
    const found = {};
    for (const input of form.querySelectorAll("input[type=radio]:checked")) {
      const [id, name] = input.name.split("--");
      (found[id] = found[id] || {})[name] = Number(input.value);
    }
    return found;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const send = document.getElementById("send");
    send.disabled = true;
    form.dataset.state = "sending";
    say(t.sending, false);
    try {
      const answer = await fetch("/api/vote", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ratings: ratings() }),
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
    if (data.ok && data.vote && data.vote.ratings) {
      for (const [id, rating] of Object.entries(data.vote.ratings)) {
        for (const [name, level] of Object.entries(rating)) {
          const input = form.querySelector(`input[name="${CSS.escape(id)}--${name}"][value="${level}"]`);
          if (input) input.checked = true;
        }
      }
      cards.forEach(show);
      say(t.already_voted, false);
    }
    form.dataset.ready = "yes";
  }).catch(() => { form.dataset.ready = "yes"; });
})();
