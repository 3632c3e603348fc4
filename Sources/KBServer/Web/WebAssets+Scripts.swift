extension WebAssets {
    /// `/assets/kb.js`: small conveniences for the pages, which work without it. Ctrl+Enter (⌘+Enter) submits the
    /// search, `/` focuses the search box, and a text too long for a URL is sent with POST instead of GET.
    static let siteScript = #"""
        (function () {
          "use strict";
          var MAX_GET = 1800;
          function isTyping(target) {
            return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
          }
          document.addEventListener("DOMContentLoaded", function () {
            var forms = document.querySelectorAll("form[data-kb-search]");
            Array.prototype.forEach.call(forms, function (form) {
              var box = form.querySelector("textarea");
              if (!box) return;
              form.addEventListener("submit", function () {
                form.method = encodeURIComponent(box.value).length > MAX_GET ? "post" : "get";
              });
              box.addEventListener("keydown", function (event) {
                if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
                  event.preventDefault();
                  if (typeof form.requestSubmit === "function") form.requestSubmit(); else form.submit();
                }
              });
            });
            document.addEventListener("keydown", function (event) {
              if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
              var box = document.querySelector("form[data-kb-search] textarea");
              if (box) { event.preventDefault(); box.focus(); }
            });
          });
        })();
        """#

    /// `/embed.js`: the help widget that other sites include. It finds `[data-kb-help]` elements (or, with none, the
    /// script tag's own `data-kb-error-from`), reads the error text from the element that `data-kb-error-from` names
    /// (following an input or textarea as the user types), asks `/api/v1/help`, and shows the best fix with a link to
    /// the article. It builds its panel with DOM calls and `textContent` only, so no server text is parsed as HTML, and
    /// styles it through the CSSOM, so a host page's Content-Security-Policy need not allow inline styles.
    static let embedScript = #"""
        /*! kb help widget: <div data-kb-help data-kb-error-from="#log"></div> <script src="https://KB/embed.js" async></script> */
        (function () {
          "use strict";
          var script = document.currentScript;
          var base = (script && script.getAttribute("data-kb-base")) || "";
          if (!base && script && script.src) {
            try { base = new URL(".", script.src).href; } catch (e) { base = ""; }
          }
          base = base.replace(/\/+$/, "");
          var MAX_TEXT = 200000;
          var STRINGS = {
            en: { heading: "Suggested fix", related: "Possibly related", read: "Read the article", none: "No matching fix found.",
                  search: "Search kb", loading: "Looking for a fix…", failed: "kb could not be reached.", idle: "Paste or type an error to see a fix.",
                  confidence: "confidence", region: "kb: suggested fix" },
            ja: { heading: "解決方法の候補", related: "関連する可能性のある記事", read: "記事を読む", none: "一致する解決方法が見つかりませんでした。",
                  search: "kb で検索", loading: "解決方法を探しています…", failed: "kb に接続できませんでした。", idle: "エラーを貼り付けるか入力すると解決方法を表示します。",
                  confidence: "確度", region: "kb: 解決方法の候補" },
            ko: { heading: "추천 해결 방법", related: "관련이 있을 수 있는 문서", read: "문서 읽기", none: "일치하는 해결 방법을 찾지 못했습니다.",
                  search: "kb에서 검색", loading: "해결 방법을 찾는 중…", failed: "kb에 연결할 수 없습니다.", idle: "오류를 붙여 넣거나 입력하면 해결 방법을 보여 줍니다.",
                  confidence: "신뢰도", region: "kb: 추천 해결 방법" }
          };
          var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Hiragino Sans", ' +
            '"Noto Sans CJK JP", "Yu Gothic UI", Meiryo, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans CJK KR", sans-serif';
          var STYLES = {
            panel: { boxSizing: "border-box", maxWidth: "42rem", margin: "12px 0", padding: "12px 14px", border: "1px solid #d5d9de",
                     borderRadius: "8px", background: "#ffffff", color: "#1f2328", font: "14px/1.6 " + FONT, textAlign: "left" },
            heading: { margin: "0 0 4px", fontSize: "12px", fontWeight: "600", letterSpacing: "0.04em", textTransform: "uppercase", color: "#59636e" },
            title: { margin: "0 0 4px", fontSize: "16px", fontWeight: "600", lineHeight: "1.4" },
            link: { color: "#0a58ad", textDecoration: "underline", textUnderlineOffset: "0.15em" },
            badge: { display: "inline-block", marginLeft: "8px", padding: "0 6px", borderRadius: "4px", background: "#e3ecf7", color: "#0b3f75",
                     fontSize: "11px", fontWeight: "600", lineHeight: "1.6", textTransform: "uppercase", verticalAlign: "middle" },
            text: { margin: "0 0 6px" },
            muted: { margin: "0 0 6px", color: "#59636e", fontSize: "13px" },
            list: { margin: "2px 0 0", paddingLeft: "18px", fontSize: "13px" }
          };
          function strings(lang) { return STRINGS[lang] || STRINGS.en; }
          function styled(node, name) {
            var rules = STYLES[name] || {};
            for (var key in rules) { if (Object.prototype.hasOwnProperty.call(rules, key)) node.style[key] = rules[key]; }
            return node;
          }
          function make(tag, className, style, text) {
            var node = document.createElement(tag);
            if (className) node.className = className;
            if (style) styled(node, style);
            if (text != null) node.textContent = text;
            return node;
          }
          function link(href, text, lang) {
            var a = make("a", "kb-help-link", "link", text);
            a.href = href;
            a.target = "_blank";
            a.rel = "noopener";
            if (lang) a.lang = lang;
            return a;
          }
          function articleURL(result) {
            return base + "/a/" + encodeURIComponent(result.lang) + "/" + result.slug.split("/").map(encodeURIComponent).join("/");
          }
          function primaryLanguage(tag) {
            var match = /^([A-Za-z]{2,3})(?:[-_]|$)/.exec(tag || "");
            return match ? match[1].toLowerCase() : "";
          }
          function findSource(spec) {
            if (!spec) return null;
            var byID = /^[A-Za-z][\w:.-]*$/.test(spec) ? document.getElementById(spec) : null;
            if (byID) return byID;
            try { return document.querySelector(spec); } catch (e) { return null; }
          }
          function readText(source) {
            if (!source) return "";
            var text = /^(INPUT|TEXTAREA)$/.test(source.tagName) ? source.value : (source.innerText || source.textContent || "");
            return text.length > MAX_TEXT ? text.slice(text.length - MAX_TEXT) : text;
          }
          function ask(text, lang) {
            var url = base + "/api/v1/help" + (lang ? "?lang=" + encodeURIComponent(lang) : "");
            return fetch(url, { method: "POST", mode: "cors", credentials: "omit", headers: { "Content-Type": "text/plain;charset=UTF-8" }, body: text })
              .then(function (response) {
                if (!response.ok) throw new Error("kb answered " + response.status);
                return response.json();
              });
          }
          function setState(host, state, match) {
            host.setAttribute("data-kb-state", state);
            if (match) host.setAttribute("data-kb-match", match.lang + "/" + match.slug); else host.removeAttribute("data-kb-match");
          }
          function message(host, panel, text, state) {
            panel.textContent = "";
            panel.appendChild(make("p", "kb-help-message", "muted", text));
            panel.lastChild.style.margin = "0";
            setState(host, state, null);
          }
          function render(host, panel, lang, text, help) {
            var s = strings(lang);
            panel.textContent = "";
            var match = help && help.match;
            if (match) {
              panel.appendChild(make("p", "kb-help-heading", "heading", s.heading));
              var title = make("p", "kb-help-title", "title");
              title.lang = match.lang;
              title.appendChild(link(articleURL(match), match.title, match.lang));
              title.appendChild(make("span", "kb-help-lang", "badge", match.lang));
              panel.appendChild(title);
              var summary = make("p", "kb-help-summary", "text", match.summary);
              summary.lang = match.lang;
              panel.appendChild(summary);
              var footer = make("p", "kb-help-footer", "muted");
              footer.appendChild(link(articleURL(match), s.read + " →"));
              footer.appendChild(document.createTextNode(" · " + s.confidence + " " + Math.round((help.confidence || 0) * 100) + "%"));
              panel.appendChild(footer);
            } else {
              var none = make("p", "kb-help-none", "text", s.none + " ");
              none.appendChild(link(base + "/?q=" + encodeURIComponent(text.slice(0, 1500)) + (lang ? "&lang=" + encodeURIComponent(lang) : ""), s.search));
              panel.appendChild(none);
            }
            // Each article once: translations of the match (or of an earlier alternative) are not alternatives.
            var seen = {};
            function remember(result) {
              seen[result.lang + "/" + String(result.slug).toLowerCase()] = true;
              (result.translations || []).forEach(function (t) { seen[t.lang + "/" + String(t.slug).toLowerCase()] = true; });
            }
            if (match) remember(match);
            var others = [];
            ((help && help.alternatives) || []).forEach(function (result) {
              if (seen[result.lang + "/" + String(result.slug).toLowerCase()]) return;
              remember(result);
              others.push(result);
            });
            if (others.length) {
              panel.appendChild(make("p", "kb-help-heading", "heading", s.related));
              var list = make("ul", "kb-help-alternatives", "list");
              others.slice(0, 3).forEach(function (result) {
                var item = make("li");
                item.lang = result.lang;
                item.appendChild(link(articleURL(result), result.title, result.lang));
                list.appendChild(item);
              });
              panel.appendChild(list);
            }
            setState(host, match ? "match" : "none", match);
          }
          function mount(host) {
            if (host.getAttribute("data-kb-mounted") === "true") return;
            host.setAttribute("data-kb-mounted", "true");
            var lang = primaryLanguage(host.getAttribute("data-kb-lang")) ||
              primaryLanguage((host.closest && host.closest("[lang]") || document.documentElement).getAttribute("lang")) ||
              primaryLanguage(navigator.language);
            var s = strings(lang);
            var panel = styled(make("div", "kb-help-panel"), "panel");
            panel.setAttribute("role", "region");
            panel.setAttribute("aria-label", s.region);
            panel.setAttribute("aria-live", "polite");
            host.appendChild(panel);
            var source = findSource(host.getAttribute("data-kb-error-from"));
            var fixed = host.getAttribute("data-kb-error");
            var sequence = 0;
            function update() {
              var text = fixed != null ? fixed : readText(source);
              var current = ++sequence;
              if (!/\S/.test(text)) { message(host, panel, s.idle, "idle"); return; }
              message(host, panel, s.loading, "loading");
              ask(text, lang).then(function (help) {
                if (current === sequence) render(host, panel, lang, text, help);
              }, function () {
                if (current === sequence) message(host, panel, s.failed, "error");
              });
            }
            if (source && /^(INPUT|TEXTAREA)$/.test(source.tagName)) {
              var timer = 0;
              source.addEventListener("input", function () {
                clearTimeout(timer);
                timer = setTimeout(update, 500);
              });
            }
            update();
          }
          function scan() {
            var hosts = document.querySelectorAll("[data-kb-help]");
            if (!hosts.length && script && script.hasAttribute("data-kb-error-from")) {
              var host = document.createElement("div");
              host.setAttribute("data-kb-help", "");
              ["data-kb-error-from", "data-kb-lang"].forEach(function (name) {
                if (script.hasAttribute(name)) host.setAttribute(name, script.getAttribute(name));
              });
              script.parentNode.insertBefore(host, script.nextSibling);
              hosts = [host];
            }
            Array.prototype.forEach.call(hosts, mount);
          }
          window.kbHelp = { scan: scan, base: base };
          if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan); else scan();
        })();
        """#

    /// `/assets/favicon.svg`.
    static let favicon = #"""
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0a58ad"/><text x="16" y="22" font-family="system-ui, sans-serif" font-size="15" font-weight="700" text-anchor="middle" fill="#fff">kb</text></svg>
        """#
}
