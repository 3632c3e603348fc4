import Foundation
import Mustache

/// The Mustache templates of the web pages, compiled into the binary. `{{name}}` escapes (`& < > " '`); the only
/// triple-brace value is an article body that `ArticleRenderer` has already sanitized.
enum WebTemplates {
    /// Every template by name; `WebTemplatesTests` renders each one.
    static let sources: [String: String] = [
        "head": head, "foot": foot, "searchForm": searchForm, "search": search, "article": article, "tags": tags, "tag": tag,
        "notFound": notFound, "error": error, "embed": embed,
    ]

    /// The parsed library. The sources are constants of this file, so a parse error is a programmer error (and
    /// fails `WebTemplatesTests`).
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, source) in sources {
            do {
                try library.register(source, named: name)
            } catch {
                preconditionFailure("web template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    static func render(_ name: String, _ value: Any) -> String {
        library.render(value, withTemplate: name) ?? ""
    }

    static let head = """
        <!DOCTYPE html>
        <html lang="{{layout.lang}}" dir="ltr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{layout.title}}</title>
        {{#layout.description}}<meta name="description" content="{{layout.description}}">
        {{/layout.description}}
        <meta name="color-scheme" content="light dark">
        <link rel="stylesheet" href="{{layout.stylesheet}}">
        <link rel="icon" href="{{layout.icon}}" type="image/svg+xml">
        {{#layout.alternates}}<link rel="alternate" hreflang="{{lang}}" href="{{href}}">
        {{/layout.alternates}}
        <script src="{{layout.script}}" defer></script>
        </head>
        <body>
        <a class="skip-link" href="#main">{{t.skipToContent}}</a>
        <header class="site-header"><div class="bar">
        <a class="brand" href="{{layout.homeHref}}">kb<span>{{t.brandTagline}}</span></a>
        <nav aria-label="{{t.navLabel}}">
        <a href="{{layout.homeHref}}"{{#layout.onSearch}} aria-current="page"{{/layout.onSearch}}>{{t.navSearch}}</a>
        <a href="{{layout.tagsHref}}"{{#layout.onTags}} aria-current="page"{{/layout.onTags}}>{{t.navTags}}</a>
        </nav>
        </div></header>
        <main id="main" tabindex="-1">

        """

    static let foot = """

        </main>
        <footer class="site-footer"><p>{{t.footer}} · <a href="{{layout.tagsHref}}">{{t.navTags}}</a> · <a href="/openapi.json">API</a></p></footer>
        </body>
        </html>

        """

    static let searchForm = """
        <form class="search-form{{#form.compact}} compact{{/form.compact}}" method="get" action="/" role="search" data-kb-search>
        <label for="q">{{t.queryLabel}}</label>
        <textarea id="q" name="q" rows="{{form.rows}}" spellcheck="false" autocapitalize="off" autocomplete="off" placeholder="{{t.queryPlaceholder}}" aria-describedby="q-hint"{{#form.autofocus}} autofocus{{/form.autofocus}}>
        {{form.query}}</textarea>
        <div class="form-row">
        <div class="field"><label for="lang">{{t.languageLabel}}</label>
        <select id="lang" name="lang">{{#form.languages}}<option value="{{code}}" lang="{{code}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/form.languages}}</select></div>
        <button type="submit">{{t.searchButton}}</button>
        <p class="hint" id="q-hint">{{t.searchHint}}</p>
        </div>
        </form>

        """

    static let search = """
        {{>head}}
        <h1>{{t.searchHeading}}</h1>
        {{>searchForm}}
        {{#hasQuery}}
        <section aria-labelledby="results-heading">
        <h2 id="results-heading" class="visually-hidden">{{t.resultsHeading}}</h2>
        <p class="result-count" role="status">{{resultCount}}</p>
        {{^results}}<p class="empty">{{t.noResults}}</p>{{/results}}
        <ol class="results">
        {{#results}}
        <li class="result" lang="{{lang}}" data-slug="{{lang}}/{{slug}}">
        <h2><a href="{{href}}">{{title}}</a> <span class="badge" title="{{langName}}">{{lang}}</span></h2>
        <p class="summary">{{summary}}</p>
        {{#hasSnippet}}<p class="snippet">{{#snippet}}{{#highlight}}<mark>{{text}}</mark>{{/highlight}}{{^highlight}}{{text}}{{/highlight}}{{/snippet}}</p>{{/hasSnippet}}
        {{#hasMatched}}<ul class="matched" lang="{{layout.uiLang}}">
        {{#matched}}<li><span class="label">{{label}}</span><code>{{line}}</code>{{#hasSignature}}<span class="label">{{t.signature}}</span><code lang="{{lang}}">{{signature}}</code>{{/hasSignature}}<span class="label">{{t.matchKind}}</span><span class="kind">{{kindLabel}}</span></li>
        {{/matched}}</ul>{{/hasMatched}}
        {{#hasTags}}<ul class="tags" aria-label="{{t.tagsLabel}}">{{#tags}}<li><a href="{{href}}">{{name}}</a></li>{{/tags}}</ul>{{/hasTags}}
        {{#hasTranslations}}<p class="also" lang="{{layout.uiLang}}">{{t.alsoIn}} {{#translations}}<a href="{{href}}" hreflang="{{lang}}" lang="{{lang}}" title="{{title}}">{{langName}}</a> {{/translations}}</p>{{/hasTranslations}}
        </li>
        {{/results}}
        </ol>
        </section>
        {{/hasQuery}}
        {{>foot}}
        """

    static let article = """
        {{>head}}
        <article>
        <header class="article-header">
        <h1>{{title}}</h1>
        {{#hasSummary}}<p class="summary">{{summary}}</p>{{/hasSummary}}
        <ul class="meta">
        {{#date}}<li>{{t.published}}: <time datetime="{{date}}">{{date}}</time></li>{{/date}}
        {{#updated}}<li>{{t.updated}}: <time datetime="{{updated}}">{{updated}}</time></li>{{/updated}}
        {{#author}}<li>{{t.author}}: {{author}}</li>{{/author}}
        {{#draft}}<li><strong>{{t.draft}}</strong></li>{{/draft}}
        </ul>
        {{#hasTranslations}}<nav class="translations" aria-label="{{t.translationsLabel}}"><span>{{t.alsoIn}}</span><ul>{{#translations}}<li><a href="{{href}}" hreflang="{{lang}}" lang="{{lang}}" rel="alternate" title="{{title}}">{{langName}}</a></li>{{/translations}}</ul></nav>{{/hasTranslations}}
        {{#hasTags}}<ul class="tags" aria-label="{{t.tagsLabel}}">{{#tags}}<li><a href="{{href}}">{{name}}</a></li>{{/tags}}</ul>{{/hasTags}}
        </header>
        <div class="article-body">
        {{{bodyHtml}}}
        </div>
        </article>
        {{>foot}}
        """

    static let tags = """
        {{>head}}
        <h1>{{t.tagsTitle}}</h1>
        {{^tags}}<p class="empty">{{t.noTags}}</p>{{/tags}}
        {{#hasTags}}
        <table class="tag-table">
        <thead><tr><th scope="col">{{t.tagColumn}}</th><th scope="col" class="num">{{t.totalColumn}}</th>{{#languages}}<th scope="col" class="num" lang="{{code}}">{{name}}</th>{{/languages}}</tr></thead>
        <tbody>
        {{#tags}}<tr><th scope="row"><a href="{{href}}">{{name}}</a></th><td class="num">{{count}}</td>{{#cells}}<td class="num">{{#hasCount}}<a href="{{href}}" aria-label="{{name}}: {{count}}">{{count}}</a>{{/hasCount}}{{^hasCount}}<span class="muted">–</span>{{/hasCount}}</td>{{/cells}}</tr>
        {{/tags}}
        </tbody>
        </table>
        {{/hasTags}}
        {{>foot}}
        """

    static let tag = """
        {{>head}}
        <h1>{{heading}}</h1>
        <ul class="filters" aria-label="{{t.filterByLanguage}}">{{#filters}}<li><a href="{{href}}"{{#current}} aria-current="true"{{/current}}>{{label}} ({{count}})</a></li>{{/filters}}</ul>
        {{#fallback}}<p class="muted">{{t.fallbackNote}}</p>{{/fallback}}
        <ol class="results">
        {{#articles}}<li class="result" lang="{{lang}}" data-slug="{{lang}}/{{slug}}"><h2><a href="{{href}}">{{title}}</a> <span class="badge" title="{{langName}}">{{lang}}</span></h2><p class="summary">{{summary}}</p></li>
        {{/articles}}
        </ol>
        {{#hasPager}}<nav class="pager">{{#previousHref}}<a href="{{previousHref}}" rel="prev">{{t.previousPage}}</a>{{/previousHref}}<span></span>{{#nextHref}}<a href="{{nextHref}}" rel="next">{{t.nextPage}}</a>{{/nextHref}}</nav>{{/hasPager}}
        {{>foot}}
        """

    static let notFound = """
        {{>head}}
        <h1>{{t.notFoundTitle}}</h1>
        {{#hasElsewhere}}<p>{{t.articleElsewhere}} {{#elsewhere}}<a href="{{href}}" hreflang="{{lang}}" lang="{{lang}}">{{langName}}</a> {{/elsewhere}}</p>{{/hasElsewhere}}
        <p>{{message}}</p>
        {{>searchForm}}
        {{>foot}}
        """

    static let error = """
        {{>head}}
        <h1>{{t.errorTitle}}</h1>
        <p>{{message}}</p>
        {{#detail}}<p class="muted" lang="en">{{detail}}</p>{{/detail}}
        <p class="muted">{{status}} · {{requestID}}</p>
        {{>searchForm}}
        {{>foot}}
        """

    static let embed = """
        <!DOCTYPE html>
        <html lang="{{layout.lang}}" dir="ltr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{layout.title}}</title>
        <meta name="color-scheme" content="light dark">
        <link rel="stylesheet" href="{{layout.stylesheet}}">
        </head>
        <body class="embed">
        <main>
        {{#match}}
        <section class="embed-match" data-slug="{{lang}}/{{slug}}">
        <p class="embed-title">{{t.suggestedFix}}</p>
        <h1 lang="{{lang}}"><a href="{{href}}" target="_blank" rel="noopener">{{title}}</a> <span class="badge" title="{{langName}}">{{lang}}</span></h1>
        <p lang="{{lang}}">{{summary}}</p>
        <p class="muted"><a href="{{href}}" target="_blank" rel="noopener">{{t.readArticle}} →</a> · {{t.confidence}} {{confidence}}</p>
        </section>
        {{/match}}
        {{^match}}{{#hasError}}<p>{{t.noFix}} <a href="{{searchHref}}" target="_blank" rel="noopener">{{t.searchKB}}</a></p>{{/hasError}}{{/match}}
        {{#hasAlternatives}}<p class="embed-title">{{t.possiblyRelated}}</p>
        <ul class="alternatives">{{#alternatives}}<li lang="{{lang}}"><a href="{{href}}" target="_blank" rel="noopener">{{title}}</a></li>{{/alternatives}}</ul>{{/hasAlternatives}}
        {{^hasError}}
        <form method="get" action="/embed">
        <label for="error">{{t.embedPrompt}}</label>
        <textarea id="error" name="error" rows="3" spellcheck="false"></textarea>
        <input type="hidden" name="lang" value="{{layout.lang}}">
        <button type="submit">{{t.findFix}}</button>
        </form>
        {{/hasError}}
        </main>
        </body>
        </html>

        """
}
