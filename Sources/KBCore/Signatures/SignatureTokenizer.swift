import Foundation

/// Splits text into the tokens used for partial matching of signatures.
///
/// Words are runs of letters, digits and `_`; they are lower-cased. Single ASCII
/// letters (`x`, `a`) and `‹…›` placeholders are dropped. Runs of Chinese, Japanese
/// and Korean characters are cut into overlapping bigrams (a lone character stays a
/// unigram), since those scripts do not separate words with spaces.
enum SignatureTokenizer {
    /// The longest placeholder, in bytes, that is skipped as one (`‹digest›` is 12).
    private static let maxPlaceholderBytes = 24

    /// Tokens of raw text: folded to NFKC first when it is not ASCII, as templates are.
    static func tokens(of text: some StringProtocol) -> [String] {
        var string = String(text)
        if string.utf8.contains(where: { $0 >= 0x80 }) {
            string = string.precomposedStringWithCompatibilityMapping
        }
        return string.withUTF8 { tokens(utf8: $0) }
    }

    /// Tokens of text that is already normalized (a template).
    static func tokens(ofTemplate text: String) -> [String] {
        var text = text
        return text.withUTF8 { tokens(utf8: $0) }
    }

    private struct Builder {
        var tokens: [String] = []
        var word: [UInt8] = []
        var wordIsASCII = true
        var cjk: [Unicode.Scalar] = []

        mutating func add(_ token: String) {
            // Templates have few tokens: a linear scan beats hashing.
            if !tokens.contains(token) { tokens.append(token) }
        }

        mutating func flushWord() {
            guard !word.isEmpty else { return }
            if wordIsASCII {
                if !(word.count == 1 && UTF8Text.isAlpha(word[0])) { add(String(decoding: word, as: UTF8.self)) }
            } else {
                add(String(decoding: word, as: UTF8.self).lowercased())
            }
            word.removeAll(keepingCapacity: true)
            wordIsASCII = true
        }

        mutating func flushCJK() {
            guard !cjk.isEmpty else { return }
            if cjk.count == 1 {
                add(String(Character(cjk[0])))
            } else {
                for k in 0..<(cjk.count - 1) {
                    var pair = String.UnicodeScalarView()
                    pair.append(cjk[k])
                    pair.append(cjk[k + 1])
                    add(String(pair))
                }
            }
            cjk.removeAll(keepingCapacity: true)
        }

        mutating func flush() {
            flushWord()
            flushCJK()
        }
    }

    static func tokens(utf8 s: UTF8Text.Bytes) -> [String] {
        var builder = Builder()
        let end = s.count
        var i = 0
        while i < end {
            let b = s[i]
            if b < 0x80 {
                if UTF8Text.isWord(b) {
                    builder.flushCJK()
                    builder.word.append(UTF8Text.lower(b))
                } else {
                    builder.flush()
                }
                i += 1
                continue
            }
            // ‹…› placeholders (U+2039 … U+203A).
            if b == 0xE2, i + 2 < end, s[i + 1] == 0x80, s[i + 2] == 0xB9 {
                var k = i + 3
                let limit = min(end, i + maxPlaceholderBytes)
                while k + 2 < limit && !(s[k] == 0xE2 && s[k + 1] == 0x80 && (s[k + 2] == 0xBA || s[k + 2] == 0xB9)) {
                    k += 1
                }
                if k + 2 < end, s[k] == 0xE2, s[k + 1] == 0x80, s[k + 2] == 0xBA {
                    builder.flush()
                    i = k + 3
                    continue
                }
            }
            let (u, length) = UTF8Text.decode(s, i, end)
            if UTF8Text.isWordScalar(u) {
                if UTF8Text.isCJK(u) {
                    builder.flushWord()
                    builder.cjk.append(u)
                } else {
                    builder.flushCJK()
                    builder.word.append(contentsOf: UnsafeBufferPointer(rebasing: s[i..<i + length]))
                    builder.wordIsASCII = false
                }
            } else {
                builder.flush()
            }
            i += length
        }
        builder.flush()
        return builder.tokens
    }
}
