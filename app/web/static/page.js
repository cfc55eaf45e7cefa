// The phone page: ask for the ticket's news every few seconds and place the
// server's sentences; no reload, no library. Addresses are relative to the page.
(function () {
  "use strict";
  var main = document.getElementById("ticket");
  if (!main) { return; }
  var token = main.getAttribute("data-token");
  var lang = main.getAttribute("data-lang");
  var poll = Math.max(2, parseInt(main.getAttribute("data-poll"), 10) || 5) * 1000;
  var api = "../api/t/" + encodeURIComponent(token);
  var timer = null;
  var failures = 0;

  function el(id) { return document.getElementById(id); }

  function put(id, text) {
    var node = el(id);
    if (!node) { return; }
    node.textContent = text || "";
    node.hidden = !text;
  }

  function show(data) {
    document.body.className = "state-" + data.state;
    put("branch", data.branch);
    put("service", data.service);
    put("number", data.number);
    put("headline", data.headline);
    el("headline").className = "headline" + (data.state === "called" || data.state === "serving" ? " go" : "");
    put("ahead", data.ahead_text);
    put("wait", data.wait_text);
    put("updated", data.updated_text);
    put("freshness", data.freshness_text);
    el("subscribe").hidden = !data.can_subscribe;
    el("subscribed").hidden = !data.subscribed;
    main.setAttribute("data-live", data.live ? "1" : "0");
  }

  function schedule(ms) {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(refresh, ms);
  }

  function refresh() {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", api + "?lang=" + lang + "&_=" + Date.now());
    xhr.setRequestHeader("Accept", "application/json");
    xhr.onload = function () {
      if (xhr.status === 200) {
        failures = 0;
        el("offline").hidden = true;
        var data = JSON.parse(xhr.responseText);
        show(data);
        schedule(data.live ? poll : poll * 6);
      } else {
        failures += 1;
        schedule(xhr.status === 429 ? poll * 2 : poll);
      }
    };
    xhr.onerror = function () {
      failures += 1;
      if (failures >= 2) { el("offline").hidden = false; }
      schedule(Math.min(60000, poll * failures));
    };
    xhr.send();
  }

  var form = el("subscribe");
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", api + "/notify?lang=" + lang);
    xhr.setRequestHeader("Content-Type", "application/json");
    xhr.onload = function () {
      var data = {};
      try { data = JSON.parse(xhr.responseText); } catch (e) { data = {}; }
      if (xhr.status === 200) {
        put("subscribe-error", "");
        form.hidden = true;
        el("subscribed").hidden = false;
      } else {
        put("subscribe-error", data.message || "?");
      }
    };
    xhr.send(JSON.stringify({phone: el("phone").value, consent: el("consent").checked}));
  });

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { refresh(); }
  });
  schedule(poll);
}());
