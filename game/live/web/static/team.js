/* The team page: one more team client of the live protocol (docs/live-protocol.schema.json).

   It says hello with the join code and the team's name, keeps the seat key the host gives it
   in sessionStorage (so a reload or a dropped connection rejoins as the same team), shows the
   host's 'state' (the round) and asks the host for its 'desk' (figures, events in full, every
   decision with its bounds and projection, the hand-in so far, last month's summary) with a
   'preview' whenever the round or the draft changes. Everything the host sends is put on the
   page as text (textContent), never as markup. */
(function () {
  "use strict";

  var KEY = "partnership-team";
  var ws = null;
  var joined = false;        // welcomed at least once on this page
  var refused = false;       // the host would not admit us: do not reconnect
  var retryMs = 500;
  var seq = 0;
  var state = null;          // the latest 'state'
  var stateAt = 0;           // when it came (for the timer)
  var desk = null;           // the latest 'desk'
  var deskAsked = "";        // the id of the preview we wait on
  var deskKey = "";          // what the last desk was asked for (round + record)
  var pendingSubmit = null;  // a hand-in not yet answered (sent again after a reconnect)
  var handInWords = "";
  var actionsBuilt = "";     // the round the decision forms were built for
  var eventsBuilt = "";
  var lastStatus = "";
  var deskTimer = 0;

  var saved = load();
  var draft = saved.draft || { month: 0, choices: [], decisions: [] };

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "className") { node.className = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
      });
    }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function load() {
    try { return JSON.parse(sessionStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; }
  }

  function save() {
    saved.draft = draft;
    try { sessionStorage.setItem(KEY, JSON.stringify(saved)); } catch (e) { /* private mode */ }
  }

  // the seat key of each team this tab has joined as, by join code and team name
  function seatKey() { return saved.code + "|" + String(saved.team || "").toLowerCase(); }
  function seat() { return (saved.seats || {})[seatKey()] || null; }
  function keepSeat(key) {
    saved.seats = saved.seats || {};
    saved.seats[seatKey()] = key;
    save();
  }

  function newId(prefix) {
    seq += 1;
    return prefix + "-" + Date.now().toString(36) + "-" + seq;
  }

  function send(message) {
    if (ws && ws.readyState === WebSocket.OPEN) { ws.send(JSON.stringify(message)); return true; }
    return false;
  }

  // -- joining and staying joined -------------------------------------------------------------
  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    ws = new WebSocket(scheme + location.host + "/");
    ws.onopen = function () {
      send({ type: "hello", v: 1, id: newId("hello"), role: "team", code: saved.code,
             team: saved.team, seat: seat() });
    };
    ws.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message && typeof message.type === "string") { take(message); }
    };
    ws.onclose = function (event) {
      ws = null;
      if (refused) { return; }
      if (event.code === 4000) {  // this team's seat was taken up by another connection
        refused = true;
        $("connection").textContent = "This team rejoined from another window or device: " +
          "this page has stopped. Reload it to take the seat back here.";
        return;
      }
      if (!joined) {
        $("join-button").disabled = false;
        if (!$("join-message").textContent) {
          $("join-message").textContent = "Cannot reach the host. Check the address, and that " +
            "this device is on the same network as the facilitator's laptop.";
        }
        return;
      }
      $("connection").textContent = "The connection to the host dropped: reconnecting...";
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  }

  function take(message) {
    if (message.type === "welcome") { welcomed(message); }
    else if (message.type === "error") { failed(message); }
    else if (message.type === "state") { showState(message); }
    else if (message.type === "desk") { showDesk(message); }
    else if (message.type === "reply") { answered(message); }
  }

  function welcomed(message) {
    saved.team = message.team || saved.team;
    if (message.seat) { keepSeat(message.seat); }
    save();
    retryMs = 500;
    $("connection").textContent = "";
    var first = !joined;
    joined = true;
    $("join").hidden = true;
    $("play").hidden = false;
    $("where").textContent = message.team + " · " + message.title;
    document.title = message.team + ": Partnership";
    if (first) { $("round-heading").focus(); }
    if (pendingSubmit) { send(pendingSubmit); }  // the same id: the host counts it once
    if (deskAsked) { askDesk(null); }  // the question may have been lost with the connection
  }

  function failed(message) {
    if (!message.fatal) { return; }
    var text = String(message.message || "The host would not let this team in.");
    if (!joined) {
      refused = true;
      $("join-message").textContent = "The host would not let this team in: " + text;
      $("join-button").disabled = false;
      $("code").focus();
      return;
    }
    refused = /already joined|no team called|join code/i.test(text);
    $("connection").textContent = refused ? "The host would not let this page back in: " +
      text : "The host closed the connection (" + text + "): reconnecting...";
  }

  function joinSubmitted(event) {
    event.preventDefault();
    var code = $("code").value.trim().toUpperCase();
    var team = $("team").value.trim();
    var missing = [];
    if (!code) { missing.push("the join code"); }
    if (!team) { missing.push("your team's name"); }
    if (missing.length) {
      $("join-message").textContent = "Fill in " + missing.join(" and ") + ".";
      (code ? $("team") : $("code")).focus();
      return;
    }
    if (saved.code !== code || saved.team !== team) {
      saved.code = code;
      saved.team = team;
      draft = { month: 0, choices: [], decisions: [] };
    }
    save();
    refused = false;
    $("join-message").textContent = "";
    $("join-button").disabled = true;
    connect();
  }

  // -- the round ---------------------------------------------------------------------------
  function showState(message) {
    state = message;
    stateAt = Date.now();
    if (draft.month !== state.month) {
      draft = { month: state.month, choices: [], decisions: [] };
      handInWords = "";
      if (state.hand_in) {  // after a reload: what the host holds from this team
        draft.choices = state.hand_in.choices || [];
        draft.decisions = state.hand_in.decisions || [];
      }
      save();
    }
    showStatus();
    showLeague();
    var key = [state.month, state.phase, JSON.stringify(state.record)].join("|");
    if (key !== deskKey) { deskKey = key; askDesk(null); }
  }

  function clock(seconds) {
    var s = Math.max(0, Math.round(seconds));
    return Math.floor(s / 60) + ":" + (s % 60 < 10 ? "0" : "") + (s % 60);
  }

  function secondsLeft() {
    if (!state) { return 0; }
    var left = state.seconds_left;
    if (state.phase === "open" && !state.paused) { left -= (Date.now() - stateAt) / 1000; }
    return Math.max(0, left);
  }

  function statusWords() {
    var s = state;
    if (s.ended === "dropped") { return "The facilitator has taken this team out of the session."; }
    if (s.phase === "finished" || s.ended) { return "The session is over for this practice."; }
    var round = "Month " + s.month + " of " + s.months + ". ";
    if (s.paused) { return round + "Paused by the facilitator."; }
    if (s.phase === "waiting") { return round + "Waiting for the facilitator to open the round."; }
    if (s.phase === "locked") {
      return round + (s.submitted ? "Round locked: your hand-in is in. Waiting for the month to be played."
        : "Round locked before you handed in: your settings carry on unchanged.");
    }
    if (s.submitted && !changedSinceHandIn()) { return round + "Handed in. You can still change it until the round locks."; }
    if (s.submitted) { return round + "Changed since your hand-in: hand in again."; }
    return round + "Round open: hand in before the time is up.";
  }

  function showStatus() {
    if (!state) { return; }
    var words = statusWords();
    if (words !== lastStatus) { lastStatus = words; $("status").textContent = words; }
    var open = state.phase === "open" && !state.ended;
    $("hand-in-button").disabled = !open || state.paused;
    $("hand-in-state").textContent = handInWords;
    tick();
  }

  var warned = 0;  // the round whose last minute was announced

  function tick() {
    if (!state) { return; }
    var open = state.phase === "open" && !state.ended;
    var left = secondsLeft();
    $("timer").textContent = open ? clock(left) + (state.paused ? " (paused)" : "") :
      "not running";
    // the timer itself is not announced every second; its last minute is, once a round
    if (open && !state.paused && left > 0 && left <= 60 && warned !== state.month) {
      warned = state.month;
      $("timer-note").textContent = state.submitted ? "One minute left in the round." :
        "One minute left to hand in.";
    }
  }

  function changedSinceHandIn() {
    var held = state && state.hand_in;
    if (!held) { return false; }
    return canon(held.choices || []) !== canon(draft.choices) ||
      canon(held.decisions || []) !== canon(draft.decisions);
  }

  function canon(value) {  // JSON with keys in order, so the same moves compare equal
    if (Array.isArray(value)) { return "[" + value.map(canon).join(",") + "]"; }
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).sort().map(function (k) {
        return JSON.stringify(k) + ":" + canon(value[k]);
      }).join(",") + "}";
    }
    return JSON.stringify(value);
  }

  function showLeague() {
    var rows = state.league;
    $("league-section").hidden = !rows || !rows.length;
    if (!rows) { return; }
    var body = $("league").tBodies[0];
    clear(body);
    rows.forEach(function (r) {
      var tr = el("tr");
      tr.appendChild(el("td", null, r.name));
      tr.appendChild(el("td", null, r.overall === null || r.overall === undefined ? "-" : r.overall));
      body.appendChild(tr);
    });
  }

  // -- the desk ----------------------------------------------------------------------------
  function askDesk(action) {
    if (!state) { return; }
    var id = newId("preview");
    deskAsked = id;
    var message = { type: "preview", v: 1, id: id, month: state.month,
                    choices: draft.choices, decisions: draft.decisions };
    if (action) { message.action = action; }
    clearTimeout(deskTimer);
    if (!send(message)) { return; }
    deskTimer = setTimeout(function () {  // no answer: ask again (the host may have been busy)
      if (deskAsked === id) { askDesk(action); }
    }, 15000);
  }

  function showDesk(message) {
    if (message.re !== deskAsked) { return; }  // an answer to an older question
    clearTimeout(deskTimer);
    deskAsked = "";
    desk = message;
    if (!message.ready) {
      $("settings").textContent = message.problem || "";
      return;
    }
    if (message.draft && state && message.month === state.month) {
      draft.choices = message.draft.choices || [];
      draft.decisions = message.draft.decisions || [];
      save();
    }
    var over = state.phase === "finished" || state.ended;
    $("where").textContent = state.team + " · " + message.practice + " · " + (over ?
      "session over" : message.calendar + " · month " + message.month + " of " + message.months);
    showFigures(message);
    showSummary(message.summary);
    showEvents(message);
    showActions(message);
    showPreview(message.preview);
    showMoves(message);
    $("method").textContent = message.method || "";
    showStatus();
  }

  var figuresShown = "";

  function showFigures(d) {
    $("settings").textContent = "Now: " + d.settings;
    var key = JSON.stringify([d.figures, d.staff]);
    if (key === figuresShown) { return; }  // unchanged: leave them (and any focus in them)
    figuresShown = key;
    var list = $("figures");
    clear(list);
    d.figures.forEach(function (f) {
      var item = el("li", { className: "figure band-" + f.band });
      var h = el("h3");
      h.appendChild(el("span", null, f.label));
      if (f.band_words) { h.appendChild(el("span", { className: "band" }, f.band_words)); }
      item.appendChild(h);
      item.appendChild(el("p", { className: "value" }, f.shown));
      item.appendChild(el("p", { className: "detail" }, f.detail));
      var line = sparkline(f.trend, f.min_span || 0);
      if (line) { item.appendChild(line); }
      item.appendChild(el("p", { className: "trend-words" }, f.trend_words));
      var rule = el("details");
      rule.appendChild(el("summary", null, "When is it OK?"));
      rule.appendChild(el("p", { className: "rule" }, f.rule));
      item.appendChild(rule);
      list.appendChild(item);
    });
    var staff = $("staff");
    clear(staff);
    d.staff.forEach(function (line) { staff.appendChild(el("li", null, line)); });
  }

  // a line through the months so far, its scale at least minSpan high (as the window's tiles
  // draw it), so a change too small to matter stays a small step and not a cliff
  function sparkline(values, minSpan) {
    var points = [];
    values.forEach(function (v, i) { if (typeof v === "number") { points.push([i, v]); } });
    if (points.length < 2) { return null; }
    var ns = "http://www.w3.org/2000/svg";
    var low = Math.min.apply(null, points.map(function (p) { return p[1]; }));
    var high = Math.max.apply(null, points.map(function (p) { return p[1]; }));
    if (high - low < minSpan) {
      var middle = (low + high) / 2;
      low = middle - minSpan / 2;
      high = middle + minSpan / 2;
    }
    var span = high - low || 1;
    var last = values.length - 1 || 1;
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 100 30");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", points.map(function (p) {
      return (p[0] / last * 100).toFixed(1) + "," + (28 - (p[1] - low) / span * 26).toFixed(1);
    }).join(" "));
    line.setAttribute("vector-effect", "non-scaling-stroke");
    svg.appendChild(line);
    return svg;
  }

  var summaryShown = "";

  function showSummary(summary) {
    var key = JSON.stringify(summary);
    if (key === summaryShown) { return; }
    summaryShown = key;
    var body = $("summary-body");
    clear(body);
    if (!summary) { body.appendChild(el("p", null, "No month has been played yet.")); return; }
    body.appendChild(el("p", null, "Month " + summary.month + " (" + summary.calendar + "):"));
    summary.sections.forEach(function (s) {
      body.appendChild(el("h3", null, s.title));
      var list = el("ul", { className: "plain" });
      s.lines.forEach(function (line) { list.appendChild(el("li", null, line)); });
      body.appendChild(list);
    });
  }

  function answerOf(eventId) {
    for (var i = 0; i < draft.choices.length; i++) {
      if (draft.choices[i].event === eventId) { return draft.choices[i]; }
    }
    return null;
  }

  function showEvents(d) {
    var key = d.month + "|" + d.events.map(function (e) { return e.id; }).join(",");
    var body = $("events-body");
    if (key === eventsBuilt) { syncEventAnswers(d); return; }
    eventsBuilt = key;
    clear(body);
    if (!d.events.length) { body.appendChild(el("p", null, "None to answer this month.")); return; }
    d.events.forEach(function (event, n) {
      var card = el("article", { className: "card", "aria-labelledby": "event-" + n });
      card.appendChild(el("h3", { id: "event-" + n }, event.title));
      card.appendChild(el("p", null, event.text));
      if (event.if_no_decision) {
        card.appendChild(el("p", { className: "inaction" }, "If nobody decides: " + event.if_no_decision));
      }
      var set = el("fieldset");
      set.appendChild(el("legend", null, "Your answer: " + event.title));
      event.choices.forEach(function (choice, k) {
        var id = "event-" + n + "-choice-" + k;
        var row = el("div", { className: "choice" });
        var radio = el("input", { type: "radio", name: "event-" + n, id: id, value: choice.id,
                                  "aria-describedby": id + "-effects" });
        radio.addEventListener("change", function () { choose(event.id, choice.id, n); });
        row.appendChild(radio);
        row.appendChild(el("label", { "for": id }, choice.title));
        var effects = el("div", { id: id + "-effects", className: "effects" });
        if (choice.detail) { effects.appendChild(el("p", { className: "detail" }, choice.detail)); }
        var list = el("ul");
        choice.effects.forEach(function (line) { list.appendChild(el("li", null, line)); });
        effects.appendChild(list);
        row.appendChild(effects);
        set.appendChild(row);
      });
      card.appendChild(set);
      var reasonId = "event-" + n + "-reason";
      var field = el("div", { className: "field" });
      field.appendChild(el("label", { "for": reasonId }, "Why (optional, goes in your log)"));
      var reason = el("input", { type: "text", id: reasonId, maxlength: "1000", autocomplete: "off" });
      reason.addEventListener("change", function () {
        var answer = answerOf(event.id);
        if (answer) { answer.reason = reason.value.trim(); save(); askDesk(null); }
      });
      field.appendChild(reason);
      card.appendChild(field);
      body.appendChild(card);
    });
    syncEventAnswers(d);
  }

  function syncEventAnswers(d) {
    d.events.forEach(function (event, n) {
      var answer = answerOf(event.id);
      event.choices.forEach(function (choice, k) {
        var radio = $("event-" + n + "-choice-" + k);
        if (radio) { radio.checked = !!answer && answer.choice === choice.id; }
      });
      var reason = $("event-" + n + "-reason");
      if (reason && answer && document.activeElement !== reason) { reason.value = answer.reason || ""; }
    });
  }

  function choose(eventId, choiceId, n) {
    var reason = $("event-" + n + "-reason");
    var entry = { event: eventId, choice: choiceId, reason: reason ? reason.value.trim() : "" };
    draft.choices = draft.choices.filter(function (c) { return c.event !== eventId; });
    draft.choices.push(entry);
    save();
    askDesk(null);
  }

  function showActions(d) {
    var note = $("decisions-note");
    var body = $("decisions-body");
    var pending = (d.draft && d.draft.pending) || [];
    note.textContent = !d.actions.length ? "Decisions are taken while a round is open." :
      pending.length ? "Answer this month's events first: then the decisions open." : "";
    var key = d.month + "|" + (d.actions.length ? "open" : "shut");
    if (key === actionsBuilt) { setActionsEnabled(!pending.length); return; }
    actionsBuilt = key;
    clear(body);
    d.actions.forEach(function (group) {
      var section = el("div", { className: "group" });
      section.appendChild(el("h3", null, group.title));
      group.actions.forEach(function (action) { section.appendChild(actionForm(action)); });
      body.appendChild(section);
    });
    setActionsEnabled(!pending.length);
  }

  function fieldId(action, name) { return "act-" + action.id.replace(".", "-") + "-" + name; }

  function actionForm(action) {
    var box = el("details", { className: "action" });
    box.appendChild(el("summary", null, action.title));
    var form = el("form", { className: "body", novalidate: "" });
    action.params.forEach(function (p) {
      var id = fieldId(action, p.name);
      var field = el("div", { className: "field" });
      field.appendChild(el("label", { "for": id }, p.label));
      var input;
      if (p.kind === "choice") {
        input = el("select", { id: id, name: p.name });
        p.options.forEach(function (label, k) {
          var option = el("option", { value: String(k) }, label);
          if (k === p.initial) { option.selected = true; }
          input.appendChild(option);
        });
      } else {
        input = el("input", { id: id, name: p.name, type: "number", min: String(p.low),
                              max: String(p.high), step: String(p.integer ? Math.max(1, p.step) : "any"),
                              inputmode: p.integer ? "numeric" : "decimal",
                              "aria-describedby": id + "-range" });
        input.value = p.initial === null ? "" : String(p.initial);
      }
      field.appendChild(input);
      if (p.kind === "number") { field.appendChild(el("p", { id: id + "-range", className: "hint" }, "Allowed: " + p.range)); }
      form.appendChild(field);
    });
    var reasonId = fieldId(action, "reason");
    var reason = el("div", { className: "field" });
    reason.appendChild(el("label", { "for": reasonId }, "Why (optional, goes in your log)"));
    reason.appendChild(el("input", { id: reasonId, type: "text", maxlength: "1000", autocomplete: "off" }));
    form.appendChild(reason);
    var row = el("div", { className: "actions-row" });
    var look = el("button", { type: "submit" }, "Show the projected effect");
    var add = el("button", { type: "button", className: "primary", id: fieldId(action, "add") }, "Add to hand-in");
    add.disabled = true;
    row.appendChild(look);
    row.appendChild(add);
    form.appendChild(row);
    form.appendChild(el("div", { className: "outcome", id: fieldId(action, "outcome"),
                                 role: "status", "aria-live": "polite" }));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var ask = values(action);
      if (ask) { outcome(action, "Working out the projection..."); askDesk(ask); }
    });
    add.addEventListener("click", function () {
      var shown = desk && desk.preview;
      if (!shown || shown.action !== action.id || !shown.entry) { return; }
      draft.decisions.push(shown.entry);
      save();
      add.disabled = true;
      outcome(action, "Added to your hand-in: " + shown.message + ".");
      askDesk(null);
    });
    Array.prototype.forEach.call(form.querySelectorAll("input, select"), function (input) {
      input.addEventListener("input", function () { add.disabled = true; });
    });
    box.appendChild(form);
    return box;
  }

  function values(action) {
    var out = {};
    for (var i = 0; i < action.params.length; i++) {
      var p = action.params[i];
      var input = $(fieldId(action, p.name));
      if (p.kind === "choice") { out[p.name] = parseInt(input.value, 10); continue; }
      var v = Number(String(input.value).replace(/[£,%\s]/g, ""));
      if (input.value === "" || !isFinite(v)) {
        outcome(action, p.label + ": type a number, " + p.range + ".", true);
        input.setAttribute("aria-invalid", "true");
        input.focus();
        return null;
      }
      input.removeAttribute("aria-invalid");
      out[p.name] = v;
    }
    var reason = $(fieldId(action, "reason")).value.trim();
    return { action: action.id, values: out, reason: reason };
  }

  function outcome(action, text, refusedIt, lines) {
    var box = $(fieldId(action, "outcome"));
    if (!box) { return; }
    clear(box);
    box.appendChild(el("p", { className: refusedIt ? "refused" : "" }, text));
    if (lines && lines.length) {
      var list = el("ul");
      lines.forEach(function (line) { list.appendChild(el("li", null, line)); });
      box.appendChild(list);
    }
  }

  function showPreview(shown) {
    if (!shown || !desk) { return; }
    var action = null;
    desk.actions.forEach(function (g) { g.actions.forEach(function (a) { if (a.id === shown.action) { action = a; } }); });
    if (!action) { return; }
    outcome(action, shown.ok ? shown.message + ":" : "Not possible: " + shown.message, !shown.ok,
            shown.effects);
    var add = $(fieldId(action, "add"));
    if (add) { add.disabled = !shown.ok || !shown.entry; }
  }

  function setActionsEnabled(on) {
    Array.prototype.forEach.call($("decisions-body").querySelectorAll("button[type=submit]"),
      function (b) { b.disabled = !on; });
  }

  function showMoves(d) {
    var list = $("moves");
    var hadFocus = list.contains(document.activeElement);
    clear(list);
    var moves = (d.draft && d.draft.moves) || [];
    var decisions = draft.decisions;
    var firstDecision = moves.length - decisions.length;
    if (!moves.length) { list.appendChild(el("li", null, "Nothing yet: your settings carry on unchanged.")); }
    moves.forEach(function (line, i) {
      var item = el("li");
      item.appendChild(el("span", null, line));
      if (i >= firstDecision) {
        var k = i - firstDecision;
        var remove = el("button", { type: "button" }, "Remove");
        remove.setAttribute("aria-label", "Remove: " + line);
        remove.addEventListener("click", function () {
          draft.decisions.splice(k, 1);
          save();
          $("hand-in-heading").setAttribute("tabindex", "-1");
          $("hand-in-heading").focus();
          askDesk(null);
        });
        item.appendChild(remove);
      }
      list.appendChild(item);
    });
    if (hadFocus) { $("hand-in-heading").setAttribute("tabindex", "-1"); $("hand-in-heading").focus(); }
    $("dropped").textContent = (d.draft && d.draft.dropped && d.draft.dropped.length) ?
      "The practice would not take: " + d.draft.dropped.join("; ") : "";
  }

  // -- handing in ----------------------------------------------------------------------------
  function handIn() {
    if (!state) { return; }
    var pending = (desk && desk.draft && desk.draft.pending) || [];
    if (pending.length) {
      handInWords = "Answer this month's events before handing in.";
      showStatus();
      $("events-heading").setAttribute("tabindex", "-1");
      $("events-heading").focus();
      return;
    }
    pendingSubmit = { type: "submit", v: 1, id: newId("submit"), month: state.month,
                      choices: draft.choices, decisions: draft.decisions };
    handInWords = "Handing in...";
    showStatus();
    send(pendingSubmit);  // if the connection is down, it goes after the reconnect
  }

  function answered(reply) {
    if (pendingSubmit && reply.re === pendingSubmit.id) {
      pendingSubmit = null;
      handInWords = reply.ok ? "Handed in for month " + state.month + "." :
        "Hand-in refused: " + reply.error;
      if (reply.ok && state) {
        state.submitted = reply.re;
        state.hand_in = { choices: draft.choices.slice(), decisions: draft.decisions.slice() };
      }
      showStatus();
    } else if (!reply.ok && reply.re === deskAsked) {
      deskAsked = "";
      $("connection").textContent = reply.error;
    }
  }

  function start() {
    $("join-form").addEventListener("submit", joinSubmitted);
    $("hand-in-button").addEventListener("click", handIn);
    if (saved.code) { $("code").value = saved.code; }
    if (saved.team) { $("team").value = saved.team; }
    if (saved.code && saved.team && seat()) { connect(); }  // a reload rejoins by itself
    setInterval(tick, 1000);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
