import ArgumentParser
import Foundation
import KBCore

extension KB {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one article: LANG/SLUG (the slug may contain /).")

        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print JSON (with body, dates, author, signatures and translations).")
        var json = false
        @Argument(help: ArgumentHelp("The article, as LANG/SLUG (e.g. ja/ghcr-permission-denied-write-package).", valueName: "lang/slug"))
        var id: String

        func validate() throws {
            guard let slash = id.firstIndex(of: "/"), slash != id.startIndex, id.index(after: slash) != id.endIndex else {
                throw ValidationError("Please give the article as LANG/SLUG, e.g. en/docker-exec-format-error.")
            }
        }

        func run() throws {
            let slash = id.firstIndex(of: "/")!
            let lang = String(id[..<slash])
            let slug = String(id[id.index(after: slash)...])
            let engine = try database.searchEngine()
            guard let article = try engine.article(lang: lang, slug: slug) else {
                throw CLIError("no article \(lang)/\(slug); list articles with kb search or kb tags")
            }
            if json {
                try Terminal.printJSON(article)
                return
            }
            print(Terminal.bold(article.title))
            var facts = ["\(article.lang)/\(article.slug)", article.path]
            if let date = article.date { facts.append(date) }
            if let author = article.author { facts.append(author) }
            print(Terminal.dim(facts.joined(separator: " · ")))
            if !article.tags.isEmpty { print("tags: " + article.tags.map(\.tag).joined(separator: ", ")) }
            if !article.translations.isEmpty {
                print("translations: " + article.translations.map { "\($0.lang)/\($0.slug)" }.joined(separator: ", "))
            }
            if !article.summary.isEmpty { print("\n" + article.summary) }
            print("\n" + article.body)
        }
    }

    struct Tags: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tags with their article counts.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only count articles in this language.")
        var lang: String?
        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let tags = try database.searchEngine().tags(lang: lang)
            if json {
                try Terminal.printJSON(tags)
                return
            }
            let width = tags.map(\.tag.count).max() ?? 0
            for tag in tags {
                let langs = tag.langs.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                print(tag.tag.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(tag.count).leftPad(4) + "  " + Terminal.dim(langs))
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Counts about the database.")

        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let stats = try database.searchEngine(autoIngest: false).stats()
            if json {
                try Terminal.printJSON(stats)
                return
            }
            print("database:      \(database.path) (\(String(format: "%.1f", Double(stats.bytes) / 1_048_576)) MiB)")
            print("articles:      \(stats.articles)" + (stats.drafts > 0 ? " (+\(stats.drafts) drafts)" : ""))
            print("languages:     " + stats.languages.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            print("tags:          \(stats.tags)")
            print("signatures:    \(stats.signatures)")
            print("translations:  \(stats.translationGroups) topics in more than one language")
            print("learned terms: \(stats.learnedTerms)")
        }
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
