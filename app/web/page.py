"""The phone page's HTML: the ticket as it is now, drawn by the server (the
first view needs no script), then kept current by static/page.js polling the
JSON of the same ticket. Every address is relative, so the page works behind
a gateway that serves it under any prefix."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from app.web.state import t

LANGS = ("zh", "en")


def pick_language(query_lang: str | None, accept: str | None) -> str:
    """``?lang=`` first, then the phone's Accept-Language; Chinese by default."""
    if query_lang in LANGS:
        return query_lang  # type: ignore[return-value]
    best, best_q = "zh", -1.0
    for part in (accept or "").split(","):
        name, _, params = part.strip().partition(";")
        name = name.strip().lower()
        try:
            weight = float(params.split("q=", 1)[1]) if "q=" in params else 1.0
        except ValueError:
            weight = 0.0
        lang = "zh" if name.startswith("zh") else "en" if name.startswith("en") else None
        if lang and weight > best_q:
            best, best_q = lang, weight
    return best


def _hidden(value: Any) -> str:
    return "" if value else " hidden"


def render_page(data: dict[str, Any], lang: str, token: str) -> str:
    other = "en" if lang == "zh" else "zh"
    e = escape
    called = data["state"] in ("called", "serving")
    return f"""<!doctype html>
<html lang="{'zh-CN' if lang == 'zh' else 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{e(data['number'])} · {e(t('title', lang))}</title>
<link rel="stylesheet" href="../static/page.css">
</head>
<body class="state-{e(data['state'])}">
<main id="ticket" data-token="{e(token)}" data-lang="{lang}" data-poll="{int(data['poll_s'])}"
      data-live="{'1' if data['live'] else '0'}">
  <header><span id="branch">{e(data['branch'])}</span>
    <a id="switch" href="?lang={other}">{e(t('switch', lang))}</a></header>
  <section class="card">
    <div class="service" id="service">{e(data['service'])}</div>
    <div class="number" id="number">{e(data['number'])}</div>
    <div class="headline{' go' if called else ''}" id="headline" role="status"
         aria-live="polite">{e(data['headline'])}</div>
    <div class="ahead" id="ahead"{_hidden(data['ahead_text'])}>{e(data['ahead_text'] or '')}</div>
    <div class="wait" id="wait"{_hidden(data['wait_text'])}>{e(data['wait_text'] or '')}</div>
  </section>
  <form id="subscribe" class="card"{_hidden(data['can_subscribe'])}>
    <label for="phone">{e(t('phone', lang))}</label>
    <input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="20">
    <label class="consent"><input id="consent" name="consent" type="checkbox"> {e(t('consent', lang))}</label>
    <button type="submit">{e(t('subscribe', lang))}</button>
    <div class="error" id="subscribe-error" hidden></div>
  </form>
  <div class="card note" id="subscribed"{_hidden(data['subscribed'])}>{e(t('subscribed', lang))}</div>
  <footer>
    <div id="updated">{e(data['updated_text'])}</div>
    <div id="freshness"{_hidden(data['freshness_text'])}>{e(data['freshness_text'] or '')}</div>
    <div id="offline" hidden>{e(t('offline', lang))}</div>
  </footer>
</main>
<script id="initial" type="application/json">{_json_in_html(data)}</script>
<script src="../static/page.js" defer></script>
</body>
</html>
"""


def render_missing(lang: str, message_key: str = "not_found") -> str:
    return f"""<!doctype html>
<html lang="{'zh-CN' if lang == 'zh' else 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>{escape(t('title', lang))}</title><link rel="stylesheet" href="../static/page.css"></head>
<body class="state-missing"><main><section class="card"><div class="headline">{escape(t(message_key, lang))}</div>
</section></main></body></html>
"""


def _json_in_html(data: dict[str, Any]) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
