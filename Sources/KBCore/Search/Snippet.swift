import Foundation

/// Snippets: a window of an article's plain text centred on the matched terms, as segments with highlights.
/// Works on whole characters, so a highlight never splits a character or a surrogate pair.
public enum Snippet {
    /// Characters of context in a snippet.
    public static let width = 180

    /// Occurrences of `terms` in `bytes` (case-insensitive for ASCII; Latin terms at word boundaries), as UTF-8
    /// ranges, at most 8 a term. The text is lower-cased once and each term found with `memchr` and `memcmp`.
    static func occurrences(in bytes: [UInt8], terms: [QueryUnit], limit: Int = 64) -> [(range: Range<Int>, term: Int)] {
        var out: [(range: Range<Int>, term: Int)] = []
        guard !bytes.isEmpty, !terms.isEmpty else { return out }
        @inline(__always) func isWord(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || b == 95 }
        var lowered = bytes
        lowered.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices where buffer[i] &- 65 < 26 { buffer[i] |= 0x20 }
        }
        lowered.withUnsafeBufferPointer { haystack in
            guard haystack.baseAddress != nil else { return }
            for (t, term) in terms.enumerated() {
                let needle = term.text.utf8.map { $0 &- 65 < 26 ? $0 | 0x20 : $0 }
                guard !needle.isEmpty, needle.count <= haystack.count else { continue }
                let latin = term.script == .latin
                var from = 0
                var found = 0
                while found < 8 && from + needle.count <= haystack.count {
                    guard let i = find(needle, in: haystack, from: from) else { break }
                    let j = i + needle.count
                    let before = i == 0 ? 32 : haystack[i - 1]
                    let after = j >= haystack.count ? 32 : haystack[j]
                    if !latin || (!isWord(before) && (term.isPrefix || !isWord(after))) {
                        out.append((i..<j, t))
                        found += 1
                        from = j
                    } else {
                        from = i + 1
                    }
                }
                if out.count >= limit { break }
            }
        }
        return out.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// The first position at or after `from` where `needle` (not empty) occurs in `haystack`.
    @inline(__always) static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = haystack.baseAddress, from + needle.count <= haystack.count else { return nil }
        let first = Int32(needle[0])
        var p = from
        let last = haystack.count - needle.count
        return needle.withUnsafeBufferPointer { n -> Int? in
            while p <= last {
                guard let hit = memchr(base + p, first, last - p + 1) else { return nil }
                let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + i, n.baseAddress!, n.count) == 0 { return i }
                p = i + 1
            }
            return nil
        }
    }

    /// Bytes of an article's text a snippet looks at.
    static let maxBytes = 64 * 1024

    /// The snippet of `body` (UTF-8, at most `maxBytes`) and the terms found in `title` or `body` (in order of first
    /// occurrence), from one scan.
    static func analyze(body: [UInt8], title: String, summary: String, terms: [QueryUnit]) -> (segments: [SnippetSegment], matched: [String]) {
        let hits = occurrences(in: body, terms: terms)
        var seen = Set<Int>()
        var matched: [String] = []
        for hit in occurrences(in: Array(title.utf8), terms: terms) + hits where seen.insert(hit.term).inserted {
            matched.append(terms[hit.term].text)
        }
        return (segments(source: body, hits: hits, summary: summary), matched)
    }

    static func segments(source: [UInt8], hits: [(range: Range<Int>, term: Int)], summary: String) -> [SnippetSegment] {
        guard !hits.isEmpty else {
            // A width of characters takes at most 4 bytes each (a cut UTF-8 sequence at the end is never reached).
            let base = summary.isEmpty ? String(decoding: source.prefix(4 * (width + 1)), as: UTF8.self) : summary
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
