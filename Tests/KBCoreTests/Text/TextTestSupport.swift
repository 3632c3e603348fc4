import KBCore

/// One emitted token with its source span, for assertions.
struct SpannedToken: Equatable, CustomStringConvertible {
    var text: String
    var start: Int
    var end: Int
    var colocated: Bool

    init(_ text: String, _ start: Int, _ end: Int, colocated: Bool = false) {
        self.text = text
        self.start = start
        self.end = end
        self.colocated = colocated
    }

    var description: String { "\(text)[\(start),\(end))\(colocated ? "@" : "")" }
}

/// Tokenizes raw bytes and records every callback, checking the per-token invariants on the way.
func spannedTokens(bytes: [UInt8], mode: TokenizeMode = .document) -> [SpannedToken] {
    var result: [SpannedToken] = []
    bytes.withUnsafeBufferPointer { buffer in
        Tokenizer.tokenize(buffer, mode: mode) { token, start, end, colocated in
            result.append(SpannedToken(String(decoding: token, as: UTF8.self), start, end, colocated: colocated))
            return true
        }
    }
    return result
}

func spannedTokens(_ text: String, mode: TokenizeMode = .document) -> [SpannedToken] {
    spannedTokens(bytes: Array(text.utf8), mode: mode)
}

/// A small deterministic generator (SplitMix64), so random tests are reproducible.
struct TokenizerTestRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Whether `phrase` occurs in `tokens` as consecutive tokens (compounds, which are colocated, aside).
func containsPhrase(_ tokens: [String], _ phrase: [String]) -> Bool {
    guard !phrase.isEmpty, tokens.count >= phrase.count else { return false }
    return (0...(tokens.count - phrase.count)).contains { Array(tokens[$0..<($0 + phrase.count)]) == phrase }
}
