/// Turns a user's query text into `QueryUnit`s (words, identifiers, Japanese segments, Korean stems)
/// that the ranking component compiles into an FTS5 expression, and quotes them safely.
///
/// Normalization is the tokenizer's (`TextScanner`), so a unit's `text` tokenizes in `.query` mode to its
/// `tokens`. Nothing in the input can produce FTS5 syntax: quotes, parentheses, `*`, `^`, `:`, `-`, `+`,
/// `AND`/`OR`/`NOT`/`NEAR` are separators or plain words, and every unit is emitted as a quoted string.
public enum QueryAnalyzer {
    /// The units of `text`, in order of appearance, duplicates removed. Empty or punctuation-only text → [].
    public static func units(_ text: String) -> [QueryUnit] {
        units(text, includingLatin: true)
    }

    /// `units(text)`, or only its Japanese and Korean units (`includingLatin` false: what the term aligner
    /// learns from, without building the Latin ones only to drop them).
    static func units(_ text: String, includingLatin: Bool) -> [QueryUnit] {
        let chars = TextScanner.characters(of: text)
        guard !chars.isEmpty else { return [] }
        let hiraganaChunk = hiraganaOnlyChunks(chars)
        var units: [QueryUnit] = []
        var seen = Set<String>()

        func add(_ scalars: [UInt32], _ script: QueryUnit.Script, prefix: Bool) {
            let text = string(scalars)
            guard !text.isEmpty, !seen.contains(text) else { return }
            let tokens = Tokenizer.tokens(text, mode: .query)
            guard !tokens.isEmpty else { return }
            seen.insert(text)
            units.append(QueryUnit(text: text, tokens: tokens, script: script, isPrefix: prefix))
        }

        var i = 0
        while i < chars.count {
            let kind = chars[i].kind
            if kind == .word {
                let j = latinEnd(chars, from: i)
                guard includingLatin else {
                    i = j
                    continue
                }
                let scalars = chars[i..<j].map(\.scalar)
                if scalars.reduce(0, { $0 + Tokenizer.utf8Length($1) }) <= Tokenizer.maxTokenBytes {
                    add(scalars, .latin, prefix: false)
                } else {
                    // Longer than a token, so documents do not hold it whole either: its parts are the units.
                    var start = i
                    for k in i...j where k == j || chars[k].kind == .joiner {
                        if k > start { add(chars[start..<k].map(\.scalar), .latin, prefix: false) }
                        start = k + 1
                    }
                }
                i = j
            } else if kind.isCJK {
                var j = i + 1
                while j < chars.count, chars[j].kind.isCJK { j += 1 }
                for segment in japaneseSegments(chars[i..<j], chunkIsHiragana: hiraganaChunk[i]) {
                    for piece in pieces(segment) { add(piece, .cjk, prefix: piece.count == 1) }
                }
                i = j
            } else if kind == .hangul {
                var j = i + 1
                while j < chars.count, chars[j].kind == .hangul { j += 1 }
                let glued = i > 0 && chars[i - 1].kind == .word
                if let stem = koreanStem(chars[i..<j].map(\.scalar), gluedToLatin: glued) {
                    for piece in pieces(stem) { add(piece, .hangul, prefix: piece.count == 1) }
                }
                i = j
            } else {
                i += 1
            }
        }
        return units
    }

    /// FTS5 string literal: wraps in double quotes, doubles inner quotes; always safe to put in MATCH.
    /// (NUL characters, which would cut a C string short, are dropped.)
    public static func quoted(_ s: String) -> String {
        var result = "\""
        result.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": result += "\"\""
            case "\0": continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        result += "\""
        return result
    }

    /// One unit as an FTS5 expression: quoted(text), plus `*` after the closing quote when isPrefix.
    public static func expression(_ unit: QueryUnit) -> String {
        unit.isPrefix ? quoted(unit.text) + "*" : quoted(unit.text)
    }

    // MARK: - Latin

    /// End of the word or compound identifier starting at `i` (same joining rules as the tokenizer).
    private static func latinEnd(_ chars: [NormalizedChar], from i: Int) -> Int {
        var j = i + 1
        while j < chars.count {
            let kind = chars[j].kind
            if kind == .word || kind == .mark {
                j += 1
                continue
            }
            if kind == .joiner {
                var m = j + 1
                if chars[j].scalar == 0x3A, m < chars.count, chars[m].kind == .joiner, chars[m].scalar == 0x3A {
                    m += 1  // `::`
                }
                if m < chars.count, chars[m].kind == .word {
                    j = m
                    continue
                }
            }
            break
        }
        return j
    }

    // MARK: - Japanese

    /// For each character: whether its white-space-delimited chunk has hiragana and no other letters.
    private static func hiraganaOnlyChunks(_ chars: [NormalizedChar]) -> [Bool] {
        var result = [Bool](repeating: false, count: chars.count)
        var start = 0
        while start < chars.count {
            if chars[start].kind == .space {
                start += 1
                continue
            }
            var end = start
            var hasHiragana = false
            var hasOther = false
            while end < chars.count, chars[end].kind != .space {
                switch chars[end].kind {
                case .hiragana: hasHiragana = true
                case .choon, .separator, .joiner, .space: break
                default: hasOther = true
                }
                end += 1
            }
            if hasHiragana, !hasOther {
                for index in start..<end { result[index] = true }
            }
            start = end
        }
        return result
    }

    /// Splits a run of Han/kana into segments: hiragana runs separate (particles, endings), except short
    /// okurigana inside a word (`読み取り専用`, `呼び出し`); Han and katakana parts are separate segments.
    static func japaneseSegments(_ run: ArraySlice<NormalizedChar>, chunkIsHiragana: Bool) -> [[UInt32]] {
        let scalars = run.map(\.scalar)
        let n = scalars.count
        var kinds: [NormalizedChar.Kind] = []
        kinds.reserveCapacity(n)
        for char in run {
            var kind = char.kind
            if char.scalar == 0x30F5 || char.scalar == 0x30F6 { kind = .han }  // ヵ ヶ as in 3ヶ月
            if kind == .choon { kind = kinds.last ?? .katakana }
            kinds.append(kind)
        }
        if kinds.allSatisfy({ $0 == .hiragana }) {
            return chunkIsHiragana && n >= 2 ? [scalars] : []
        }

        // Group of each kept character: 1 = Han (with its okurigana), 2 = katakana; 0 = dropped.
        var group = [UInt8](repeating: 0, count: n)
        var a = 0
        while a < n {
            guard kinds[a] == .hiragana else {
                group[a] = kinds[a] == .han ? 1 : 2
                a += 1
                continue
            }
            var b = a
            while b < n, kinds[b] == .hiragana { b += 1 }
            let afterHan = a > 0 && kinds[a - 1] == .han
            if afterHan, b < n, b - a <= 2, isOkurigana(scalars[a..<b]) {
                for index in a..<b { group[index] = 1 }
            } else if afterHan, a >= 2, kinds[a - 2] == .hiragana, group[a - 2] == 1,
                trailingOkurigana.contains(scalars[a])
            {
                // The last kana of a compound verb noun: 呼び出し, 書き換え, 割り当て.
                group[a] = 1
            }
            a = b
        }

        var segments: [[UInt32]] = []
        var current: [UInt32] = []
        var currentGroup: UInt8 = 0
        for index in 0..<n {
            if group[index] != currentGroup, !current.isEmpty {
                segments.append(current)
                current = []
            }
            currentGroup = group[index]
            if group[index] != 0 { current.append(scalars[index]) }
        }
        if !current.isEmpty { segments.append(current) }
        return segments.filter { !$0.allSatisfy { $0 == 0x30FC } }
    }

    /// Whether a one- or two-kana run between a Han character and another word character is okurigana
    /// (kept inside the word) rather than a particle or a verb ending.
    private static func isOkurigana(_ run: ArraySlice<UInt32>) -> Bool {
        if run.count == 1 { return !particles.contains(run.first!) }
        guard let first = run.first, let last = run.last else { return false }
        if particles.contains(first) || particles.contains(last) { return false }
        return !nonOkuriganaPairs.contains(string(Array(run)))
    }

    private static let particles: Set<UInt32> = Set("をがはのにへとでもやかねよ".unicodeScalars.map(\.value))

    private static let nonOkuriganaPairs: Set<String> = [
        "して", "した", "する", "され", "させ", "せず", "しな", "すれ", "から", "まで", "より", "など",
        "けど", "とか", "だけ", "しか", "ほど", "って", "たら", "なら", "ない", "なく", "だっ", "です",
        "ます", "でき", "でし", "まし", "れる", "られ", "えば", "れば", "たい", "った", "んだ", "ずに",
    ]

    private static let trailingOkurigana: Set<UInt32> = Set(
        "いきぎしじちにひびみりえけげせぜてねべめれ".unicodeScalars.map(\.value))

    // MARK: - Korean

    /// The stem of an eojeol: a glued particle or verb ending stripped from the end (longest first).
    /// Nil when nothing remains (a bare ending glued to a Latin word: `git에서`).
    static func koreanStem(_ syllables: [UInt32], gluedToLatin: Bool) -> [UInt32]? {
        let n = syllables.count
        for suffix in koreanSuffixes {
            let length = suffix.scalars.count
            guard length <= n else { continue }
            guard syllables[(n - length)...].elementsEqual(suffix.scalars) else { continue }
            if length == n {
                if gluedToLatin { return nil }
                continue
            }
            let remainder = n - length
            guard remainder >= suffix.minimumRemainder,
                suffix.condition.allows(after: syllables[remainder - 1])
            else { continue }
            return Array(syllables[..<remainder])
        }
        return n > 0 ? syllables : nil
    }

    /// A Korean particle or ending, with the phonological condition on the syllable it attaches to.
    private struct KoreanSuffix: Sendable {
        enum Condition: Sendable {
            case any, consonant, vowel, vowelOrRieul, consonantNotRieul

            func allows(after syllable: UInt32) -> Bool {
                if self == .any { return true }
                guard syllable >= 0xAC00, syllable <= 0xD7A3 else { return false }
                let final = (syllable - 0xAC00) % 28  // 0: no final consonant, 8: ㄹ
                switch self {
                case .any: return true
                case .consonant: return final != 0
                case .vowel: return final == 0
                case .vowelOrRieul: return final == 0 || final == 8
                case .consonantNotRieul: return final != 0 && final != 8
                }
            }
        }

        let scalars: [UInt32]
        let condition: Condition
        let minimumRemainder: Int

        init(_ text: String, _ condition: Condition = .any) {
            scalars = text.unicodeScalars.map(\.value)
            self.condition = condition
            // A one-syllable ending that could as well end a noun (회의, 도로, 화면) needs two syllables left.
            minimumRemainder = scalars.count == 1 && (condition == .any || text == "로") ? 2 : 1
        }
    }

    /// Longest first.
    private static let koreanSuffixes: [KoreanSuffix] = [
        // Particles.
        KoreanSuffix("의"), KoreanSuffix("을", .consonant), KoreanSuffix("를", .vowel),
        KoreanSuffix("이", .consonant), KoreanSuffix("가", .vowel), KoreanSuffix("은", .consonant),
        KoreanSuffix("는", .vowel), KoreanSuffix("에"), KoreanSuffix("로", .vowelOrRieul),
        KoreanSuffix("와", .vowel), KoreanSuffix("과", .consonant), KoreanSuffix("도"), KoreanSuffix("만"),
        KoreanSuffix("랑", .vowel), KoreanSuffix("면"),
        KoreanSuffix("에서"), KoreanSuffix("에게"), KoreanSuffix("한테"), KoreanSuffix("으로", .consonantNotRieul),
        KoreanSuffix("까지"), KoreanSuffix("부터"), KoreanSuffix("처럼"), KoreanSuffix("보다"),
        KoreanSuffix("이나", .consonant), KoreanSuffix("이랑", .consonant), KoreanSuffix("에는"), KoreanSuffix("에도"),
        KoreanSuffix("로는", .vowelOrRieul), KoreanSuffix("라는", .vowel), KoreanSuffix("라고", .vowel),
        KoreanSuffix("이란", .consonant), KoreanSuffix("이고", .consonant), KoreanSuffix("이며", .consonant),
        KoreanSuffix("이다", .consonant), KoreanSuffix("만큼"), KoreanSuffix("마다"), KoreanSuffix("밖에"),
        KoreanSuffix("이라는", .consonant), KoreanSuffix("이라고", .consonant), KoreanSuffix("에서는"),
        KoreanSuffix("에서도"), KoreanSuffix("에서의"), KoreanSuffix("으로는", .consonantNotRieul),
        KoreanSuffix("으로도", .consonantNotRieul), KoreanSuffix("입니다", .consonant),
        // Verb endings (하다/되다 verbs and common conjugations).
        KoreanSuffix("하면"), KoreanSuffix("하는"), KoreanSuffix("하니"), KoreanSuffix("하고"), KoreanSuffix("해서"),
        KoreanSuffix("하여"), KoreanSuffix("하지"), KoreanSuffix("하게"), KoreanSuffix("해도"), KoreanSuffix("하기"),
        KoreanSuffix("하다"), KoreanSuffix("한다"), KoreanSuffix("했다"), KoreanSuffix("해요"), KoreanSuffix("되면"),
        KoreanSuffix("되는"), KoreanSuffix("되고"), KoreanSuffix("되어"), KoreanSuffix("되지"), KoreanSuffix("된다"),
        KoreanSuffix("됐다"), KoreanSuffix("돼서"), KoreanSuffix("려고"), KoreanSuffix("니다"),
        KoreanSuffix("으면", .consonant), KoreanSuffix("면서"), KoreanSuffix("는데"), KoreanSuffix("지만"),
        KoreanSuffix("거나"), KoreanSuffix("했더니"), KoreanSuffix("했는데"), KoreanSuffix("합니다"),
        KoreanSuffix("됩니다"), KoreanSuffix("하려고"), KoreanSuffix("했습니다"), KoreanSuffix("됐습니다"),
        KoreanSuffix("되었습니다"), KoreanSuffix("습니다", .consonant), KoreanSuffix("했어요"), KoreanSuffix("됐어요"),
        KoreanSuffix("하세요"), KoreanSuffix("해주세요"), KoreanSuffix("하는데"), KoreanSuffix("되는데"),
        KoreanSuffix("하면서"), KoreanSuffix("하지만"), KoreanSuffix("했지만"), KoreanSuffix("했을"),
        KoreanSuffix("하려면"), KoreanSuffix("되려면"), KoreanSuffix("하니까"), KoreanSuffix("되니까"),
    ].sorted { $0.scalars.count > $1.scalars.count }

    // MARK: - Helpers

    /// The longest CJK or Hangul unit, in characters: longer runs (an unbroken Chinese sentence, a pasted
    /// blob) become consecutive pieces, each still a phrase of the text.
    public static let maxUnitCharacters = 16

    private static func pieces(_ segment: [UInt32]) -> [[UInt32]] {
        let size = maxUnitCharacters
        guard segment.count > size else { return [segment] }
        return stride(from: 0, to: segment.count, by: size).map { start in
            // A last piece of one character would be a prefix unit: take the two last characters instead.
            let from = min(start, segment.count - 2)
            return Array(segment[from..<min(start + size, segment.count)])
        }
    }

    private static func string(_ scalars: [UInt32]) -> String {
        var view = String.UnicodeScalarView()
        for value in scalars {
            if let scalar = Unicode.Scalar(value) { view.append(scalar) }
        }
        return String(view)
    }
}
