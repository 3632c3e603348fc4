extension WebAssets {
    /// `/assets/kb.css`: the pages' one stylesheet. CJK-aware font stacks (Japanese and Korean glyphs from fonts
    /// made for them, chosen by `:lang`), generous line height, readable at 320 px, visible keyboard focus, dark mode.
    static let stylesheet = #"""
        :root {
          color-scheme: light dark;
          --bg: #f7f7f5;
          --fg: #1f2328;
          --muted: #59636e;
          --border: #d5d9de;
          --card: #ffffff;
          --accent: #0a58ad;
          --accent-hover: #08458a;
          --accent-fg: #ffffff;
          --mark: #fde68a;
          --mark-fg: #1f2328;
          --code-bg: #f0f2f4;
          --pre-bg: #1f2430;
          --pre-fg: #e6e9ef;
          --badge-bg: #e3ecf7;
          --badge-fg: #0b3f75;
          --chip-bg: #eef0f2;
          --focus: #f59e0b;
          --radius: 8px;
          --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Noto Sans CJK JP",
            "Hiragino Sans", "Yu Gothic UI", Meiryo, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans CJK KR", sans-serif;
          --sans-ja: system-ui, -apple-system, "Segoe UI", Roboto, "Hiragino Sans", "Hiragino Kaku Gothic ProN",
            "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic UI", "Yu Gothic", Meiryo, sans-serif;
          --sans-ko: system-ui, -apple-system, "Segoe UI", Roboto, "Apple SD Gothic Neo", "Noto Sans CJK KR", "Noto Sans KR",
            "Malgun Gothic", "맑은 고딕", sans-serif;
          --mono: ui-monospace, "SFMono-Regular", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, "Noto Sans Mono CJK JP",
            monospace;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #15181d;
            --fg: #e6e8eb;
            --muted: #a3acb7;
            --border: #343b45;
            --card: #1c2027;
            --accent: #6cb0ff;
            --accent-hover: #9cc9ff;
            --accent-fg: #0d1117;
            --mark: #7a5c00;
            --mark-fg: #fff8e1;
            --code-bg: #262c35;
            --pre-bg: #0d1117;
            --badge-bg: #1f3350;
            --badge-fg: #cfe3ff;
            --chip-bg: #262c35;
          }
        }
        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body {
          margin: 0;
          background: var(--bg);
          color: var(--fg);
          font-family: var(--sans);
          font-size: 1rem;
          line-height: 1.65;
          overflow-wrap: break-word;
        }
        /* Han characters look different in Japanese and Korean: pick each language's fonts by the lang attribute.
           :where() keeps these at zero specificity, so code, pre and form fields keep their own fonts. */
        :where(:lang(ja)) { font-family: var(--sans-ja); line-height: 1.8; line-break: strict; }
        :where(:lang(ko)) { font-family: var(--sans-ko); line-height: 1.75; word-break: keep-all; }
        :where(:lang(en)) { font-family: var(--sans); }
        a { color: var(--accent); text-underline-offset: 0.15em; }
        a:hover { color: var(--accent-hover); }
        :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 3px; }
        .skip-link { position: absolute; left: -999px; top: 0; background: var(--card); padding: 0.5rem 1rem; z-index: 10; }
        .skip-link:focus { left: 0.5rem; top: 0.5rem; }
        .site-header { background: var(--card); border-bottom: 1px solid var(--border); }
        .site-header .bar { display: flex; align-items: center; gap: 1rem; max-width: 60rem; margin: 0 auto; padding: 0.6rem 1rem; }
        .brand { font-weight: 700; font-size: 1.15rem; color: var(--fg); text-decoration: none; letter-spacing: 0.02em; }
        .brand span { color: var(--muted); font-weight: 400; font-size: 0.9rem; margin-left: 0.4rem; }
        .site-header nav { margin-left: auto; display: flex; gap: 1rem; }
        .site-header nav a { text-decoration: none; font-weight: 500; }
        .site-header nav a[aria-current="page"] { text-decoration: underline; text-decoration-thickness: 2px; }
        main { display: block; max-width: 60rem; margin: 0 auto; padding: 1.25rem 1rem 3rem; }
        .site-footer { max-width: 60rem; margin: 0 auto; padding: 1rem; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--border); }
        h1 { font-size: 1.6rem; line-height: 1.35; margin: 0.4rem 0 1rem; }
        h2 { font-size: 1.25rem; line-height: 1.4; margin: 1.8rem 0 0.6rem; }
        h3 { font-size: 1.05rem; margin: 1.4rem 0 0.5rem; }
        p, ul, ol, table, pre, blockquote { margin: 0 0 1rem; }
        .muted { color: var(--muted); }
        .visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

        /* Search form */
        .search-form { background: var(--card); border: 1px solid var(--border); border-radius: var(--radius); padding: 1rem; margin-bottom: 1.5rem; }
        .search-form label { display: block; font-weight: 600; margin-bottom: 0.35rem; }
        .search-form textarea {
          width: 100%; min-height: 8.5rem; resize: vertical; padding: 0.6rem 0.7rem;
          font: 0.92rem/1.5 var(--mono); color: var(--fg); background: var(--bg);
          border: 1px solid var(--border); border-radius: 6px;
        }
        .search-form.compact textarea { min-height: 4.5rem; }
        .form-row { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.75rem; margin-top: 0.75rem; }
        .form-row .field { display: flex; flex-direction: column; }
        .form-row label { margin-bottom: 0.2rem; font-weight: 600; font-size: 0.9rem; }
        select {
          font: inherit; color: var(--fg); background: var(--bg); padding: 0.45rem 0.5rem;
          border: 1px solid var(--border); border-radius: 6px; min-height: 2.6rem;
        }
        button, .button {
          font: inherit; font-weight: 600; cursor: pointer; color: var(--accent-fg); background: var(--accent);
          border: 0; border-radius: 6px; padding: 0.55rem 1.4rem; min-height: 2.6rem;
        }
        button:hover { background: var(--accent-hover); }
        .hint { color: var(--muted); font-size: 0.85rem; margin: 0.5rem 0 0; flex-basis: 100%; }
        .compact .hint { display: none; }

        /* Results */
        .result-count { color: var(--muted); margin: 0 0 0.75rem; }
        .results { list-style: none; padding: 0; margin: 0; }
        .result { background: var(--card); border: 1px solid var(--border); border-radius: var(--radius); padding: 0.9rem 1rem; margin-bottom: 0.9rem; }
        .result h2 { font-size: 1.12rem; margin: 0 0 0.3rem; display: flex; gap: 0.5rem; align-items: baseline; }
        .result h2 a { text-decoration: none; }
        .result h2 a:hover { text-decoration: underline; }
        .result .summary { margin: 0 0 0.45rem; }
        .snippet { margin: 0 0 0.5rem; color: var(--muted); font-size: 0.93rem; }
        mark { background: var(--mark); color: var(--mark-fg); padding: 0 0.1em; border-radius: 2px; }
        .matched { margin: 0 0 0.5rem; padding: 0; list-style: none; font-size: 0.85rem; }
        .matched li { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.6rem; padding: 0.35rem 0.5rem; background: var(--code-bg); border-radius: 6px; margin-bottom: 0.3rem; }
        .matched .label { color: var(--muted); }
        .matched code { white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-all; background: none; padding: 0; }
        .badge {
          display: inline-block; flex: none; font: 600 0.72rem/1.6 var(--sans); letter-spacing: 0.04em; text-transform: uppercase;
          color: var(--badge-fg); background: var(--badge-bg); border-radius: 4px; padding: 0 0.4rem; text-decoration: none;
        }
        .kind { font-weight: 600; }
        .tags { display: flex; flex-wrap: wrap; gap: 0.35rem; list-style: none; padding: 0; margin: 0; }
        .tags a { display: inline-block; font-size: 0.8rem; padding: 0.05rem 0.55rem; border-radius: 999px; background: var(--chip-bg); color: var(--fg); text-decoration: none; }
        .tags a:hover { text-decoration: underline; }
        .also { font-size: 0.85rem; color: var(--muted); margin: 0.4rem 0 0; }
        .empty { background: var(--card); border: 1px dashed var(--border); border-radius: var(--radius); padding: 1rem; }

        /* Articles */
        .article-header { margin-bottom: 1.25rem; }
        .article-header .summary { font-size: 1.05rem; color: var(--muted); }
        .meta { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; font-size: 0.85rem; color: var(--muted); margin: 0 0 0.6rem; padding: 0; list-style: none; }
        .translations { display: flex; flex-wrap: wrap; gap: 0.4rem 0.9rem; align-items: baseline; font-size: 0.9rem; margin: 0 0 0.6rem; }
        .translations ul { display: contents; }
        .translations li { list-style: none; }
        .article-body { background: var(--card); border: 1px solid var(--border); border-radius: var(--radius); padding: 0.4rem 1.25rem 0.6rem; }
        .article-body h2 { border-bottom: 1px solid var(--border); padding-bottom: 0.25rem; }
        .article-body li { margin: 0.25rem 0; }
        .article-body img { max-width: 100%; height: auto; }
        code { font-family: var(--mono); font-size: 0.88em; background: var(--code-bg); padding: 0.1em 0.35em; border-radius: 4px; }
        pre {
          font-family: var(--mono); font-size: 0.86rem; line-height: 1.55; background: var(--pre-bg); color: var(--pre-fg);
          padding: 0.8rem 1rem; border-radius: 6px; overflow-x: auto; -webkit-overflow-scrolling: touch; tab-size: 4;
        }
        pre code { background: none; padding: 0; font-size: inherit; color: inherit; white-space: pre; }
        table { border-collapse: collapse; font-size: 0.93rem; }
        .article-body table { display: block; width: max-content; max-width: 100%; overflow-x: auto; -webkit-overflow-scrolling: touch; }
        th, td { border: 1px solid var(--border); padding: 0.4rem 0.65rem; text-align: left; vertical-align: top; }
        th { background: var(--code-bg); }
        td code { white-space: nowrap; }
        /* A code block or table lifted out of a numbered step (see MarkdownPreflight) stays under its step. */
        @media (min-width: 40.01rem) {
          .article-body ol + pre, .article-body ol + table { margin-left: 1.6rem; }
          .article-body ol + table { max-width: calc(100% - 1.6rem); }
        }
        blockquote { border-left: 4px solid var(--border); margin-left: 0; padding: 0.1rem 0 0.1rem 1rem; color: var(--muted); }

        /* Tags */
        .tag-table { width: 100%; }
        .tag-table td.num, .tag-table th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .filters { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0; margin: 0 0 1rem; }
        .filters a { display: inline-block; padding: 0.2rem 0.75rem; border: 1px solid var(--border); border-radius: 999px; text-decoration: none; background: var(--card); }
        .filters a[aria-current="true"] { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
        .pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 1rem; }

        /* The /embed iframe page */
        body.embed { background: var(--card); font-size: 0.92rem; }
        body.embed main { padding: 0.75rem 0.9rem; max-width: none; }
        .embed-title { font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); margin: 0 0 0.3rem; font-weight: 600; }
        .embed h1 { font-size: 1.05rem; margin: 0 0 0.35rem; display: flex; gap: 0.5rem; align-items: baseline; }
        .embed p { margin: 0 0 0.5rem; }
        .embed .alternatives { font-size: 0.85rem; margin: 0.4rem 0 0; padding-left: 1.1rem; }

        @media (max-width: 40rem) {
          body { font-size: 0.97rem; }
          h1 { font-size: 1.35rem; }
          main { padding: 1rem 0.75rem 2.5rem; }
          .site-header .bar { padding: 0.5rem 0.75rem; }
          .brand span { display: none; }
          .search-form { padding: 0.75rem; }
          .form-row .field { flex: 1 1 8rem; }
          .form-row button { flex: 1 1 8rem; }
          .article-body { padding: 0.2rem 0.85rem 0.4rem; border-left: 0; border-right: 0; border-radius: 0; margin: 0 -0.75rem; }
          pre { font-size: 0.8rem; margin-left: -0.85rem; margin-right: -0.85rem; border-radius: 0; }
          .matched li { grid-template-columns: 1fr; }
        }
        @media (prefers-reduced-motion: no-preference) { html { scroll-behavior: smooth; } }
        @media print { .site-header nav, .search-form, .site-footer { display: none; } }
        """#
}
