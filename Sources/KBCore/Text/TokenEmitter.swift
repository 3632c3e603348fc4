/// The token-building state machine behind `Tokenizer.tokenize`: consumes normalized characters and
/// emits words, identifier parts and compounds, and CJK/Hangul bigrams.
///
/// Does not own memory: `bytes` must hold `byteScratchCount` bytes and `parts` `maxParts` records.
struct TokenEmitter {
    typealias Sink = (_ token: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ colocated: Bool) -> Bool

    /// A finished part of a compound identifier: its bytes in the word buffer and its source span.
    struct Part {
        var byteStart: Int
        var byteEnd: Int
        var start: Int
        var end: Int
    }

    static let maxParts = 40
    static let byteScratchCount = 128
    private static let maxBytes = Tokenizer.maxTokenBytes

    private let mode: TokenizeMode
    /// Word (compound) buffer: `maxBytes` bytes.
    private let word: UnsafeMutablePointer<UInt8>
    /// Bigram / unigram buffer: 8 bytes.
    private let out: UnsafeMutablePointer<UInt8>
    private let parts: UnsafeMutablePointer<Part>

    /// Set when the sink returned false: nothing more is emitted.
    private(set) var stopped = false

    // Latin word / compound identifier state.
    private var inWord = false
    private var wordLength = 0
    private var wordStart = 0
    private var wordEnd = 0
    private var partByteStart = 0
    private var partStart = 0
    private var partCount = 0
    /// A joiner seen after a word character, pending until we know whether a word character follows.
    private var joiner: UInt8 = 0
    private var joinerCount = 0
    /// The compound no longer fits a token: its parts are emitted as they end, the buffer holds one part.
    private var streaming = false
    /// The current part no longer fits a token: its remaining characters are dropped.
    private var truncated = false

    // CJK / Hangul run state.
    private enum Run: UInt8 { case none, cjk, hangul }
    private var run = Run.none
    private var runCount = 0
    private var previous: UInt32 = 0
    private var previousStart = 0
    private var previousEnd = 0
    /// Length of the katakana word (katakana and ー) ending at the previous character.
    private var katakanaLength = 0
    /// Query mode: a `ー` after a katakana word of three or more characters, held until we know whether
    /// it ends the run (then it is dropped).
    private var pendingChoon = false
    private var pendingStart = 0
    private var pendingEnd = 0

    init(mode: TokenizeMode, bytes: UnsafeMutablePointer<UInt8>, parts: UnsafeMutablePointer<Part>) {
        self.mode = mode
        self.word = bytes
        self.out = bytes + Self.maxBytes + 8
        self.parts = parts
    }

    // MARK: - Input

    @inline(__always)
    mutating func feed(_ c: NormalizedChar, _ sink: Sink) {
        switch c.kind {
        case .word:
            if run != .none { endRun(sink) }
            wordCharacter(c, sink)
        case .mark:
            if inWord, joiner == 0 {
                append(c.scalar, sink)
                wordEnd = c.end
            }
        case .joiner:
            if run != .none { endRun(sink) }
            guard inWord else { return }
            let j = UInt8(truncatingIfNeeded: c.scalar)
            if joiner == 0 {
                joiner = j
                joinerCount = 1
            } else if joiner == 0x3A, j == 0x3A, joinerCount == 1 {
                joinerCount = 2  // `::`
            } else {
                endWord(sink)
            }
        case .han, .hiragana, .katakana, .choon:
            if inWord { endWord(sink) }
            cjkCharacter(c, sink)
        case .hangul:
            if inWord { endWord(sink) }
            if run != .hangul {
                if run != .none { endRun(sink) }
                run = .hangul
            }
            push(c.scalar, c.start, c.end, sink)
        case .space, .separator:
            if inWord { endWord(sink) }
            if run != .none { endRun(sink) }
        }
    }

    mutating func finish(_ sink: Sink) {
        if inWord { endWord(sink) }
        if run != .none { endRun(sink) }
    }

    // MARK: - Words and identifiers

    @inline(__always)
    private mutating func wordCharacter(_ c: NormalizedChar, _ sink: Sink) {
        if !inWord {
            inWord = true
            wordLength = 0
            partByteStart = 0
            partCount = 0
            streaming = false
            truncated = false
            wordStart = c.start
            partStart = c.start
        } else if joiner != 0 {
            closePart(sink)
            partStart = c.start
            truncated = false
            joiner = 0
        }
        append(c.scalar, sink)
        wordEnd = c.end
    }

    /// Ends the current part of a compound at a joiner followed by a word character.
    private mutating func closePart(_ sink: Sink) {
        if streaming {
            emit(word, wordLength, partStart, wordEnd, false, sink)
            wordLength = 0
            partByteStart = 0
            return
        }
        parts[partCount] = Part(byteStart: partByteStart, byteEnd: wordLength, start: partStart, end: wordEnd)
        partCount += 1
        partByteStart = wordLength
        if wordLength + joinerCount > Self.maxBytes || partCount == Self.maxParts - 1 {
            startStreaming(sink)
            return
        }
        for _ in 0..<joinerCount {
            word[wordLength] = joiner
            wordLength += 1
        }
        partByteStart = wordLength
    }

    /// The compound cannot be a token: emits its finished parts and keeps only the current part.
    private mutating func startStreaming(_ sink: Sink) {
        for index in 0..<partCount {
            let part = parts[index]
            emit(word + part.byteStart, part.byteEnd - part.byteStart, part.start, part.end, false, sink)
        }
        partCount = 0
        let keep = wordLength - partByteStart
        if keep > 0, partByteStart > 0 {
            word.update(from: word + partByteStart, count: keep)
        }
        wordLength = keep
        partByteStart = 0
        streaming = true
    }

    @inline(__always)
    private mutating func append(_ v: UInt32, _ sink: Sink) {
        if truncated { return }
        if v < 0x80, wordLength < Self.maxBytes {
            word[wordLength] = UInt8(truncatingIfNeeded: v)
            wordLength += 1
            return
        }
        let n = Tokenizer.utf8Length(v)
        if wordLength + n > Self.maxBytes {
            if !streaming {
                if partCount > 0 {
                    startStreaming(sink)
                } else {
                    streaming = true  // a single part too long: never a compound
                }
            }
            if wordLength + n > Self.maxBytes {
                truncated = true
                return
            }
        }
        wordLength += Tokenizer.encodeUTF8(v, word + wordLength)
    }

    private mutating func endWord(_ sink: Sink) {
        inWord = false
        joiner = 0
        if streaming || partCount == 0 {
            if wordLength > 0 { emit(word, wordLength, partStart, wordEnd, false, sink) }
            return
        }
        parts[partCount] = Part(byteStart: partByteStart, byteEnd: wordLength, start: partStart, end: wordEnd)
        partCount += 1
        let first = parts[0]
        emit(word, first.byteEnd, first.start, first.end, false, sink)
        if mode == .document {
            emit(word, wordLength, wordStart, wordEnd, true, sink)
        }
        for index in 1..<partCount {
            let part = parts[index]
            emit(word + part.byteStart, part.byteEnd - part.byteStart, part.start, part.end, false, sink)
        }
        partCount = 0
    }

    // MARK: - CJK and Hangul runs

    @inline(__always)
    private mutating func cjkCharacter(_ c: NormalizedChar, _ sink: Sink) {
        if run != .cjk {
            if run != .none { endRun(sink) }
            run = .cjk
        }
        if pendingChoon {
            // Not the end of the run: the held ー is a normal character after all.
            pendingChoon = false
            push(0x30FC, pendingStart, pendingEnd, sink)
        }
        let katakanaLike = c.kind == .katakana || (c.kind == .choon && katakanaLength > 0)
        if mode == .query, c.kind == .choon, katakanaLength >= 3 {
            // Possibly the trailing ー of a katakana word of four or more characters: folded away if the
            // run ends here (see `Tokenizer`).
            pendingChoon = true
            pendingStart = c.start
            pendingEnd = c.end
            katakanaLength += 1
            return
        }
        push(c.scalar, c.start, c.end, sink)
        katakanaLength = katakanaLike ? katakanaLength + 1 : 0
    }

    /// Adds a character to the current run: emits the bigram it closes.
    @inline(__always)
    private mutating func push(_ v: UInt32, _ start: Int, _ end: Int, _ sink: Sink) {
        if runCount > 0 {
            let n = Tokenizer.encodeUTF8(previous, out)
            let m = Tokenizer.encodeUTF8(v, out + n)
            emit(out, n + m, previousStart, end, false, sink)
        }
        previous = v
        previousStart = start
        previousEnd = end
        runCount += 1
    }

    private mutating func endRun(_ sink: Sink) {
        if runCount == 1, previous != 0x30FC {
            let n = Tokenizer.encodeUTF8(previous, out)
            emit(out, n, previousStart, previousEnd, false, sink)
        }
        run = .none
        runCount = 0
        katakanaLength = 0
        pendingChoon = false
    }

    // MARK: - Output

    @inline(__always)
    private mutating func emit(
        _ p: UnsafeMutablePointer<UInt8>, _ n: Int, _ start: Int, _ end: Int, _ colocated: Bool, _ sink: Sink
    ) {
        if stopped { return }
        if !sink(UnsafeBufferPointer(start: p, count: n), start, end, colocated) { stopped = true }
    }
}
