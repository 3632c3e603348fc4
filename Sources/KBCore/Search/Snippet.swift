import Foundation

/// Snippets: a window of an article's plain text centred on the matched terms, as segments with highlights.
/// Works on whole characters, so a highlight never splits a character or a surrogate pair.
public enum Snippet {
    /// Characters of context in a snippet.
    public static let width = 180

    /// Occurrences of `terms` in `text` (case-insensitive for ASCII; Latin terms at word boundaries), as UTF-8 ranges.
    static func occurrences(in bytes: [UInt8], terms: [QueryUnit], limit: Int = 64) -> [(range: Range<Int>, term: Int)] {
        var out: [(Range<Int>, Int)] = []
        @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
        @inline(__always) func isWord(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || b == 95 }
        for (t, term) in terms.enumerated() {
            let needle = Array(term.text.utf8)
            guard let first = needle.first, needle.count <= bytes.count else { continue }
            let latin = term.script == .latin
            var i = 0
            var found = 0
            let end = bytes.count - needle.count
            while i <= end && found < 8 {
                if lower(bytes[i]) == first {
                    var j = 1
                    while j < needle.count && lower(bytes[i + j]) == needle[j] { j += 1 }
                    if j == needle.count {
                        let before = i == 0 ? 32 : bytes[i - 1]
                        let after = i + j >= bytes.count ? 32 : bytes[i + j]
                        if !latin || (!isWord(before) && (term.isPrefix || !isWord(after))) {
                            out.append((i..<(i + j), t))
                            found += 1
                            i += j
                            continue
                        }
                    }
                }
                i += 1
            }
            if out.count >= limit { break }
        }
        return out.sorted { $0.0.lowerBound < $1.0.lowerBound }
    }

    /// The snippet of `text` for `terms`; the start of the summary or text when nothing matches.
    public static func segments(text: String, summary: String, terms: [QueryUnit]) -> [SnippetSegment] {
        let source = Array(text.utf8.prefix(64 * 1024))
        return segments(source: source, hits: occurrences(in: source, terms: terms), text: text, summary: summary)
    }

    /// The snippet of `text` and the terms found in `title` or `text` (in order of first occurrence), from one scan.
    static func analyze(text: String, title: String, summary: String, terms: [QueryUnit]) -> (segments: [SnippetSegment], matched: [String]) {
        let source = Array(text.utf8.prefix(64 * 1024))
        let hits = occurrences(in: source, terms: terms)
        var seen = Set<Int>()
        var matched: [String] = []
        for hit in occurrences(in: Array(title.utf8), terms: terms) + hits where seen.insert(hit.term).inserted {
            matched.append(terms[hit.term].text)
        }
        return (segments(source: source, hits: hits, text: text, summary: summary), matched)
    }

    static func segments(source: [UInt8], hits: [(range: Range<Int>, term: Int)], text: String, summary: String) -> [SnippetSegment] {
        guard !hits.isEmpty else {
            let base = summary.isEmpty ? text : summary
            return [SnippetSegment(text: clip(base[...], width), highlight: false)]
        }
        // The window (in bytes) holding the most distinct terms, starting at a hit.
        let windowBytes = width * 2
        var bestStart = 0
        var bestScore = -1
        for (n, hit) in hits.enumerated() {
            var distinct = Set<Int>()
            var m = n
            while m < hits.count && hits[m].range.lowerBound < hit.range.lowerBound + windowBytes {
                distinct.insert(hits[m].term)
                m += 1
            }
            if distinct.count > bestScore {
                bestScore = distinct.count
                bestStart = n
            }
        }
        // Start a little before the first hit, at a character boundary (never inside a UTF-8 sequence).
        var start = max(0, hits[bestStart].range.lowerBound - 60)
        while start > 0 && (source[start] & 0xC0) == 0x80 { start -= 1 }
        if start > 0, let nl = source[start..<hits[bestStart].range.lowerBound].lastIndex(of: 10) { start = nl + 1 }
        var end = min(source.count, start + windowBytes + 60)
        while end < source.count && (source[end] & 0xC0) == 0x80 { end += 1 }
        var segments: [SnippetSegment] = []
        var cursor = start
        func add(_ range: Range<Int>, _ highlight: Bool) {
            guard !range.isEmpty else { return }
            let piece = String(decoding: source[range].lazy.map { $0 == 10 ? 32 : $0 }, as: UTF8.self)
            if let last = segments.last, last.highlight == highlight {
                segments[segments.count - 1].text += piece
            } else {
                segments.append(SnippetSegment(text: piece, highlight: highlight))
            }
        }
        if start > 0 { segments.append(SnippetSegment(text: "…", highlight: false)) }
        for hit in hits where hit.range.lowerBound >= cursor && hit.range.upperBound <= end {
            add(cursor..<hit.range.lowerBound, false)
            add(hit.range, true)
            cursor = hit.range.upperBound
        }
        add(cursor..<end, false)
        if end < source.count { add(end..<end, false); segments.append(SnippetSegment(text: "…", highlight: false)) }
        return segments
    }

    static func clip(_ text: Substring, _ count: Int) -> String {
        let head = text.prefix(count + 1)
        let flat = String(decoding: head.utf8.lazy.map { $0 == 10 ? 32 : $0 }, as: UTF8.self)
        guard head.count > count else { return flat }
        return String(flat.prefix(count)) + "…"
    }
}
